import { beforeAll, describe, expect, it } from 'vitest';
import { joinForm } from '../integration/applications/world';
import { makeIdNumber } from '../support/ids';
import { call, loginAs, unique } from './client';

/**
 * GET /api/admin/audit over HTTP (serverless-offline + DynamoDB Local with the demo data): who may
 * read the trail (401 without a session, 403 for members, clerks and new accounts), an official's
 * own subtree only, an admin everything, filters and bad input; ID numbers masked in the answer.
 *
 * The entry: a join to 海口椰城公交工会 (org-g-hk-bus) decided by its official `bus` (openid
 * dev-bus). Above it 海口市总 (`haikou`) and 省总 (`province`); `sanya` and `hotel` are elsewhere.
 */
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];
const BUS = 'org-g-hk-bus';

beforeAll(async () => {
  for (const who of ['admin', 'province', 'haikou', 'sanya', 'bus', 'hotel', 'member', 'guest', 'clerk']) tokens[who] = await loginAs(who);
}, 60_000);

const trail = (token: string | undefined, query = '') => call('GET', `/api/admin/audit${query}`, { token });

/** Whether `who` finds the entry about `targetId` among bus's decisions (following cursors a few pages). */
async function finds(who: string, targetId: string): Promise<any | null> {
  let cursor: string | null = null;
  for (let page = 0; page < 5; page += 1) {
    const answer = await trail(as(who), `?actor=dev-bus&action=application.decide${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status, answer.text).toBe(200);
    const hit = (answer.body.items as any[]).find((e) => e.target.id === targetId);
    if (hit) return hit;
    cursor = answer.body.nextCursor;
    if (!cursor) return null;
  }
  return null;
}

describe('GET /api/admin/audit', () => {
  it('is for officials and admins only', async () => {
    expect(refusal(await trail(undefined))).toEqual([401, 'UNAUTHENTICATED']);
    for (const who of ['member', 'guest', 'clerk']) {
      const answer = await trail(as(who));
      expect(refusal(answer), who).toEqual([403, 'FORBIDDEN']);
      expect(answer.body.error.message).toBe('只有工会工作人员可以查看操作记录');
    }
  });

  it('shows a decision to the deciding union and those above, not beside; masked', async () => {
    const applicant = await loginAs(unique('audit'));
    const filed = await call('POST', '/api/applications', { token: applicant, json: { kind: 'join', form: joinForm(BUS) } });
    expect(filed.status, filed.text).toBe(201);
    const id = filed.body.application.id as string;
    const idNumber = makeIdNumber();
    const decided = await call('POST', `/api/applications/${id}/decisions`, {
      token: as('bus'),
      json: { step: 's1', decision: 'approve', comment: `已核对身份证 ${idNumber}` },
    });
    expect(decided.status, decided.text).toBe(200);

    for (const who of ['bus', 'haikou', 'province', 'admin']) {
      const entry = await finds(who, id);
      expect(entry, who).toMatchObject({
        action: 'application.decide',
        actor: { openid: 'de****', as: 'official', org: { id: BUS } },
        target: { type: 'application', id, label: '入会申请' },
        org: { id: BUS },
        before: { status: 'pending' },
        after: { status: 'approved', decision: 'approve', step: { comment: `已核对身份证 ${idNumber.slice(0, 2)}**************${idNumber.slice(-2)}` } },
      });
      expect(JSON.stringify(entry)).not.toContain(idNumber);
      expect(JSON.stringify(entry)).not.toContain('dev-bus');
    }
    for (const who of ['sanya', 'hotel']) expect(await finds(who, id), who).toBeNull();
  });

  it('answers newest first, filtered, and refuses bad filters, cursors and unknown parameters', async () => {
    const answer = await trail(as('haikou'), '?action=application');
    expect(answer.status, answer.text).toBe(200);
    const items = answer.body.items as Array<{ at: string; id: string; action: string }>;
    expect(items.every((e) => e.action.startsWith('application.'))).toBe(true);
    const order = items.map((e) => `${e.at}#${e.id}`);
    expect([...order].sort().reverse()).toEqual(order);

    expect(refusal(await trail(as('haikou'), '?action=DROP%20TABLE'))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await trail(as('haikou'), '?cursor=bm90LWEtY3Vyc29y'))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await trail(as('haikou'), '?orgId=x'))).toEqual([400, 'INVALID_INPUT']);
  });
});

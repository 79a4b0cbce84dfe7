import { beforeAll, describe, expect, it } from 'vitest';
import { statsResponse } from '../../functions/stats/contracts/stats';
import { joinForm } from '../integration/applications/world';
import { call, loginAs, unique } from './client';

/**
 * GET /api/admin/stats over HTTP (serverless-offline + DynamoDB Local with the demo data, and the
 * stack's stream consumer running the stats handler as Lambda would): who may read it, the shape
 * of the answer (the contract, strict), bad input, and counters that follow a filing within seconds.
 */
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];
const BUS = 'org-g-hk-bus';

beforeAll(async () => {
  for (const who of ['admin', 'province', 'haikou', 'sanya', 'bus', 'member', 'guest', 'clerk']) tokens[who] = await loginAs(who);
}, 60_000);

const stats = (token: string | undefined, query = '') => call('GET', `/api/admin/stats${query}`, { token });

/** Asks until `check` holds (the stream consumer polls every 300 ms), at most `ms`. */
async function eventually<T>(ask: () => Promise<T>, check: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await ask();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe('GET /api/admin/stats', () => {
  it('is for officials and admins only', async () => {
    expect(refusal(await stats(undefined))).toEqual([401, 'UNAUTHENTICATED']);
    for (const who of ['member', 'guest', 'clerk']) {
      const answer = await stats(as(who));
      expect(refusal(answer), who).toEqual([403, 'FORBIDDEN']);
      expect(answer.body.error.message).toBe('只有工会工作人员可以查看统计');
    }
  });

  it('answers the contract’s shape, with 12 months ending at the one asked', async () => {
    const answer = await stats(as('haikou'), '?month=2026-03');
    expect(answer.status, answer.text).toBe(200);
    const parsed = statsResponse.safeParse(answer.body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(answer.body.month).toBe('2026-03');
    expect(answer.body.months).toHaveLength(12);
    expect(answer.body.months[0]).toBe('2025-04');
    expect(answer.body.scope).toEqual([expect.objectContaining({ name: expect.stringContaining('海口') })]);
    expect(answer.body.formulas.meanDaysToDecide).toContain('平均办结天数');
  });

  it('counts the demo roster from the stream (admins: the whole province, a city official: their city)', async () => {
    const all = await eventually(() => stats(as('admin')), (a) => a.body?.members?.total >= 300);
    expect(all.status, all.text).toBe(200);
    expect(all.body.members.total).toBeGreaterThanOrEqual(300);
    const haikou = await stats(as('haikou'));
    expect(haikou.body.members.total).toBeGreaterThan(0);
    expect(haikou.body.members.total).toBeLessThan(all.body.members.total);
  });

  it('shows a new filing in the subtree’s pending figures within seconds', async () => {
    const before = (await eventually(() => stats(as('bus')), (a) => a.status === 200)).body;
    const joinsBefore = before.applications.byKind.find((k: any) => k.kind === 'join').pending as number;
    const sanyaBefore = (await stats(as('sanya'))).body.applications.pending as number;
    const filed = await call('POST', '/api/applications', { token: await loginAs(unique('stats')), json: { kind: 'join', form: joinForm(BUS) } });
    expect(filed.status, filed.text).toBe(201);
    const after = await eventually(
      () => stats(as('bus')),
      (a) => a.body?.applications?.byKind?.find((k: any) => k.kind === 'join')?.pending === joinsBefore + 1,
    );
    expect(after.body.applications.byKind.find((k: any) => k.kind === 'join').pending).toBe(joinsBefore + 1);
    // 三亚 is elsewhere in the tree: its figures do not move.
    expect((await stats(as('sanya'))).body.applications.pending).toBe(sanyaBefore);
  });

  it('refuses a malformed month and unknown parameters', async () => {
    const bad = await stats(as('province'), '?month=2026-13');
    expect(refusal(bad)).toEqual([400, 'INVALID_INPUT']);
    expect(bad.body.error.fields.month).toContain('YYYY-MM');
    expect(refusal(await stats(as('province'), '?orgId=x'))).toEqual([400, 'INVALID_INPUT']);
  });
});

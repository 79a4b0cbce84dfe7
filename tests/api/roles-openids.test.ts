import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../scripts/lib/demo-data';
import { maskOpenid } from '../../functions/kernel/masking';
import { call, demoMember, loginAs, unique } from './client';

/**
 * Issue 13, item 8 over HTTP (serverless-offline + DynamoDB Local with the demo data): the review
 * granted a role of 三亚 by `memberId` or `openid` to people of 海口 and read their full openid and
 * every role they hold from the answer; the audit trail kept full openids. Replayed here: role
 * changes for someone outside the caller's subtree answer exactly as for nobody (404, same body) and
 * change nothing; inside it the answer carries the openid masked (4 + 4) and the caller's roles only;
 * no answer of the role or audit endpoints holds a full openid or an ID number.
 * Demo members 141 (海口椰城公交工会) and 142 (海口, a clinic's union) of the free ones are this file's.
 */
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;
const demo = loadDemoData();
const DEMO_OPENIDS = demo.accounts.map((a) => a.openid);
const memberOf = (openid: string) => demo.accounts.find((a) => a.openid === openid)?.memberId as string;
/** Every answer of the role and audit endpoints this file saw. */
const seen: string[] = [];
/** Openids the answers must never show whole. */
const secrets = new Set<string>(DEMO_OPENIDS);

async function send(path: string, token: string, json?: unknown) {
  const answer = json === undefined ? await call('GET', path, { token }) : await call('POST', path, { token, json });
  seen.push(answer.text);
  return answer;
}
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code, answer.body?.error?.message];

/** A new log-in bound to demo member `index`; its openid. */
async function bound(index: number): Promise<{ openid: string; memberId: string }> {
  const name = unique('roles');
  const m = demoMember(index);
  const answer = await call('POST', '/api/me/binding', {
    token: await loginAs(name),
    json: { name: m.name, idNumber: m.idNumber, phoneCode: `dev-phone:${m.phone}`, consent: true },
  });
  expect(answer.status, answer.text).toBe(200);
  secrets.add(`dev-${name}`);
  return { openid: `dev-${name}`, memberId: m.id };
}

beforeAll(async () => {
  for (const who of ['admin', 'province', 'haikou', 'sanya', 'bus']) tokens[who] = await loginAs(who);
}, 60_000);

describe('role changes stay within the subtree and mask openids (review, item 8)', () => {
  it('answers a role change for someone outside the subtree exactly as for nobody, and changes nothing', async () => {
    const sanyaRole = { type: 'official', orgId: 'org-g-sy-hotel' };
    const noMember = refusal(await send('/api/admin/roles', as('sanya'), { memberId: '01KDVDZZZZZZZZZZZZZZZZZZZZ', role: sanyaRole }));
    const noAccount = refusal(await send('/api/admin/roles', as('sanya'), { openid: 'dev-nobody-ever-logged-in', role: sanyaRole }));
    expect(noMember.slice(0, 2)).toEqual([404, 'NOT_FOUND']);
    expect(noAccount.slice(0, 2)).toEqual([404, 'NOT_FOUND']);
    // dev-bus: a member and official of 海口椰城公交工会; dev-haikou: 海口市总's official, no member.
    for (const path of ['/api/admin/roles', '/api/admin/roles/revoke']) {
      expect(refusal(await send(path, as('sanya'), { memberId: memberOf('dev-bus'), role: sanyaRole })), path).toEqual(noMember);
      expect(refusal(await send(path, as('sanya'), { openid: 'dev-bus', role: sanyaRole })), path).toEqual(noAccount);
      expect(refusal(await send(path, as('sanya'), { openid: 'dev-haikou', role: sanyaRole })), path).toEqual(noAccount);
    }
    // Nothing written: 三亚's official has no role entries in the trail, bus still holds only its own role.
    const trail = await send('/api/admin/audit?actor=dev-sanya&action=role', as('admin'));
    expect(trail.status, trail.text).toBe(200);
    expect(trail.body.items).toEqual([]);
    const me = await call('GET', '/api/me', { token: as('bus') });
    expect(me.body.roles).toContainEqual({ type: 'official', orgId: 'org-g-hk-bus', orgName: expect.any(String) });
    expect(me.body.roles.filter((r: { type: string }) => r.type === 'official')).toHaveLength(1);
  });

  it('answers within the subtree with the openid masked and the caller’s roles only', async () => {
    const person = await bound(141);
    // The admin makes them a clerk too: 海口市总 never sees that role in its answers.
    const clerk = await send('/api/admin/roles', as('admin'), { openid: person.openid, role: { type: 'clerk', merchantId: 'mch-yefeng-cinema' } });
    expect(clerk.status, clerk.text).toBe(200);
    expect(clerk.body.openid).toBe(maskOpenid(person.openid));
    const role = { type: 'official', orgId: 'org-g-hk-bus' };
    const granted = await send('/api/admin/roles', as('haikou'), { memberId: person.memberId, role });
    expect(granted.status, granted.text).toBe(200);
    expect(granted.body).toEqual({ openid: maskOpenid(person.openid), roles: [{ type: 'official', orgId: 'org-g-hk-bus', orgName: expect.any(String) }], changed: true });
    const revoked = await send('/api/admin/roles/revoke', as('haikou'), { openid: person.openid, role });
    expect(revoked.body).toEqual({ openid: maskOpenid(person.openid), roles: [], changed: true });
    const other = await bound(142);
    expect((await send('/api/admin/roles', as('haikou'), { openid: other.openid, role })).status).toBe(200);
    expect((await send('/api/admin/roles/revoke', as('haikou'), { memberId: other.memberId, role })).status).toBe(200);
    // The trail shows the changes with masked openids; its actor filter takes the masked form it shows.
    const trail = await send('/api/admin/audit?action=role', as('haikou'));
    expect(trail.status, trail.text).toBe(200);
    const mine = (trail.body.items as any[]).filter((e) => e.target.id === maskOpenid(person.openid));
    expect(mine.map((e) => e.action)).toEqual(['role.revoke', 'role.grant']);
    expect(mine[0].actor.openid).toBe(maskOpenid('dev-haikou'));
    const byActor = await send(`/api/admin/audit?action=role&actor=${encodeURIComponent(mine[0].actor.openid)}`, as('haikou'));
    expect((byActor.body.items as any[]).some((e) => e.id === mine[0].id)).toBe(true);
  });

  it('never answers a full openid or an ID number from the role and audit endpoints', async () => {
    for (const who of ['admin', 'province', 'haikou', 'bus']) {
      let cursor: string | null = null;
      for (let page = 0; page < 5; page += 1) {
        const answer = await send(`/api/admin/audit${cursor ? `?cursor=${cursor}` : ''}`, as(who));
        expect(answer.status, answer.text).toBe(200);
        cursor = answer.body.nextCursor;
        if (!cursor) break;
      }
    }
    expect(seen.length).toBeGreaterThan(10);
    for (const text of seen) {
      for (const openid of secrets) expect(text, openid).not.toContain(openid);
      expect(text).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
    }
  });
});

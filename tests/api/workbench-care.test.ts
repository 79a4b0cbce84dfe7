import { beforeAll, describe, expect, it } from 'vitest';
import { joinForm, phoneOf } from '../integration/applications/world';
import { maskOpenid } from '../../functions/kernel/masking';
import { call, demoMember, loginAs, unique } from './client';

/**
 * Member care, orgs and roles over HTTP (serverless-offline + DynamoDB Local with the demo data):
 * 401 without a session and 403 for members, clerks and new accounts on every endpoint; officials
 * within their subtree only (`haikou` 海口市总, `sanya` 三亚市总); the answers' shapes, masked.
 * Demo members 120–129 and 143 of the free ones are this file's (client.ts › demoMember); the member who
 * leaves joins first (a join approved by `bus`), so the roster's active total never drops below the
 * seed's (the statistics test counts it).
 */
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];

const HAIKOU_SANITATION = demoMember(122); // 蔡海燕, 海口 (org-g-hk-sanitation)
const HAIKOU_RELEASE = demoMember(126); // 海口
const HAIKOU_UNBIND = demoMember(127); // 海口 (org-g-hk-property)

const ENDPOINTS: Array<[string, string, unknown?]> = [
  ['GET', '/api/admin/members?q=%E8%94%A1'],
  ['GET', `/api/admin/members/${HAIKOU_SANITATION.id}`],
  ['POST', `/api/admin/members/${HAIKOU_SANITATION.id}/phone-release`],
  ['POST', `/api/admin/members/${HAIKOU_SANITATION.id}/unbind`],
  ['POST', `/api/admin/members/${HAIKOU_SANITATION.id}/leave`, { reason: '调离', date: '2025-01-02' }],
  ['POST', '/api/admin/orgs', { parentId: 'org-haikou', name: '不应创建的工会', kind: 'grassroots' }],
  ['POST', '/api/admin/orgs/org-g-hk-bus/rename', { name: '不应改名' }],
  ['POST', '/api/admin/roles', { openid: 'dev-guest', role: { type: 'official', orgId: 'org-g-hk-bus' } }],
  ['POST', '/api/admin/roles/revoke', { openid: 'dev-bus', role: { type: 'official', orgId: 'org-g-hk-bus' } }],
  ['POST', '/api/admin/merchants', { name: '不应创建的商户' }],
];

const send = (method: string, path: string, token: string | undefined, json?: unknown) =>
  call(method, path, { token, ...(method === 'POST' ? { json: json ?? {} } : {}) });

/** A new account bound to a demo member through POST /api/me/binding (the development phone adapter). */
async function bindNew(m: { name: string; idNumber: string; phone: string }): Promise<{ token: string; answer: any }> {
  const token = await loginAs(unique('care'));
  const answer = await call('POST', '/api/me/binding', {
    token,
    json: { name: m.name, idNumber: m.idNumber, phoneCode: `dev-phone:${m.phone}`, consent: true },
  });
  return { token, answer };
}

beforeAll(async () => {
  for (const who of ['admin', 'province', 'haikou', 'sanya', 'member', 'guest', 'clerk']) tokens[who] = await loginAs(who);
}, 60_000);

describe('who may call', () => {
  it('answers 401 without a session and 403 to members, clerks and new accounts, on every endpoint', async () => {
    for (const [method, path, body] of ENDPOINTS) {
      expect(refusal(await send(method, path, undefined, body)), `${method} ${path}`).toEqual([401, 'UNAUTHENTICATED']);
      for (const who of ['member', 'guest', 'clerk']) {
        const answer = await send(method, path, as(who), body);
        expect(refusal(answer), `${who} ${method} ${path}`).toEqual([403, 'FORBIDDEN']);
        expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });

  it('refuses an official outside their subtree on every endpoint that names a member, org or role', async () => {
    const outside: Array<[string, string, unknown?]> = [
      ['GET', `/api/admin/members?q=${encodeURIComponent('蔡')}&orgId=org-haikou`],
      ['GET', `/api/admin/members/${HAIKOU_SANITATION.id}`],
      ['POST', `/api/admin/members/${HAIKOU_SANITATION.id}/phone-release`],
      ['POST', `/api/admin/members/${HAIKOU_SANITATION.id}/unbind`],
      ['POST', `/api/admin/members/${HAIKOU_SANITATION.id}/leave`, { reason: '调离', date: '2025-01-02' }],
      ['POST', '/api/admin/orgs', { parentId: 'org-haikou', name: unique('三亚不应建'), kind: 'grassroots' }],
      ['POST', '/api/admin/orgs/org-g-hk-bus/rename', { name: '不应改名' }],
      ['POST', '/api/admin/roles', { openid: 'dev-guest', role: { type: 'official', orgId: 'org-g-hk-bus' } }],
      ['POST', '/api/admin/roles/revoke', { openid: 'dev-bus', role: { type: 'official', orgId: 'org-g-hk-bus' } }],
      ['POST', '/api/admin/merchants', { name: '不应创建的商户' }],
    ];
    for (const [method, path, body] of outside) {
      expect(refusal(await send(method, path, as('sanya'), body)), `${method} ${path}`).toEqual([403, 'FORBIDDEN']);
    }
    // Nobody grants a role above their own org: 海口市总 may not make anyone an official of the province.
    const above = await send('POST', '/api/admin/roles', as('haikou'), { openid: 'dev-guest', role: { type: 'official', orgId: 'org-hainan' } });
    expect(refusal(above)).toEqual([403, 'FORBIDDEN']);
  });
});

describe('member care', () => {
  it('searches by phone and name within the subtree, masked', async () => {
    const m = HAIKOU_SANITATION;
    const byPhone = await call('GET', `/api/admin/members?q=${m.phone}`, { token: as('haikou') });
    expect(byPhone.status, byPhone.text).toBe(200);
    expect(byPhone.body).toEqual({
      items: [
        {
          id: m.id,
          name: m.name,
          sex: expect.stringMatching(/^(male|female)$/),
          idNumberMasked: `${m.idNumber.slice(0, 2)}${'*'.repeat(14)}${m.idNumber.slice(-2)}`,
          phoneMasked: `${m.phone.slice(0, 3)}****${m.phone.slice(-4)}`,
          union: { id: 'org-g-hk-sanitation', name: expect.any(String) },
          bound: false,
          cardNumber: null,
          status: 'active',
        },
      ],
      truncated: false,
    });
    expect(byPhone.text).not.toContain(m.idNumber);
    expect((await call('GET', `/api/admin/members?q=${m.phone}`, { token: as('sanya') })).body).toEqual({ items: [], truncated: false });
    const byName = await call('GET', `/api/admin/members?q=${encodeURIComponent(m.name.slice(0, 1))}`, { token: as('haikou') });
    expect(byName.status, byName.text).toBe(200);
    expect((byName.body.items as Array<{ id: string; name: string }>).every((x) => x.name.startsWith(m.name.slice(0, 1)))).toBe(true);
    expect((byName.body.items as Array<{ id: string }>).map((x) => x.id)).toContain(m.id);
    expect(refusal(await call('GET', '/api/admin/members', { token: as('haikou') }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await call('GET', '/api/admin/members?q=a&limit=5', { token: as('haikou') }))).toEqual([400, 'INVALID_INPUT']);
  });

  it('shows a member’s profile to the officials above', async () => {
    const answer = await call('GET', `/api/admin/members/${HAIKOU_SANITATION.id}`, { token: as('province') });
    expect(answer.status, answer.text).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['applications', 'bindings', 'card', 'cardHistory', 'coupons', 'member', 'rosterEntryCreatedAt', 'unionPath']);
    expect(answer.body.member).toMatchObject({ id: HAIKOU_SANITATION.id, status: 'active', left: null });
    expect(answer.body.unionPath.map((o: { id: string }) => o.id)).toEqual(['org-hainan', 'org-haikou', 'org-g-hk-sanitation']);
    expect(answer.text).not.toContain(HAIKOU_SANITATION.idNumber);
    expect(answer.text).not.toContain(HAIKOU_SANITATION.phone);
    expect(refusal(await call('GET', '/api/admin/members/no-such-member', { token: as('haikou') }))).toEqual([404, 'NOT_FOUND']);
  });

  it('releases a phone, unbinds an account (which binds again), records a leave (idempotent)', async () => {
    const released = await call('POST', `/api/admin/members/${HAIKOU_RELEASE.id}/phone-release`, { token: as('haikou'), json: {} });
    expect(released.status, released.text).toBe(200);
    expect(released.body).toMatchObject({ changed: true, member: { id: HAIKOU_RELEASE.id, phoneMasked: null } });

    const first = await bindNew(HAIKOU_UNBIND);
    expect(first.answer.status, first.answer.text).toBe(200);
    const unbound = await call('POST', `/api/admin/members/${HAIKOU_UNBIND.id}/unbind`, { token: as('haikou'), json: {} });
    expect(unbound.status, unbound.text).toBe(200);
    expect(unbound.body).toMatchObject({ changed: true, member: { bound: false } });
    expect((await call('GET', '/api/me', { token: first.token })).body.member).toBeNull();
    const again = await bindNew(HAIKOU_UNBIND);
    expect(again.answer.status, again.answer.text).toBe(200);
    expect(again.answer.body.member).toMatchObject({ id: HAIKOU_UNBIND.id });

    // A new member (a join approved by 公交工会), who then leaves.
    const form = joinForm('org-g-hk-bus');
    const filed = await call('POST', '/api/applications', { token: await loginAs(unique('joiner')), json: { kind: 'join', form } });
    expect(filed.status, filed.text).toBe(201);
    const approved = await call('POST', `/api/applications/${filed.body.application.id}/decisions`, {
      token: await loginAs('bus'),
      json: { step: 's1', decision: 'approve', comment: '同意入会' },
    });
    expect(approved.status, approved.text).toBe(200);
    const found = await call('GET', `/api/admin/members?q=${phoneOf(form)}`, { token: as('haikou') });
    expect(found.body.items).toHaveLength(1);
    const joined = { id: found.body.items[0].id as string, name: form.name, idNumber: form.idNumber, phone: phoneOf(form) };
    const leave = (body: unknown) => call('POST', `/api/admin/members/${joined.id}/leave`, { token: as('haikou'), json: body });
    expect(refusal(await call('POST', `/api/admin/members/${joined.id}/leave`, { token: as('sanya'), json: { reason: '调离', date: '2025-01-02' } }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(refusal(await leave({ reason: '', date: '2025-01-02' }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await leave({ reason: '调离', date: '2025/01/02' }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await leave({ reason: '调离', date: '2025-01-02', extra: 1 }))).toEqual([400, 'INVALID_INPUT']);
    const left = await leave({ reason: '调离本单位', date: '2025-01-02' });
    expect(left.status, left.text).toBe(200);
    expect(left.body).toMatchObject({ changed: true, member: { status: 'left', left: { on: '2025-01-02', reason: '调离本单位' } } });
    expect((await leave({ reason: '调离本单位', date: '2025-01-02' })).body).toMatchObject({ changed: false });
    const binding = await bindNew(joined);
    expect(refusal(binding.answer)).toEqual([403, 'MEMBERSHIP_ENDED']);
  });
});

describe('orgs and roles', () => {
  it('adds and renames a union; grants and revokes a role; admins add merchants and clerks', async () => {
    const name = unique('海口测试物业公司工会');
    const created = await call('POST', '/api/admin/orgs', {
      token: as('haikou'),
      json: { parentId: 'org-haikou', name, workUnit: '海口测试物业公司', kind: 'grassroots' },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.org).toMatchObject({ name, kind: 'grassroots', workUnit: '海口测试物业公司', regionCode: null, parent: { id: 'org-haikou' } });
    const id = created.body.org.id as string;
    const renamed = await call('POST', `/api/admin/orgs/${id}/rename`, { token: as('haikou'), json: { name: `${name}改` } });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ changed: true, org: { id, name: `${name}改` } });
    expect(refusal(await call('POST', '/api/admin/orgs', { token: as('haikou'), json: { parentId: 'org-haikou', name: `${name}改`, kind: 'grassroots' } }))).toEqual([
      409,
      'ORG_NAME_TAKEN',
    ]);

    // Roles go to people of the subtree: a member of a 海口 union (demo member 143), bound to a new log-in.
    const name2 = unique('newofficial');
    const future = demoMember(143);
    const binding = await call('POST', '/api/me/binding', {
      token: await loginAs(name2),
      json: { name: future.name, idNumber: future.idNumber, phoneCode: `dev-phone:${future.phone}`, consent: true },
    });
    expect(binding.status, binding.text).toBe(200);
    const masked = maskOpenid(`dev-${name2}`);
    const role = { type: 'official', orgId: id };
    const granted = await call('POST', '/api/admin/roles', { token: as('haikou'), json: { openid: `dev-${name2}`, role } });
    expect(granted.status, granted.text).toBe(200);
    expect(granted.body).toEqual({ openid: masked, roles: [{ type: 'official', orgId: id, orgName: `${name}改` }], changed: true });
    const revoked = await call('POST', '/api/admin/roles/revoke', { token: as('haikou'), json: { openid: `dev-${name2}`, role } });
    expect(revoked.body).toEqual({ openid: masked, roles: [], changed: true });
    expect(refusal(await call('POST', '/api/admin/roles', { token: as('haikou'), json: { role } }))).toEqual([400, 'INVALID_INPUT']);

    const merchant = await call('POST', '/api/admin/merchants', { token: as('admin'), json: { name: unique('测试商户') } });
    expect(merchant.status, merchant.text).toBe(201);
    expect(merchant.body.merchant).toMatchObject({ status: 'active' });
    const clerkRole = { type: 'clerk', merchantId: merchant.body.merchant.id };
    expect(refusal(await call('POST', '/api/admin/roles', { token: as('province'), json: { openid: `dev-${name2}`, role: clerkRole } }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    const clerk = await call('POST', '/api/admin/roles', { token: as('admin'), json: { openid: `dev-${name2}`, role: clerkRole } });
    expect(clerk.status, clerk.text).toBe(200);
    expect(clerk.body.roles).toEqual([{ type: 'clerk', merchantId: merchant.body.merchant.id, merchantName: merchant.body.merchant.name }]);
  });
});

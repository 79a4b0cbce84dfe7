import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../functions/audit';
import type { AuditStore } from '../../functions/audit/data/audit-store';
import type { AdminDeps } from '../../functions/membership/services/admin-ports';
import { maskOpenid } from '../../functions/kernel/masking';
import { makeIdNumber, makePhone } from '../support/ids';
import { outcomeOf, refusalOf } from '../support/outcome';
import { account, benefitWorld, boundMember, clerk, official, type BenefitWorld } from '../support/benefits';

/**
 * Orgs and roles on DynamoDB Local: officials add unions under their org and rename those of their
 * subtree (the union search finds them), grant and revoke official roles within their subtree only
 * — never above or beside — with the officials index written in the same transaction; admins
 * manage merchants and clerk roles. Every write leaves one audit entry, a refused one none.
 */
let w: BenefitWorld;
let admin: AdminDeps;
let orgs: typeof import('../../functions/membership/services/org-admin');
let roles: typeof import('../../functions/membership/services/role-admin');
let care: typeof import('../../functions/membership/services/member-care');
let store: AuditStore;
let officialsOf: (orgId: string) => Promise<string[]>;
let haikou: string;
let sanya: string;
let province: string;

beforeAll(async () => {
  w = await benefitWorld('orgrole');
  admin = await (await import('../../functions/membership/services/admin-deps')).adminDeps();
  orgs = await import('../../functions/membership/services/org-admin');
  roles = await import('../../functions/membership/services/role-admin');
  care = await import('../../functions/membership/services/member-care');
  store = (await import('../../functions/audit/data/audit-store')).auditStore;
  const { officialStore } = await import('../../functions/membership/data/official-store');
  officialsOf = (orgId) => officialStore.officialsOf(orgId);
  haikou = await official(w, w.cities.haikou.id);
  sanya = await official(w, w.cities.sanya.id);
  province = await official(w, w.province.id);
}, 60_000);

/** Every audit entry under this path (all pages), newest first. */
async function trail(orgPath: string[], filter: (e: AuditEntry) => boolean): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.list({ scope: { kind: 'subtree', orgPath }, after, limit: 100 });
    out.push(...page.entries.filter(filter));
    if (page.next === null) return out;
    after = page.next;
  }
}
async function allEntries(filter: (e: AuditEntry) => boolean): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.list({ scope: { kind: 'all' }, after, limit: 200 });
    out.push(...page.entries.filter(filter));
    if (page.next === null) return out;
    after = page.next;
  }
}
/** A refusal as the caller sees it: code, message and fields. */
const said = async (p: Promise<unknown>) => {
  const e = await refusalOf(p);
  return [e.code, e.message, JSON.stringify((e as { fields?: unknown }).fields ?? null)];
};
/** The trail keeps openids masked (4 + 4). */
const by = (openid: string) => (e: AuditEntry) => e.actor.openid === maskOpenid(openid);

let names = 0;
const unionName = (label: string) => `${label}${w.tag}${(names += 1)}工会`;

describe('POST /api/admin/orgs and /api/admin/orgs/{id}/rename', () => {
  it('adds a union under the official’s city, found by the union search, audited; renames it', async () => {
    const name = unionName('椰林物流有限公司');
    const created = await orgs.createOrg(admin, haikou, { parentId: w.cities.haikou.id, name, workUnit: `${name}单位`, kind: 'grassroots' });
    const id = created.org.id;
    expect(created.org).toEqual({
      id,
      name,
      kind: 'grassroots',
      workUnit: `${name}单位`,
      regionCode: null,
      parent: { id: w.cities.haikou.id, name: w.cities.haikou.name },
      path: [
        { id: w.province.id, name: w.province.name },
        { id: w.cities.haikou.id, name: w.cities.haikou.name },
        { id, name },
      ],
    });
    const stored = (await w.membership.orgs.getMany([id])).get(id);
    expect(stored).toMatchObject({ parentId: w.cities.haikou.id, kind: 'grassroots', path: [...w.cities.haikou.path, id] });

    // The union search (GET /api/orgs) reads the byKind level; uncached here, it finds the new union at once.
    const { searchUnions } = await import('../../functions/applications/services/orgs');
    const { orgDirectory } = await import('../../functions/membership/data/org-store');
    const searchDeps = { accounts: w.membership.accounts, orgs: w.membership.orgs, directory: orgDirectory };
    expect((await searchUnions(searchDeps, haikou, name)).items).toEqual([
      { id, name, workUnit: `${name}单位`, parent: { id: w.cities.haikou.id, name: w.cities.haikou.name } },
    ]);

    const renamed = await orgs.renameOrg(admin, haikou, id, { name: `${name}（新）` });
    expect(renamed).toMatchObject({ changed: true, org: { id, name: `${name}（新）`, workUnit: `${name}单位` } });
    expect(await orgs.renameOrg(admin, haikou, id, { name: `${name}（新）` })).toMatchObject({ changed: false });
    expect((await searchUnions(searchDeps, haikou, `${name}（新）`)).items.map((o) => o.id)).toEqual([id]);
    const cleared = await orgs.renameOrg(admin, w.admin, id, { name: `${name}（新）`, workUnit: null });
    expect(cleared).toMatchObject({ changed: true, org: { workUnit: null } });

    const entries = await trail(w.cities.haikou.path, (e) => e.target.id === id);
    expect(entries.map((e) => e.action)).toEqual(['org.rename', 'org.rename', 'org.create']);
    expect(entries[2]).toMatchObject({
      actor: { openid: maskOpenid(haikou), as: 'official', orgId: w.cities.haikou.id },
      target: { type: 'org', id, label: name },
      orgPath: [...w.cities.haikou.path, id],
      before: null,
      after: { name, kind: 'grassroots', parentId: w.cities.haikou.id },
    });
    expect(entries[1]).toMatchObject({ before: { name }, after: { name: `${name}（新）` } });
  });

  it('refuses outside the subtree, the wrong level, a taken name, members and clerks; refusals write nothing', async () => {
    const name = unionName('三亚湾酒店');
    // Officials of their own, so that their trail holds this test's writes only.
    const haikou = await official(w, w.cities.haikou.id);
    const province = await official(w, w.province.id);
    const member = (await boundMember(w, w.unions.haikou.id)).openid;
    const aClerk = await clerk(w, w.merchants.cinema);
    for (const who of [sanya, member, aClerk]) {
      expect(await outcomeOf(orgs.createOrg(admin, who, { parentId: w.cities.haikou.id, name, kind: 'grassroots' })), who).toBe('FORBIDDEN');
      expect(await outcomeOf(orgs.renameOrg(admin, who, w.unions.haikou.id, { name })), who).toBe('FORBIDDEN');
    }
    // A city official may not add beside or above: under the province, or rename the province.
    expect(await outcomeOf(orgs.createOrg(admin, haikou, { parentId: w.province.id, name, kind: 'city', regionCode: '88' }))).toBe('FORBIDDEN');
    expect(await outcomeOf(orgs.renameOrg(admin, haikou, w.province.id, { name }))).toBe('FORBIDDEN');
    // Levels: a union under a union, a city under a city, a city without its card region code.
    expect((await refusalOf(orgs.createOrg(admin, haikou, { parentId: w.unions.haikou.id, name, kind: 'grassroots' }))).code).toBe('ORG_PARENT_INVALID');
    expect((await refusalOf(orgs.createOrg(admin, haikou, { parentId: w.cities.haikou.id, name, kind: 'city', regionCode: '88' }))).code).toBe(
      'ORG_PARENT_INVALID',
    );
    expect((await refusalOf(orgs.createOrg(admin, province, { parentId: w.province.id, name, kind: 'city' }))).code).toBe('INVALID_INPUT');
    expect((await refusalOf(orgs.createOrg(admin, haikou, { parentId: w.cities.haikou.id, name: w.unions.sanya.name, kind: 'grassroots' }))).code).toBe(
      'ORG_NAME_TAKEN',
    );
    expect((await refusalOf(orgs.renameOrg(admin, haikou, w.unions.haikou.id, { name: w.unions.sanya.name }))).code).toBe('ORG_NAME_TAKEN');
    expect(await outcomeOf(orgs.createOrg(admin, haikou, { parentId: 'no-such-org', name, kind: 'grassroots' }))).toBe('NOT_FOUND');
    for (const who of [sanya, member, aClerk, haikou]) expect(await allEntries(by(who)), who).toEqual([]);

    // The province adds a city federation (with its card region code) under itself.
    const city = await orgs.createOrg(admin, province, { parentId: w.province.id, name: unionName('测试新市总'), kind: 'city', regionCode: '77' });
    expect(city.org).toMatchObject({ kind: 'city', regionCode: '77', parent: { id: w.province.id } });
    expect((await allEntries(by(province))).map((e) => e.action)).toEqual(['org.create']);
  });
});

describe('POST /api/admin/roles and /api/admin/roles/revoke', () => {
  it('grants and revokes official roles within the subtree, with the officials index; audited', async () => {
    // Someone of the subtree: a member of 海口's union (an account without a member there is not).
    const newcomer = (await boundMember(w, w.unions.haikou.id)).openid;
    const role = { type: 'official' as const, orgId: w.unions.haikou.id };
    const granted = await roles.grantRole(admin, haikou, { openid: newcomer, role });
    expect(granted).toEqual({
      openid: maskOpenid(newcomer),
      roles: [{ type: 'official', orgId: w.unions.haikou.id, orgName: w.unions.haikou.name }],
      changed: true,
    });
    expect(await officialsOf(w.unions.haikou.id)).toContain(newcomer);
    expect(await roles.grantRole(admin, haikou, { openid: newcomer, role })).toMatchObject({ changed: false });
    // The new official acts at once within the union.
    expect((await care.searchMembers(admin, newcomer, { q: makePhone() })).items).toEqual([]);

    // By member: the account the member is bound to.
    const bound = await boundMember(w, w.unions.haikou.id);
    expect(await roles.grantRole(admin, haikou, { memberId: bound.memberId, role })).toMatchObject({ openid: maskOpenid(bound.openid), changed: true });
    const roster = w.membership.roster;
    const unbound = await roster.createIfAbsent({ name: '未绑定', idNumber: makeIdNumber(), phone: makePhone(), orgId: w.unions.haikou.id }, w.membership.idCrypto, new Date());
    expect(await outcomeOf(roles.grantRole(admin, haikou, { memberId: unbound.id, role }))).toBe('INVALID_INPUT');
    expect(await outcomeOf(roles.grantRole(admin, haikou, { openid: 'nobody-ever-logged-in', role }))).toBe('NOT_FOUND');
    expect(await outcomeOf(roles.grantRole(admin, haikou, { openid: newcomer, memberId: bound.memberId, role }))).toBe('INVALID_INPUT');

    const revoked = await roles.revokeRole(admin, haikou, { openid: newcomer, role });
    expect(revoked).toEqual({ openid: maskOpenid(newcomer), roles: [], changed: true });
    expect(await officialsOf(w.unions.haikou.id)).not.toContain(newcomer);
    expect((await w.membership.accounts.get(newcomer))?.roles).toEqual([]);
    expect(await roles.revokeRole(admin, haikou, { openid: newcomer, role })).toMatchObject({ changed: false });
    expect(await outcomeOf(care.searchMembers(admin, newcomer, { q: '林' }))).toBe('FORBIDDEN');

    const entries = await trail(w.unions.haikou.path, (e) => e.target.id === maskOpenid(newcomer));
    expect(entries.map((e) => e.action)).toEqual(['role.revoke', 'role.grant']);
    expect(entries[1]).toMatchObject({
      actor: { openid: maskOpenid(haikou), as: 'official', orgId: w.cities.haikou.id },
      target: { type: 'account', id: maskOpenid(newcomer) },
      orgPath: w.unions.haikou.path,
      after: { held: true, role: { type: 'official', orgId: w.unions.haikou.id } },
    });
  });

  it('never grants above or beside the own org; clerks and merchants are for admins; refusals write nothing', async () => {
    const someone = await account(w.membership, `orgrole-x-${Date.now().toString(36)}`);
    const haikou = await official(w, w.cities.haikou.id);
    const unionOfficial = await official(w, w.unions.haikou.id);
    const member = (await boundMember(w, w.unions.haikou.id)).openid;
    const aClerk = await clerk(w, w.merchants.cinema);
    const attempts: Array<[string, { type: 'official'; orgId: string } | { type: 'clerk'; merchantId: string }]> = [
      [haikou, { type: 'official', orgId: w.province.id }], // above
      [haikou, { type: 'official', orgId: w.cities.sanya.id }], // beside
      [unionOfficial, { type: 'official', orgId: w.cities.haikou.id }], // the union's official, its city above
      [haikou, { type: 'clerk', merchantId: w.merchants.cinema }], // clerks: admins only
      [member, { type: 'official', orgId: w.unions.haikou.id }],
      [aClerk, { type: 'official', orgId: w.unions.haikou.id }],
    ];
    for (const [who, role] of attempts) {
      expect(await outcomeOf(roles.grantRole(admin, who, { openid: someone, role })), `${who} ${JSON.stringify(role)}`).toBe('FORBIDDEN');
      expect(await outcomeOf(roles.revokeRole(admin, who, { openid: haikou, role })), `${who} revoke`).toBe('FORBIDDEN');
    }
    expect((await w.membership.accounts.get(someone))?.roles).toEqual([]);
    expect((await w.membership.accounts.get(haikou))?.roles).toEqual([{ type: 'official', orgId: w.cities.haikou.id }]);
    for (const who of [haikou, unionOfficial, member, aClerk]) {
      expect(await allEntries((e) => by(who)(e) && e.action.startsWith('role.')), who).toEqual([]);
    }
    expect(await outcomeOf(roles.createMerchant(admin, haikou, { name: '不该建的商户' }))).toBe('FORBIDDEN');

    // Admins: a merchant, then a clerk of it (and revoke).
    const { merchant } = await roles.createMerchant(admin, w.admin, { name: `测试书店${w.tag}` });
    expect(merchant).toMatchObject({ name: `测试书店${w.tag}`, status: 'active' });
    expect((await w.membership.merchants.getMany([merchant.id])).get(merchant.id)).toMatchObject({ status: 'active' });
    const clerkRole = { type: 'clerk' as const, merchantId: merchant.id };
    expect(await roles.grantRole(admin, w.admin, { openid: someone, role: clerkRole })).toMatchObject({
      roles: [{ type: 'clerk', merchantId: merchant.id, merchantName: `测试书店${w.tag}` }],
      changed: true,
    });
    expect(await outcomeOf(roles.grantRole(admin, w.admin, { openid: someone, role: { type: 'clerk', merchantId: 'no-such-merchant' } }))).toBe('NOT_FOUND');
    expect(await roles.revokeRole(admin, w.admin, { openid: someone, role: clerkRole })).toMatchObject({ roles: [], changed: true });
    const entries = await allEntries(by(w.admin));
    expect(entries.filter((e) => e.target.id === maskOpenid(someone)).map((e) => e.action)).toEqual(['role.revoke', 'role.grant']);
    expect(entries.filter((e) => e.target.id === merchant.id)).toMatchObject([
      { action: 'merchant.create', actor: { as: 'admin', orgId: null }, orgPath: [], target: { type: 'merchant', label: `测试书店${w.tag}` } },
    ]);
  });
  it('refuses a role change for someone outside the subtree exactly as an unknown one, writing nothing (review, item 8)', async () => {
    // The attack: 三亚's official grants (and revokes) a role of their own union to members of 海口 by
    // memberId or openid, and read their full openid and every role they hold from the answer.
    const sanya = await official(w, w.cities.sanya.id);
    const ownRole = { type: 'official' as const, orgId: w.unions.sanya.id };
    const outsider = await boundMember(w, w.unions.haikou.id);
    const haikouOfficial = await official(w, w.unions.haikou.id);
    const unknownMember = await said(roles.grantRole(admin, sanya, { memberId: 'no-such-member', role: ownRole }));
    const unknownAccount = await said(roles.grantRole(admin, sanya, { openid: 'nobody-ever-logged-in', role: ownRole }));
    expect(unknownMember[0]).toBe('NOT_FOUND');
    expect(unknownAccount[0]).toBe('NOT_FOUND');
    const unboundOutsider = await w.membership.roster.createIfAbsent(
      { name: '未绑定', idNumber: makeIdNumber(), phone: makePhone(), orgId: w.unions.haikou.id },
      w.membership.idCrypto,
      new Date(),
    );
    for (const change of [roles.grantRole, roles.revokeRole]) {
      expect(await said(change(admin, sanya, { memberId: outsider.memberId, role: ownRole }))).toEqual(unknownMember);
      expect(await said(change(admin, sanya, { memberId: unboundOutsider.id, role: ownRole }))).toEqual(unknownMember);
      expect(await said(change(admin, sanya, { openid: outsider.openid, role: ownRole }))).toEqual(unknownAccount);
      expect(await said(change(admin, sanya, { openid: haikouOfficial, role: ownRole }))).toEqual(unknownAccount);
    }
    expect((await w.membership.accounts.get(outsider.openid))?.roles).toEqual([]);
    expect((await w.membership.accounts.get(haikouOfficial))?.roles).toEqual([{ type: 'official', orgId: w.unions.haikou.id }]);
    expect(await allEntries(by(sanya))).toEqual([]);

    // Within the subtree: the answer masks the openid and shows the roles the caller manages only.
    const both = await boundMember(w, w.unions.sanya.id);
    await roles.grantRole(admin, w.admin, { openid: both.openid, role: { type: 'official', orgId: w.unions.haikou.id } });
    await roles.grantRole(admin, w.admin, { openid: both.openid, role: { type: 'clerk', merchantId: w.merchants.cinema } });
    const granted = await roles.grantRole(admin, sanya, { memberId: both.memberId, role: ownRole });
    expect(granted).toEqual({
      openid: maskOpenid(both.openid),
      roles: [{ type: 'official', orgId: w.unions.sanya.id, orgName: w.unions.sanya.name }],
      changed: true,
    });
    expect(JSON.stringify(granted)).not.toContain(both.openid);
    // Someone whose only tie to the subtree is an official role of it (an official who is not a member there) is within reach.
    const sanyaUnionOfficial = await official(w, w.unions.sanya.id);
    expect(await roles.revokeRole(admin, sanya, { openid: sanyaUnionOfficial, role: ownRole })).toEqual({
      openid: maskOpenid(sanyaUnionOfficial),
      roles: [],
      changed: true,
    });
    const entries = await allEntries(by(sanya));
    expect(entries.map((e) => e.action)).toEqual(['role.revoke', 'role.grant']);
    for (const e of entries) {
      expect(JSON.stringify(e)).not.toContain(sanya);
      expect(JSON.stringify(e)).not.toContain(both.openid);
      expect(JSON.stringify(e)).not.toContain(sanyaUnionOfficial);
    }
  });
});

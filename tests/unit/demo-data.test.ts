import { describe, expect, it } from 'vitest';
import { isValidIdNumber } from '../../functions/membership/domain/id-number';
import { loadDemoData, type DemoOrg } from '../../scripts/lib/demo-data';
import { DEFAULT_BENEFIT_LIMITS, figuresAbove, merchantsWithoutAgreement } from '../../functions/benefits/domain/limits';

const data = loadDemoData();
const orgsById = new Map(data.orgs.map((o) => [o.id, o]));
const merchantIds = new Set(data.merchants.map((m) => m.id));
const memberIds = new Set(data.members.map((m) => m.id));

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

/** The org itself and its ancestors up to the root; throws on a cycle or a dangling parent. */
function lineage(org: DemoOrg): DemoOrg[] {
  const chain: DemoOrg[] = [org];
  let current = org;
  while (current.parentId !== null) {
    const parent = orgsById.get(current.parentId);
    if (!parent) throw new Error(`${current.id}: parent ${current.parentId} does not exist`);
    if (chain.includes(parent)) throw new Error(`${org.id}: cycle through ${parent.id}`);
    chain.push(parent);
    current = parent;
  }
  return chain;
}

describe('demo/demo-data.json', () => {
  it('has a roster of a few hundred members in a few dozen grassroots unions', () => {
    expect(data.members.length).toBeGreaterThanOrEqual(200);
    expect(data.orgs.filter((o) => o.kind === 'grassroots').length).toBeGreaterThanOrEqual(20);
  });

  it('has only valid GB 11643 ID numbers, each once', () => {
    const invalid = data.members.filter((m) => !isValidIdNumber(m.idNumber)).map((m) => `${m.id} ${m.idNumber}`);
    expect(invalid).toEqual([]);
    expect(duplicates(data.members.map((m) => m.idNumber))).toEqual([]);
  });

  it('has unique 11-digit mainland mobile numbers', () => {
    expect(data.members.filter((m) => !/^1[3-9]\d{9}$/.test(m.phone)).map((m) => m.id)).toEqual([]);
    expect(duplicates(data.members.map((m) => m.phone))).toEqual([]);
  });

  it('has unique ids for orgs, members, accounts and merchants', () => {
    expect(duplicates(data.orgs.map((o) => o.id))).toEqual([]);
    expect(duplicates(data.members.map((m) => m.id))).toEqual([]);
    expect(duplicates(data.accounts.map((a) => a.openid))).toEqual([]);
    expect(duplicates(data.merchants.map((m) => m.id))).toEqual([]);
  });

  it('forms one tree under the province federation', () => {
    const roots = data.orgs.filter((o) => o.parentId === null);
    expect(roots.map((o) => o.kind)).toEqual(['province']);
    for (const org of data.orgs) {
      expect(lineage(org).at(-1)).toBe(roots[0]);
    }
  });

  it('gives every org a kind that fits its place in the tree', () => {
    for (const org of data.orgs) {
      const parent = org.parentId === null ? undefined : orgsById.get(org.parentId);
      if (org.kind === 'province') expect(parent, org.id).toBeUndefined();
      if (org.kind === 'city' || org.kind === 'industry') expect(parent?.kind, org.id).toBe('province');
      if (org.kind === 'grassroots') {
        expect(['city', 'industry'], org.id).toContain(parent?.kind);
        expect(org.workUnit, org.id).toBeTruthy();
        expect(org.regionCode, org.id).toBeNull();
      }
    }
  });

  it('gives every grassroots union an ancestor with a 2-digit region code, unique per federation', () => {
    for (const org of data.orgs.filter((o) => o.kind === 'grassroots')) {
      const coded = lineage(org).find((o) => o.regionCode !== null);
      expect(coded?.regionCode, org.id).toMatch(/^\d{2}$/);
    }
    const codes = data.orgs.filter((o) => o.kind === 'city' || o.kind === 'industry').map((o) => o.regionCode ?? '');
    expect(codes.every((c) => /^\d{2}$/.test(c))).toBe(true);
    expect(duplicates(codes)).toEqual([]);
  });

  it('puts every member in an existing grassroots union', () => {
    const misplaced = data.members.filter((m) => orgsById.get(m.orgId)?.kind !== 'grassroots');
    expect(misplaced.map((m) => `${m.id} ${m.orgId}`)).toEqual([]);
  });

  it('gives demo accounts roles on existing orgs and merchants, and binds each member at most once', () => {
    for (const account of data.accounts) {
      expect(account.openid).toMatch(/^dev-[a-z0-9-]+$/);
      expect(account.label.length, account.openid).toBeGreaterThan(0);
      for (const role of account.roles) {
        if (role.type === 'official') expect(orgsById.has(role.orgId), `${account.openid} ${role.orgId}`).toBe(true);
        else if (role.type === 'clerk') expect(merchantIds.has(role.merchantId), `${account.openid} ${role.merchantId}`).toBe(true);
        else if (role.type === 'hardship') expect(orgsById.has(role.orgId), `${account.openid} ${role.orgId}`).toBe(true);
        else expect(role.type).toBe('admin');
      }
      if (account.memberId !== undefined) expect(memberIds.has(account.memberId), account.openid).toBe(true);
    }
    const bound = data.accounts.flatMap((a) => (a.memberId === undefined ? [] : [a.memberId]));
    expect(duplicates(bound)).toEqual([]);
  });

  it('offers officials at province, city, industry and grassroots level, an admin and a clerk', () => {
    const officialKinds = new Set(
      data.accounts.flatMap((a) => a.roles.flatMap((r) => (r.type === 'official' ? [orgsById.get(r.orgId)?.kind] : []))),
    );
    expect([...officialKinds].sort()).toEqual(['city', 'grassroots', 'industry', 'province']);
    const roleTypes = new Set(data.accounts.flatMap((a) => a.roles.map((r) => r.type)));
    expect(roleTypes.has('admin') && roleTypes.has('clerk')).toBe(true);
  });

  it('keeps the first three members unbound for people trying the binding by hand', () => {
    const bound = new Set(data.accounts.map((a) => a.memberId));
    for (const member of data.members.slice(0, 3)) expect(bound.has(member.id), member.id).toBe(false);
  });

  it('has merchants signed by the province or a city federation, and benefits that name only merchants their owner or an org above it signed, within their owner level\'s default limits (they publish under `npm start`)', () => {
    const merchants = new Map(data.merchants.map((m) => [m.id, { agreements: m.agreements ?? [] }]));
    for (const m of data.merchants) {
      expect(m.agreements?.length ?? 0, m.id).toBeGreaterThan(0);
      for (const a of m.agreements ?? []) expect(['province', 'city'], `${m.id} ${a.orgId}`).toContain(orgsById.get(a.orgId)?.kind);
    }
    for (const b of data.benefits) {
      const owner = orgsById.get(b.orgId);
      if (!owner) throw new Error(`${b.id}: unknown org ${b.orgId}`);
      const path = lineage(owner).map((o) => o.id);
      expect(merchantsWithoutAgreement(b.merchantIds, merchants, path), b.id).toEqual([]);
      expect(figuresAbove(b, DEFAULT_BENEFIT_LIMITS[owner.kind]), b.id).toEqual([]);
    }
  });
});

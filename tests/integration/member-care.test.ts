import { beforeAll, describe, expect, it } from 'vitest';
import { maskOpenid } from '../../functions/kernel/masking';
import type { AuditEntry } from '../../functions/audit';
import type { AuditStore } from '../../functions/audit/data/audit-store';
import type { AdminDeps } from '../../functions/membership/services/admin-ports';
import { makeIdNumber, makePhone } from '../support/ids';
import { outcomeOf, refusalOf } from '../support/outcome';
import { bindingOf } from '../support/binding';
import { account, benefitWorld, clerk, official, publishedBenefit, requestId, type BenefitWorld } from '../support/benefits';
import { useCases, type UseCases } from './context';

/**
 * Member care on DynamoDB Local: the search of an official's subtree (name prefix per union, phone,
 * ID number by keyed hash; masked), phone release (a member blocked by PHONE_IN_USE then enters the
 * roster and binds), unbinding (the member binds again from a new account), 退会 (the card no longer
 * verifies, benefits refuse, idempotent). Every write leaves exactly one audit entry; refused ones
 * (outside the subtree, members, clerks) none.
 */
let w: BenefitWorld;
let admin: AdminDeps;
let uc: UseCases;
let care: typeof import('../../functions/membership/services/member-care');
let store: AuditStore;
let haikou: string;
let haikouUnion: string;
let sanya: string;
let ip = 0;
const nextIp = () => `10.9.${Math.floor(ip / 250)}.${(ip += 1) % 250}`;

beforeAll(async () => {
  w = await benefitWorld('care');
  admin = await (await import('../../functions/membership/services/admin-deps')).adminDeps();
  care = await import('../../functions/membership/services/member-care');
  store = (await import('../../functions/audit/data/audit-store')).auditStore;
  uc = await useCases();
  haikou = await official(w, w.cities.haikou.id);
  haikouUnion = await official(w, w.unions.haikou.id);
  sanya = await official(w, w.cities.sanya.id);
}, 60_000);

let names = 0;
/** A name of this test file's own (so a prefix finds only this file's members). */
const freshSurname = () => `欧阳${String.fromCodePoint(0x4e00 + ((Date.now() + (names += 1) * 97) % 20000))}`;

interface Person {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
}

async function rosterMember(orgId: string, fields: Partial<Omit<Person, 'id'>> = {}): Promise<Person> {
  const entry = { name: fields.name ?? '林小海', idNumber: fields.idNumber ?? makeIdNumber(), phone: fields.phone ?? makePhone(), orgId };
  const created = await w.membership.roster.createIfAbsent(entry, w.membership.idCrypto, new Date());
  if (created.outcome !== 'created') throw new Error(`member not created: ${created.outcome}`);
  return { ...entry, id: created.id };
}

/** Binds a new WeChat account to the member the way the app does (phone verified by WeChat). */
async function bindNew(person: Person): Promise<string> {
  const openid = await account(w.membership, `care-acct-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
  await uc.bindMember(w.membership, openid, bindingOf(person), nextIp());
  return openid;
}

/** The audit entries about one member (or any target), newest first, read from the org's subtree. */
async function entriesAbout(orgPath: string[], targetId: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.list({ scope: { kind: 'subtree', orgPath }, after, limit: 100 });
    out.push(...page.entries.filter((e) => e.target.id === targetId));
    if (page.next === null) return out;
    after = page.next;
  }
}

/** Every new endpoint refuses a member, a clerk and an official of another city, writing nothing. */
async function refusedToOutsiders(run: (openid: string) => Promise<unknown>): Promise<void> {
  const member = await bindNew(await rosterMember(w.unions.haikou.id));
  const aClerk = await clerk(w, w.merchants.cinema);
  for (const who of [member, aClerk, sanya]) {
    const refusal = await refusalOf(run(who));
    expect(refusal.code, who).toBe('FORBIDDEN');
    expect(refusal.message).toMatch(/[\u4e00-\u9fa5]/);
  }
}

describe('GET /api/admin/members (search)', () => {
  it('finds members of the subtree by name prefix, phone and ID number, masked, and nothing beside it', async () => {
    const surname = freshSurname();
    const a = await rosterMember(w.unions.haikou.id, { name: `${surname}海` });
    const b = await rosterMember(w.unions.haikou.id, { name: `${surname}波` });
    const c = await rosterMember(w.unions.sanya.id, { name: `${surname}三` });

    const byName = await care.searchMembers(admin, haikou, { q: surname });
    expect(byName.items.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(byName.truncated).toBe(false);
    const hit = byName.items.find((m) => m.id === a.id);
    expect(hit).toEqual({
      id: a.id,
      name: a.name,
      sex: 'male',
      idNumberMasked: `${a.idNumber.slice(0, 2)}${'*'.repeat(14)}${a.idNumber.slice(-2)}`,
      phoneMasked: `${a.phone.slice(0, 3)}****${a.phone.slice(-4)}`,
      union: { id: w.unions.haikou.id, name: w.unions.haikou.name },
      bound: false,
      cardNumber: null,
      status: 'active',
    });
    const text = JSON.stringify(byName);
    for (const p of [a, b]) {
      expect(text).not.toContain(p.idNumber);
      expect(text).not.toContain(p.phone);
    }
    // A longer prefix narrows; the union's own official sees its members; the province everything below.
    expect((await care.searchMembers(admin, haikou, { q: `${surname}海` })).items.map((m) => m.id)).toEqual([a.id]);
    expect((await care.searchMembers(admin, haikouUnion, { q: surname })).items).toHaveLength(2);
    const province = await official(w, w.province.id);
    expect((await care.searchMembers(admin, province, { q: surname })).items).toHaveLength(3);
    expect((await care.searchMembers(admin, province, { q: surname, orgId: w.cities.sanya.id })).items.map((m) => m.id)).toEqual([c.id]);
    expect((await care.searchMembers(admin, w.admin, { q: surname, orgId: w.province.id })).items).toHaveLength(3);

    // Phone and ID number: exact, one read each; outside the subtree they find nothing.
    expect((await care.searchMembers(admin, haikou, { q: a.phone })).items.map((m) => m.id)).toEqual([a.id]);
    expect((await care.searchMembers(admin, haikou, { q: a.idNumber })).items.map((m) => m.id)).toEqual([a.id]);
    expect((await care.searchMembers(admin, haikou, { q: c.phone })).items).toEqual([]);
    expect((await care.searchMembers(admin, haikou, { q: c.idNumber })).items).toEqual([]);
    expect((await care.searchMembers(admin, sanya, { q: a.phone })).items).toEqual([]);
    expect((await care.searchMembers(admin, sanya, { q: surname })).items.map((m) => m.id)).toEqual([c.id]);
    expect((await care.searchMembers(admin, haikou, { q: makePhone() })).items).toEqual([]);

    // Narrowing to an org outside the subtree is refused; members, clerks are refused.
    expect((await refusalOf(care.searchMembers(admin, haikou, { q: surname, orgId: w.cities.sanya.id }))).code).toBe('FORBIDDEN');
    const member = await bindNew(await rosterMember(w.unions.haikou.id));
    expect(await outcomeOf(care.searchMembers(admin, member, { q: surname }))).toBe('FORBIDDEN');
    expect(await outcomeOf(care.searchMembers(admin, await clerk(w, w.merchants.cinema), { q: surname }))).toBe('FORBIDDEN');
  });

  it('refuses a name search over more orgs than it may query, and suggests narrowing', async () => {
    const wide = { ...admin, directory: { listByKind: async () => Array.from({ length: care.MAX_NAME_SEARCH_ORGS + 1 }, () => w.unions.haikou) } };
    const refusal = await refusalOf(care.searchMembers(wide, haikou, { q: '林' }));
    expect(refusal.code).toBe('MEMBER_SEARCH_TOO_BROAD');
  });
});

describe('POST /api/admin/members/{id}/phone-release', () => {
  it('frees the number: the member who holds it now enters the roster and binds; audited once', async () => {
    const phone = makePhone();
    const old = await rosterMember(w.unions.haikou.id, { phone });
    await bindNew(old);
    // The number now belongs to somebody else, whose roster entry it blocks (PHONE_IN_USE).
    const newcomer = { name: '陈新来', idNumber: makeIdNumber(), phone, orgId: w.unions.haikou.id };
    expect((await w.membership.roster.createIfAbsent(newcomer, w.membership.idCrypto, new Date())).outcome).toBe('phone-in-use');

    await refusedToOutsiders((who) => care.releasePhone(admin, who, old.id));
    expect(await entriesAbout(w.cities.haikou.path, old.id)).toEqual([]);

    const released = await care.releasePhone(admin, haikouUnion, old.id);
    expect(released).toMatchObject({ changed: true, member: { id: old.id, phoneMasked: null, bound: true, status: 'active' } });
    expect(await w.membership.roster.phoneOwner(phone)).toBeNull();
    expect((await w.membership.roster.get(old.id))?.phone).toBe('');

    const created = await w.membership.roster.createIfAbsent(newcomer, w.membership.idCrypto, new Date());
    expect(created.outcome).toBe('created');
    const openid = await bindNew({ ...newcomer, id: created.id });
    expect((await uc.getMe(w.membership, openid)).member).toMatchObject({ id: created.id, name: '陈新来' });

    // Again: nothing to release, nothing written.
    expect(await care.releasePhone(admin, haikouUnion, old.id)).toMatchObject({ changed: false });
    const entries = await entriesAbout(w.cities.haikou.path, old.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'member.release-phone',
      actor: { openid: maskOpenid(haikouUnion), as: 'official', orgId: w.unions.haikou.id },
      target: { type: 'member', id: old.id },
      orgPath: w.unions.haikou.path,
      before: { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` },
      after: { phone: null },
    });
    expect(JSON.stringify(entries)).not.toContain(phone);
  });
});

describe('POST /api/admin/members/{id}/unbind', () => {
  it('clears the binding on both sides: the member binds again from a new account; audited once', async () => {
    const person = await rosterMember(w.unions.haikou.id);
    const lost = await bindNew(person);
    const card = await uc.getCard(w.membership, lost);

    await refusedToOutsiders((who) => care.unbindMember(admin, who, person.id));
    expect(await entriesAbout(w.province.path, person.id)).toEqual([]);

    expect(await care.unbindMember(admin, haikou, person.id)).toMatchObject({ changed: true, member: { id: person.id, bound: false } });
    expect((await w.membership.accounts.get(lost))?.memberId).toBeNull();
    expect((await w.membership.roster.get(person.id))?.openid).toBeNull();
    expect((await uc.getMe(w.membership, lost)).member).toBeNull();
    expect(await outcomeOf(uc.getCard(w.membership, lost))).toBe('NOT_BOUND');

    const fresh = await bindNew(person);
    const me = await uc.getMe(w.membership, fresh);
    expect(me.member).toMatchObject({ id: person.id, card: { number: card.number } });

    expect(await care.unbindMember(admin, w.admin, person.id)).toMatchObject({ changed: true });
    expect(await care.unbindMember(admin, w.admin, person.id)).toMatchObject({ changed: false });
    const entries = await entriesAbout(w.province.path, person.id);
    expect(entries.map((e) => [e.action, e.actor.as])).toEqual([
      ['member.unbind', 'admin'],
      ['member.unbind', 'official'],
    ]);
    expect(entries[1]).toMatchObject({ actor: { openid: maskOpenid(haikou), orgId: w.cities.haikou.id }, before: { bound: true, openid: maskOpenid(lost) }, after: { bound: false } });
  });
});

describe('POST /api/admin/members/{id}/leave', () => {
  it('records 退会 with history: the card no longer verifies, benefits refuse; idempotent; audited once', async () => {
    const person = await rosterMember(w.unions.haikou.id);
    const openid = await bindNew(person);
    const card = await uc.getCard(w.membership, openid);
    const benefitId = await publishedBenefit(w);
    const theClerk = await clerk(w, w.merchants.cinema);
    expect((await uc.verifyCard(w.membership, theClerk, card.qr.payload)).valid).toBe(true);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

    await refusedToOutsiders((who) => care.recordLeave(admin, who, person.id, { reason: '调离本单位', date: today }));
    expect((await refusalOf(care.recordLeave(admin, haikou, person.id, { reason: '调离', date: '2999-01-01' }))).code).toBe('INVALID_INPUT');
    expect((await refusalOf(care.recordLeave(admin, haikou, person.id, { reason: '调离', date: '2025-02-30' }))).code).toBe('INVALID_INPUT');
    expect(await entriesAbout(w.province.path, person.id)).toEqual([]);

    const left = await care.recordLeave(admin, haikou, person.id, { reason: '调离本单位', date: today });
    expect(left).toMatchObject({ changed: true, member: { id: person.id, status: 'left', bound: true, left: { on: today, reason: '调离本单位' } } });
    const again = await care.recordLeave(admin, haikou, person.id, { reason: '别的原因', date: today });
    expect(again).toMatchObject({ changed: false, member: { status: 'left', left: { reason: '调离本单位' } } });

    // History kept: the roster entry, its card number and binding stay; the card works no more.
    const stored = await w.membership.roster.get(person.id);
    expect(stored).toMatchObject({ id: person.id, cardNumber: card.number, openid, left: { on: today, reason: '调离本单位' } });
    // The item says `status: left` (what the statistics' stream reads) next to the when and why.
    const { MemberModel } = await import('../../functions/membership/data/models/member');
    expect(await MemberModel.get({ id: person.id }, { consistent: true })).toMatchObject({ status: 'left', leftOn: today, leftReason: '调离本单位' });
    expect((await refusalOf(uc.verifyCard(w.membership, theClerk, card.qr.payload))).code).toBe('MEMBERSHIP_ENDED');
    expect(await outcomeOf(uc.verifyCard(w.membership, haikou, card.qr.payload))).toBe('MEMBERSHIP_ENDED');
    expect(await outcomeOf(uc.getCard(w.membership, openid))).toBe('MEMBERSHIP_ENDED');
    // Benefits: the claim and the detail's reason say NOT_ELIGIBLE.
    const claim = await refusalOf(w.uc.claimBenefit(w.deps, openid, benefitId, requestId()));
    expect(claim.code).toBe('NOT_ELIGIBLE');
    expect(claim.message).toContain('退会');
    expect((await w.uc.getBenefit(w.deps, openid, benefitId)).me).toMatchObject({ eligible: false, reason: 'NOT_ELIGIBLE' });
    // Applications: no transfer once left.
    const { submitApplication } = await import('../../functions/applications/services/submit');
    const applications = await (await import('../../functions/applications/services/deps')).productionDeps();
    const transfer = await refusalOf(submitApplication(applications, openid, { kind: 'transfer', form: { toOrgId: w.unions.sanya.id, reason: '工作调动' } }));
    expect(transfer.code).toBe('MEMBERSHIP_ENDED');
    // The search shows them as left.
    expect((await care.searchMembers(admin, haikou, { q: person.phone })).items[0]).toMatchObject({ id: person.id, status: 'left' });

    const entries = await entriesAbout(w.province.path, person.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'member.leave',
      actor: { openid: maskOpenid(haikou), as: 'official' },
      orgPath: w.unions.haikou.path,
      before: { status: 'active' },
      after: { status: 'left', on: today, reason: '调离本单位' },
    });
  });

  it('refuses a new binding of a member who left (after identity matched)', async () => {
    const person = await rosterMember(w.unions.haikou.id);
    await care.recordLeave(admin, haikou, person.id, { reason: '退休', date: '2025-06-30' });
    const openid = await account(w.membership, `care-left-${Date.now().toString(36)}`);
    expect(await outcomeOf(uc.bindMember(w.membership, openid, bindingOf(person), nextIp()))).toBe('MEMBERSHIP_ENDED');
    expect((await w.membership.accounts.get(openid))?.memberId).toBeNull();
  });
});

describe('GET /api/admin/members/{id} (profile)', () => {
  it('composes identity, union path, binding, card, applications and coupons, masked; outsiders refused', async () => {
    const person = await rosterMember(w.unions.haikou.id, { name: '吴资料' });
    const openid = await bindNew(person);
    const card = await uc.getCard(w.membership, openid);
    const benefitId = await publishedBenefit(w);
    const claimed = await w.uc.claimBenefit(w.deps, openid, benefitId, requestId());
    const { submitApplication } = await import('../../functions/applications/services/submit');
    const applications = await (await import('../../functions/applications/services/deps')).productionDeps();
    const filed = await submitApplication(applications, openid, { kind: 'transfer', form: { toOrgId: w.unions.sanya.id, reason: '工作调动' } });
    const { memberProfileDeps } = await import('../../functions/workbench/services/member-profile-deps');
    const { memberProfile } = await import('../../functions/workbench/services/member-profile');
    const deps = await memberProfileDeps();

    const profile = await memberProfile(deps, haikouUnion, person.id);
    expect(profile).toMatchObject({
      member: { id: person.id, name: '吴资料', bound: true, status: 'active', cardNumber: card.number, left: null },
      unionPath: w.unions.haikou.path.map((id) => ({ id })),
      bindings: [{ openidMasked: `${openid.slice(0, 4)}****${openid.slice(-4)}`, consentVersion: expect.any(String) }],
      card: { number: card.number },
      cardHistory: [],
      applications: [{ id: filed.response.application.id, kind: 'transfer', status: 'pending' }],
      coupons: [{ id: claimed.response.coupon.id, status: 'unused', redemption: null }],
    });
    const text = JSON.stringify(profile);
    for (const secret of [person.idNumber, person.phone, openid]) expect(text).not.toContain(secret);
    expect((await memberProfile(deps, w.admin, person.id)).member.id).toBe(person.id);

    await refusedToOutsiders((who) => memberProfile(deps, who, person.id));
    expect(await outcomeOf(memberProfile(deps, haikou, 'no-such-member'))).toBe('NOT_FOUND');
  });
});

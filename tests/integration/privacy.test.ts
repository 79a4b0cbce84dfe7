import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps as ApplicationDeps } from '../../functions/applications/services/ports';
import type { Deps as PrivacyDeps } from '../../functions/privacy/services/ports';
import { maskIdNumber, maskPhone } from '../../functions/kernel/masking';
import { bindingOf } from '../support/binding';
import { benefitWorld, clerk, official, publishedBenefit, requestId, type BenefitWorld } from '../support/benefits';
import { makeIdNumber, makePhone } from '../support/ids';
import { refusalOf } from '../support/outcome';

/**
 * A member's rights on DynamoDB Local (functions/privacy/): the export holds exactly the member's own
 * data with no full ID number; closing the account voids unused coupons, withdraws pending
 * applications, unbinds and deletes the account, keeps the union's and the merchants' records, is
 * idempotent, and the same WeChat account can log in again as a fresh one and bind again.
 */
let world: BenefitWorld;
let apps: ApplicationDeps;
let privacy: PrivacyDeps;
let uc: Awaited<ReturnType<typeof useCases>>;

async function useCases() {
  const [privacyCases, submit, review, reading, binding, membership, verification, login] = await Promise.all([
    import('../../functions/privacy/services/data-subject'),
    import('../../functions/applications/services/submit'),
    import('../../functions/applications/services/review'),
    import('../../functions/applications/services/reading'),
    import('../../functions/membership/services/binding'),
    import('../../functions/membership/services/membership'),
    import('../../functions/membership/services/card-verification'),
    import('../../functions/membership/services/login'),
  ]);
  return { ...privacyCases, ...submit, ...review, ...reading, ...binding, ...membership, ...verification, ...login };
}

beforeAll(async () => {
  world = await benefitWorld('privacy');
  apps = await (await import('../../functions/applications/services/deps')).productionDeps();
  privacy = await (await import('../../functions/privacy/services/deps')).productionDeps();
  uc = await useCases();
}, 60_000);

let logins = 0;
interface Person {
  code: string;
  openid: string;
  memberId: string;
  name: string;
  idNumber: string;
  phone: string;
}

/** A roster member of the test's 海口 union, bound through the real binding use case by a WeChat log-in. */
async function person(name: string): Promise<Person> {
  const m = world.membership;
  const entry = { name, idNumber: makeIdNumber(), phone: makePhone(), orgId: world.unions.haikou.id };
  const created = await m.roster.createIfAbsent(entry, m.idCrypto, new Date());
  if (created.outcome !== 'created') throw new Error(`test member not created: ${created.outcome}`);
  logins += 1;
  const label = `priv${world.tag}${logins}`;
  await uc.login(m, `dev:${label}`);
  const openid = `dev-${label}`;
  await uc.bindMember(m, openid, bindingOf(entry), '127.0.0.1');
  return { code: `dev:${label}`, openid, memberId: created.id, ...entry };
}

const transfer = (openid: string, toOrgId: string) => uc.submitApplication(apps, openid, { kind: 'transfer', form: { toOrgId, reason: '工作调动' } });

/** A transfer to 三亚 approved by 海口's official (step 1) and 三亚's (step 2): nobody decides two steps of one application. */
async function approvedTransfer(openid: string): Promise<string> {
  const id = (await transfer(openid, world.unions.sanya.id)).response.application.id;
  await uc.decideApplication(apps, await official(world, world.unions.haikou.id), id, { step: 's1', decision: 'approve', comment: '同意' });
  await uc.decideApplication(apps, await official(world, world.unions.sanya.id), id, { step: 's2', decision: 'approve', comment: '欢迎' });
  return id;
}

async function claim(openid: string, benefitId: string): Promise<string> {
  return (await world.uc.claimBenefit(world.deps, openid, benefitId, requestId())).response.coupon.id;
}

async function redeem(openid: string, couponId: string): Promise<void> {
  const { payload } = await world.uc.couponQr(world.deps, openid, couponId);
  await world.uc.redeemCoupon(world.deps, await clerk(world, world.merchants.cinema), payload);
}

describe('GET /api/me/data (the export)', () => {
  it("holds the member's account, binding, roster entry (ID number masked), cards and their checks, coupons with redemptions, applications — and nobody else's", async () => {
    const a = await person('欧阳娜娜');
    const b = await person('林小海');
    // A's card (海口 01), checked once by a clerk, then retired by a transfer to 三亚.
    const card = await uc.getCard(world.membership, a.openid);
    await uc.verifyCard(world.membership, await clerk(world, world.merchants.cinema), card.qr.payload);
    const benefitA = await publishedBenefit(world, { stock: 10, perMemberLimit: 2 });
    const usedA = await claim(a.openid, benefitA);
    await redeem(a.openid, usedA);
    const unusedA = await claim(a.openid, benefitA);
    const couponB = await claim(b.openid, benefitA);
    const decidedA = await approvedTransfer(a.openid);
    const pendingA = (await transfer(a.openid, world.unions.danzhou.id)).response.application.id;
    const appB = (await transfer(b.openid, world.unions.sanya.id)).response.application.id;

    const { fileName, data } = await uc.exportMyData(privacy, a.openid);
    expect(fileName).toMatch(/^hainan-union-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(data.account).toMatchObject({ openid: a.openid, roles: [{ type: 'member' }] });
    expect(data.member).toMatchObject({
      id: a.memberId,
      name: a.name,
      idNumberMasked: maskIdNumber(a.idNumber),
      phoneMasked: maskPhone(a.phone),
      union: { id: world.unions.sanya.id },
      binding: { consentVersion: expect.any(String) },
      card: null, // retired by the transfer; the next read of the card issues one of 三亚
      cardHistory: [{ number: card.number }],
      cardChecks: [{ cardNumber: card.number, by: { type: 'clerk', name: '测试影城' } }],
    });
    expect(data.member?.binding.consentVersion).toBe((await import('../../functions/membership/contracts/me')).BINDING_CONSENT_VERSION);
    expect(data.coupons.map((c) => [c.id, c.status]).sort()).toEqual(
      [
        [usedA, 'used'],
        [unusedA, 'unused'],
      ].sort(),
    );
    expect(data.coupons.find((c) => c.id === usedA)?.redemption).toMatchObject({ merchantId: world.merchants.cinema, merchantName: '测试影城' });
    expect(data.applications.map((x) => [x.id, x.status]).sort()).toEqual(
      [
        [decidedA, 'approved'],
        [pendingA, 'pending'],
      ].sort(),
    );
    const decided = data.applications.find((x) => x.id === decidedA);
    expect(decided?.timeline.map((e) => e.action)).toEqual(['submitted', 'approved', 'approved']);
    expect(decided).not.toHaveProperty('can');

    const text = JSON.stringify(data);
    expect(text).not.toContain(a.idNumber); // never the full ID number …
    expect(text).not.toContain(a.idNumber.slice(6, 14)); // … nor the birth date inside it
    expect(text).not.toContain(a.phone);
    for (const other of [b.openid, b.memberId, b.name, couponB, appB]) expect(text).not.toContain(other);
  }, 60_000);

  it('is refused once the account is closed', async () => {
    const a = await person('林小海');
    await uc.closeMyAccount(privacy, a.openid);
    expect((await refusalOf(uc.exportMyData(privacy, a.openid))).code).toBe('UNAUTHENTICATED');
  });
});

describe('POST /api/me/deletion (closing the account)', () => {
  it('voids unused coupons, withdraws pending applications, unbinds, keeps the roster and the records; idempotent; the member can come back', async () => {
    const a = await person('黎小燕');
    const benefit = await publishedBenefit(world, { stock: 10, perMemberLimit: 3 });
    const used = await claim(a.openid, benefit);
    await redeem(a.openid, used);
    const unused = await claim(a.openid, benefit);
    const { payload: unusedQr } = await world.uc.couponQr(world.deps, a.openid, unused);
    const decided = await approvedTransfer(a.openid);
    const pending = (await transfer(a.openid, world.unions.danzhou.id)).response.application.id;

    const closed = await uc.closeMyAccount(privacy, a.openid);
    expect(closed).toMatchObject({ status: 'closed', voidedCoupons: 1, cancelledApplications: 1 });
    expect(closed.kept.length).toBeGreaterThan(0);

    // Coupons: the unused one void and not redeemable, the redeemed one and its redemption untouched.
    expect((await world.deps.coupons.get(unused))?.state).toBe('void');
    expect((await world.deps.coupons.get(used))?.state).toBe('used');
    expect(await world.deps.coupons.redemption(used)).toMatchObject({ merchantId: world.merchants.cinema });
    const cinemaClerk = await clerk(world, world.merchants.cinema);
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, cinemaClerk, unusedQr))).code).toBe('COUPON_TOKEN_INVALID');
    // Applications: the pending one withdrawn through its own use case, both kept and detached from the account.
    const withdrawn = await apps.applications.get(pending);
    expect(withdrawn?.status).toBe('cancelled');
    expect(withdrawn?.timeline.at(-1)?.action).toBe('cancelled');
    expect((await apps.applications.get(decided))?.status).toBe('approved');
    for (const id of [pending, decided]) {
      const app = await apps.applications.get(id);
      expect(app?.applicant.openid).toMatch(/^closed:/);
      expect(JSON.stringify(app)).not.toContain(a.openid);
    }
    // Membership: the account gone, the roster entry kept and free to bind again.
    expect(await world.membership.accounts.get(a.openid)).toBeNull();
    const roster = await world.membership.roster.get(a.memberId);
    expect(roster).toMatchObject({ id: a.memberId, name: a.name, openid: null, orgId: world.unions.sanya.id });
    expect((await refusalOf(uc.getMe(world.membership, a.openid))).code).toBe('UNAUTHENTICATED');

    // Idempotent: the same answer, nothing more done.
    expect(await uc.closeMyAccount(privacy, a.openid)).toMatchObject({ status: 'closed', voidedCoupons: 0, cancelledApplications: 0 });
    expect((await world.deps.coupons.get(used))?.state).toBe('used');

    // The same WeChat account logs in again: a fresh, unbound account with nothing of the old one …
    const again = await uc.login(world.membership, a.code);
    expect(again.bound).toBe(false);
    expect((await uc.listMyApplications(apps, a.openid)).items).toEqual([]);
    // … and binds again to the same roster member.
    const me = await uc.bindMember(world.membership, a.openid, bindingOf(a), '127.0.0.1');
    expect(me.member?.id).toBe(a.memberId);
    const coupons = await world.uc.listMyCoupons(world.deps, a.openid, undefined);
    expect(coupons.items.map((c) => [c.id, c.status])).toEqual([[used, 'used']]); // the void coupon is not shown
  }, 60_000);

  it('closes an unbound account too, and an official account with its officials index entry', async () => {
    logins += 1;
    const label = `priv${world.tag}guest${logins}`;
    await uc.login(world.membership, `dev:${label}`);
    expect(await uc.closeMyAccount(privacy, `dev-${label}`)).toMatchObject({ status: 'closed', voidedCoupons: 0, cancelledApplications: 0 });
    expect(await world.membership.accounts.get(`dev-${label}`)).toBeNull();

    const { officialStore } = await import('../../functions/membership/data/official-store');
    const officialOpenid = `priv-official-${world.tag}`;
    await world.membership.accounts.createIfAbsent({ openid: officialOpenid, roles: [{ type: 'official', orgId: world.unions.haikou.id }] }, new Date());
    expect(await officialStore.officialsOf(world.unions.haikou.id)).toContain(officialOpenid);
    await uc.closeMyAccount(privacy, officialOpenid);
    expect(await officialStore.officialsOf(world.unions.haikou.id)).not.toContain(officialOpenid);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminDeps } from '../../../functions/membership/services/admin-ports';
import type { ClaimStore, CouponStore } from '../../../functions/benefits/services/ports';
import { refusalOf } from '../../support/outcome';
import { benefitWorld, boundMember, clerk, official, publishedBenefit, requestId, type BenefitWorld } from '../../support/benefits';

/**
 * 退会 against claims and redemptions in flight, on DynamoDB Local (issue 13, item 7). The leave is
 * recorded through member care's own use case at the one moment that matters — after the claim or
 * redemption has read the member (still a member) and before its transaction — by wrapping the
 * store the use case writes through. The transaction's condition on the member's roster entry
 * refuses it: no coupon, no unit taken, nothing redeemed.
 */
let world: BenefitWorld;
let admin: AdminDeps;
let care: typeof import('../../../functions/membership/services/member-care');
let haikou: string;

beforeAll(async () => {
  world = await benefitWorld('leave');
  admin = await (await import('../../../functions/membership/services/admin-deps')).adminDeps();
  care = await import('../../../functions/membership/services/member-care');
  haikou = await official(world, world.cities.haikou.id);
}, 60_000);

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const leave = (memberId: string) => care.recordLeave(admin, haikou, memberId, { reason: '调离本单位', date: today() });

async function counts(benefitId: string) {
  const benefit = await world.deps.benefits.get(benefitId);
  return (await world.deps.benefits.counts([benefit!])).get(benefitId)!;
}

describe('a claim in flight when the 退会 is recorded', () => {
  it('is refused by its transaction: no coupon, no unit taken, the member’s count unchanged', async () => {
    const benefitId = await publishedBenefit(world, { stock: 5, shards: 1, perMemberLimit: 2 });
    const member = await boundMember(world, world.unions.haikou.id);
    const before = await counts(benefitId);

    let leftAtAttempt = 0;
    const claims: ClaimStore = {
      ...world.deps.claims,
      async attempt(plan, shard, retried) {
        // The use case has read the member (a member) and the benefit: the leave lands now.
        if (leftAtAttempt === 0) expect((await leave(plan.memberId)).changed).toBe(true);
        leftAtAttempt += 1;
        return world.deps.claims.attempt(plan, shard, retried);
      },
    };
    const rid = requestId();
    const refusal = await refusalOf(world.uc.claimBenefit({ ...world.deps, claims }, member.openid, benefitId, rid));
    expect(refusal.code).toBe('NOT_ELIGIBLE');
    expect(refusal.message).toContain('退会');
    expect(leftAtAttempt).toBe(1);

    expect(await world.deps.benefits.held(benefitId, member.memberId)).toBe(0);
    expect((await counts(benefitId)).remaining).toBe(before.remaining);
    expect(await world.deps.coupons.listForMember(member.memberId, 10)).toEqual([]);
    // And from then on, refused before any transaction.
    expect((await refusalOf(world.uc.claimBenefit(world.deps, member.openid, benefitId, requestId()))).code).toBe('NOT_ELIGIBLE');
  });

  it('goes through for a member who is still one (the condition refuses only a leave)', async () => {
    const benefitId = await publishedBenefit(world, { stock: 5, shards: 1 });
    const member = await boundMember(world, world.unions.haikou.id);
    const result = await world.uc.claimBenefit(world.deps, member.openid, benefitId, requestId());
    expect(result.created).toBe(true);
    expect(await world.deps.benefits.held(benefitId, member.memberId)).toBe(1);
  });
});

describe('a coupon of a member who left', () => {
  it('gets no QR, and one issued before the leave is not redeemed; a coupon used before stays used', async () => {
    const benefitId = await publishedBenefit(world, { stock: 5, perMemberLimit: 2, merchantIds: [world.merchants.cinema] });
    const member = await boundMember(world, world.unions.haikou.id);
    const used = (await world.uc.claimBenefit(world.deps, member.openid, benefitId, requestId())).response.coupon.id;
    const unused = (await world.uc.claimBenefit(world.deps, member.openid, benefitId, requestId())).response.coupon.id;
    const cinemaClerk = await clerk(world, world.merchants.cinema);
    await world.uc.redeemCoupon(world.deps, cinemaClerk, (await world.uc.couponQr(world.deps, member.openid, used)).payload);
    const shownBefore = await world.uc.couponQr(world.deps, member.openid, unused);

    await leave(member.memberId);

    const qr = await refusalOf(world.uc.couponQr(world.deps, member.openid, unused));
    expect([qr.code, qr.status]).toEqual(['MEMBERSHIP_ENDED', 403]);
    const redemption = await refusalOf(world.uc.redeemCoupon(world.deps, cinemaClerk, shownBefore.payload));
    expect([redemption.code, redemption.status]).toEqual(['MEMBERSHIP_ENDED', 403]);
    expect((await world.deps.coupons.get(unused))?.state).toBe('unused');
    expect(await world.deps.coupons.redemption(unused)).toBeNull();
    expect((await counts(benefitId)).redeemed).toBe(1);
    // History stays: 我的券 still lists both, the used one as used.
    const mine = await world.uc.listMyCoupons(world.deps, member.openid, undefined);
    expect(Object.fromEntries(mine.items.map((c) => [c.id, c.status]))).toEqual({ [used]: 'used', [unused]: 'unused' });
    expect((await refusalOf(world.uc.couponQr(world.deps, member.openid, used))).code).toBe('COUPON_ALREADY_REDEEMED');
  });

  it('is not redeemed when the leave lands between the redemption’s reads and its transaction', async () => {
    const benefitId = await publishedBenefit(world, { stock: 5, merchantIds: [world.merchants.cinema] });
    const member = await boundMember(world, world.unions.haikou.id);
    const couponId = (await world.uc.claimBenefit(world.deps, member.openid, benefitId, requestId())).response.coupon.id;
    const { payload } = await world.uc.couponQr(world.deps, member.openid, couponId);
    const cinemaClerk = await clerk(world, world.merchants.cinema);

    let transactions = 0;
    const coupons: CouponStore = {
      ...world.deps.coupons,
      async redeem(coupon, record) {
        if (transactions === 0) expect((await leave(coupon.memberId)).changed).toBe(true);
        transactions += 1;
        return world.deps.coupons.redeem(coupon, record);
      },
    };
    const refusal = await refusalOf(world.uc.redeemCoupon({ ...world.deps, coupons }, cinemaClerk, payload));
    expect(refusal.code).toBe('MEMBERSHIP_ENDED');
    expect(refusal.message).toContain('不能核销');
    expect(transactions).toBe(1);
    expect((await world.deps.coupons.get(couponId))?.state).toBe('unused');
    expect(await world.deps.coupons.redemption(couponId)).toBeNull();
    expect((await counts(benefitId)).redeemed).toBe(0);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { outcomeOf, refusalOf } from '../../support/outcome';
import { benefitWorld, boundMember, clerk, publishedBenefit, requestId, type BenefitWorld } from '../../support/benefits';

const HOUR = 60 * 60 * 1000;
let world: BenefitWorld;

beforeAll(async () => {
  world = await benefitWorld('redeem');
}, 60_000);

async function claimedCoupon(overrides = {}) {
  const benefitId = await publishedBenefit(world, { stock: 10, merchantIds: [world.merchants.cinema], ...overrides });
  const member = await boundMember(world, world.unions.haikou.id, '欧阳娜娜');
  const { response } = await world.uc.claimBenefit(world.deps, member.openid, benefitId, requestId());
  return { benefitId, member, couponId: response.coupon.id };
}

describe('redemption (核销)', () => {
  it('takes exactly one of 50 concurrent redemptions of one coupon; the others hear COUPON_ALREADY_REDEEMED', async () => {
    const { benefitId, member, couponId } = await claimedCoupon();
    const clerkOpenid = await clerk(world, world.merchants.cinema);
    const { payload } = await world.uc.couponQr(world.deps, member.openid, couponId);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => outcomeOf(world.uc.redeemCoupon(world.deps, clerkOpenid, payload), 'redeemed')),
    );
    const tally: Record<string, number> = {};
    for (const o of outcomes) tally[o] = (tally[o] ?? 0) + 1;
    expect(tally).toEqual({ redeemed: 1, COUPON_ALREADY_REDEEMED: 49 });

    const coupon = await world.deps.coupons.get(couponId);
    expect(coupon).toMatchObject({ state: 'used', usedAtMerchantId: world.merchants.cinema });
    expect(await world.deps.coupons.redemption(couponId)).toMatchObject({ clerk: clerkOpenid, merchantId: world.merchants.cinema });
    const benefit = await world.deps.benefits.get(benefitId);
    expect((await world.deps.benefits.counts([benefit!])).get(benefitId)?.redeemed).toBe(1);
    const mine = await world.uc.listMyCoupons(world.deps, member.openid, 'used');
    expect(mine.items.map((c) => [c.id, c.status])).toEqual([[couponId, 'used']]);
    expect((await refusalOf(world.uc.couponQr(world.deps, member.openid, couponId))).code).toBe('COUPON_ALREADY_REDEEMED');
  }, 60_000);

  it('answers what was redeemed, with the member name masked', async () => {
    const { member, couponId } = await claimedCoupon();
    const clerkOpenid = await clerk(world, world.merchants.cinema);
    const { payload } = await world.uc.couponQr(world.deps, member.openid, couponId);
    const { redemption } = await world.uc.redeemCoupon(world.deps, clerkOpenid, payload);
    expect(redemption).toMatchObject({
      couponId,
      benefitTitle: '测试观影券',
      faceValueFen: 4000,
      memberName: '欧**娜',
      merchant: { id: world.merchants.cinema, name: '测试影城' },
    });
    expect(redemption.redeemedAt).toMatch(/\+08:00$/);
  });

  it('is refused for another merchant, after the use window, for forged or stale tokens, and for non-clerks', async () => {
    const { member, couponId } = await claimedCoupon();
    const { payload } = await world.uc.couponQr(world.deps, member.openid, couponId);
    const marketClerk = await clerk(world, world.merchants.market);
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, marketClerk, payload))).code).toBe('COUPON_WRONG_MERCHANT');
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, member.openid, payload))).code).toBe('FORBIDDEN');
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, world.admin, payload))).code).toBe('FORBIDDEN');

    const cinemaClerk = await clerk(world, world.merchants.cinema);
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, cinemaClerk, `${payload.slice(0, -4)}AAAA`))).code).toBe('COUPON_TOKEN_INVALID');
    const old = await world.deps.tokens.signCoupon(couponId, member.memberId, new Date(Date.now() - 5 * 60_000));
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, cinemaClerk, old.token))).code).toBe('COUPON_TOKEN_EXPIRED');
    const otherMember = await boundMember(world, world.unions.haikou.id);
    const foreign = await world.deps.tokens.signCoupon(couponId, otherMember.memberId);
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, cinemaClerk, foreign.token))).code).toBe('COUPON_TOKEN_INVALID');

    const late = { ...world.deps, now: () => new Date(Date.now() + 40 * 24 * HOUR) };
    const fresh = await world.deps.tokens.signCoupon(couponId, member.memberId, late.now());
    const lateTokens = { ...late, tokens: { ...world.deps.tokens, verifyCoupon: async () => ({ couponId, memberId: member.memberId, jti: 'x', expiresAt: new Date(fresh.expiresAt) }) } };
    expect((await refusalOf(world.uc.redeemCoupon(lateTokens, cinemaClerk, fresh.token))).code).toBe('COUPON_EXPIRED');
    expect((await refusalOf(world.uc.couponQr(late, member.openid, couponId))).code).toBe('COUPON_EXPIRED');
    expect((await world.uc.listMyCoupons(late, member.openid, 'expired')).items.map((c) => c.id)).toEqual([couponId]);
    expect((await world.deps.coupons.get(couponId))?.state).toBe('unused');
  });

  it('refuses the clerks of a suspended merchant', async () => {
    const suspendedId = `${world.tag}-closed-shop`;
    await world.membership.merchants.createIfAbsent({ id: suspendedId, name: '停业商户', status: 'suspended', agreements: [{ orgId: world.province.id, since: new Date().toISOString() }] });
    const { member, couponId } = await claimedCoupon();
    const { payload } = await world.uc.couponQr(world.deps, member.openid, couponId);
    const suspendedClerk = await clerk(world, suspendedId);
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, suspendedClerk, payload))).code).toBe('FORBIDDEN');
  });
});

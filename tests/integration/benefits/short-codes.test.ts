import { beforeAll, describe, expect, it } from 'vitest';
import { outcomeOf, refusalOf } from '../../support/outcome';
import { benefitWorld, boundMember, clerk, publishedBenefit, requestId, type BenefitWorld } from '../../support/benefits';

let world: BenefitWorld;

beforeAll(async () => {
  world = await benefitWorld('codes');
}, 60_000);

async function claimedCoupon(merchantIds = [world.merchants.cinema]) {
  const benefitId = await publishedBenefit(world, { stock: 10, merchantIds });
  const member = await boundMember(world, world.unions.haikou.id, '欧阳娜娜');
  const { response } = await world.uc.claimBenefit(world.deps, member.openid, benefitId, requestId());
  return { member, couponId: response.coupon.id };
}

describe('a coupon’s short numeric code (the QR content a clerk may type)', () => {
  it('is 10 digits starting with 6, new on each refresh, and redeems its coupon once — typed with spaces too', async () => {
    const { member, couponId } = await claimedCoupon();
    const first = await world.uc.couponQr(world.deps, member.openid, couponId);
    const second = await world.uc.couponQr(world.deps, member.openid, couponId);
    expect(first.code).toMatch(/^6\d{9}$/);
    expect(second.code).not.toBe(first.code);
    expect(Date.parse(first.codeExpiresAt) - Date.parse(first.expiresAt)).toBeGreaterThanOrEqual(55_000);

    const cinemaClerk = await clerk(world, world.merchants.cinema);
    const typed = `${first.code.slice(0, 3)} ${first.code.slice(3, 6)} ${first.code.slice(6)}`;
    const outcomes = await Promise.all([typed, second.code, first.code].map((code) => outcomeOf(world.uc.redeemCoupon(world.deps, cinemaClerk, code), 'redeemed')));
    expect(outcomes.sort()).toEqual(['COUPON_ALREADY_REDEEMED', 'COUPON_ALREADY_REDEEMED', 'redeemed']);
    expect((await world.deps.coupons.get(couponId))?.state).toBe('used');
  });

  it('stands for its coupon and member only: another merchant’s clerk hears COUPON_WRONG_MERCHANT, a member or an admin FORBIDDEN', async () => {
    const { member, couponId } = await claimedCoupon();
    const { code } = await world.uc.couponQr(world.deps, member.openid, couponId);
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, await clerk(world, world.merchants.market), code))).code).toBe('COUPON_WRONG_MERCHANT');
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, member.openid, code))).code).toBe('FORBIDDEN');
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, world.admin, code))).code).toBe('FORBIDDEN');
    expect((await world.deps.coupons.get(couponId))?.state).toBe('unused');
  });

  it('expires after two minutes: the code of a coupon still unused is refused as not found', async () => {
    const { member, couponId } = await claimedCoupon();
    const { code } = await world.uc.couponQr(world.deps, member.openid, couponId);
    const later = { ...world.deps, now: () => new Date(Date.now() + 121_000) };
    expect((await refusalOf(world.uc.redeemCoupon(later, await clerk(world, world.merchants.cinema), code))).code).toBe('COUPON_CODE_NOT_FOUND');
    expect((await world.deps.coupons.get(couponId))?.state).toBe('unused');
  });

  it('limits a merchant to 20 wrong codes an hour across its clerks; then even a right code is not looked up, and other merchants are unaffected', async () => {
    const merchantId = `${world.tag}-guessed-shop`;
    await world.membership.merchants.createIfAbsent({ id: merchantId, name: '被猜测的商户', status: 'active', agreements: [{ orgId: world.province.id, since: new Date().toISOString() }] });
    const { member, couponId } = await claimedCoupon([merchantId]);
    const { code } = await world.uc.couponQr(world.deps, member.openid, couponId);
    const clerks = [await clerk(world, merchantId), await clerk(world, merchantId)];
    const wrong = (n: number) => `6${String((Number(code.slice(1)) + 1 + n) % 1e9).padStart(9, '0')}`;
    const misses: string[] = [];
    for (let n = 0; n < 20; n += 1) misses.push((await refusalOf(world.uc.redeemCoupon(world.deps, clerks[n % 2]!, wrong(n)))).code);
    expect(new Set(misses)).toEqual(new Set(['COUPON_CODE_NOT_FOUND']));
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, clerks[0]!, code))).code).toBe('CODE_LOOKUPS_LIMITED');
    expect((await world.deps.coupons.get(couponId))?.state).toBe('unused');
    // Other merchants' codes are still looked up.
    const other = await claimedCoupon();
    const otherCode = (await world.uc.couponQr(world.deps, other.member.openid, other.couponId)).code;
    expect((await world.uc.redeemCoupon(world.deps, await clerk(world, world.merchants.cinema), otherCode)).redemption.couponId).toBe(other.couponId);
  }, 60_000);

  it('a card’s or a made-up code is not a coupon: a code that was never issued is refused as not found', async () => {
    const cinemaClerk = await clerk(world, world.merchants.cinema);
    expect((await refusalOf(world.uc.redeemCoupon(world.deps, cinemaClerk, '8000000001'))).code).toBe('COUPON_CODE_NOT_FOUND');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { RedemptionLogDeps } from '../../../functions/benefits/services/redemption-log';
import { refusalOf } from '../../support/outcome';
import { benefitWorld, boundMember, clerk, publishedBenefit, requestId, type BenefitWorld } from '../../support/benefits';

/** 今日核销 on DynamoDB Local: a merchant's redemptions of a day in China (byMerchant), newest first, counted. */
let world: BenefitWorld;
let deps: RedemptionLogDeps;
let log: typeof import('../../../functions/benefits/services/redemption-log');

beforeAll(async () => {
  world = await benefitWorld('redlog');
  log = await import('../../../functions/benefits/services/redemption-log');
  const { redemptionLogStore } = await import('../../../functions/benefits/data/redemption-log-store');
  deps = { ...world.deps, redemptionLog: redemptionLogStore };
}, 60_000);

async function redeemedAt(merchantId: string, clerkOpenid: string, name: string) {
  const benefitId = await publishedBenefit(world, { stock: 10, merchantIds: [merchantId] });
  const member = await boundMember(world, world.unions.haikou.id, name);
  const { response } = await world.uc.claimBenefit(world.deps, member.openid, benefitId, requestId());
  const { payload } = await world.uc.couponQr(world.deps, member.openid, response.coupon.id);
  return (await world.uc.redeemCoupon(world.deps, clerkOpenid, payload)).redemption;
}

describe('今日核销', () => {
  it("lists the clerk's merchant's redemptions of the day, newest first, masked, and counts them past the page", async () => {
    const cinemaClerk = await clerk(world, world.merchants.cinema);
    const first = await redeemedAt(world.merchants.cinema, cinemaClerk, '欧阳娜娜');
    const second = await redeemedAt(world.merchants.cinema, cinemaClerk, '王小川');
    const marketClerk = await clerk(world, world.merchants.market);
    await redeemedAt(world.merchants.market, marketClerk, '符秀英');

    const today = await log.listRedemptions(deps, cinemaClerk, {});
    expect(today).toMatchObject({ day: first.redeemedAt.slice(0, 10), count: 2 });
    expect(today.items).toEqual([second, first]);
    expect(today.items.map((r) => r.memberName)).toEqual(['王*川', '欧**娜']);
    expect((await log.listRedemptions(deps, marketClerk, {})).count).toBe(1);

    const [from, to] = log.dayBounds(today.day);
    const page = await deps.redemptionLog.between(world.merchants.cinema, from, to, 1);
    expect(page.count).toBe(2);
    expect(page.items.map((r) => r.couponId)).toEqual([second.couponId]);
    const next = log.shanghaiDay(to);
    expect(await log.listRedemptions(deps, cinemaClerk, { day: next })).toEqual({ day: next, count: 0, items: [] });
  });

  it('counts a day as it falls in China, and refuses anyone but a clerk', async () => {
    expect(log.dayBounds('2026-05-01').map((ms) => new Date(ms).toISOString())).toEqual(['2026-04-30T16:00:00.000Z', '2026-05-01T16:00:00.000Z']);
    expect(log.shanghaiDay(Date.parse('2026-04-30T16:00:00Z'))).toBe('2026-05-01');
    const member = await boundMember(world, world.unions.haikou.id);
    expect((await refusalOf(log.listRedemptions(deps, member.openid, {}))).code).toBe('FORBIDDEN');
  });
});

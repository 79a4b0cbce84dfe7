import { beforeAll, describe, expect, it } from 'vitest';
import {
  benefitWorld,
  boundMembers,
  claimAsTheAppDoes,
  publishedBenefit,
  tally,
  type BenefitWorld,
  type BoundMember,
} from '../../support/benefits';

/**
 * The flash crowd on DynamoDB Local: 150 members tap twice each (300 concurrent claims, limit 1)
 * on a benefit of 100 units over 4 stock shards. DynamoDB Local serialises writes (≈ 50
 * transactions/s here), so the crowd is sized to finish in well under half a minute.
 */
let world: BenefitWorld;
let members: BoundMember[];

beforeAll(async () => {
  world = await benefitWorld('crowd');
  members = await boundMembers(world, world.unions.haikou.id, 150);
}, 120_000);

describe('300 concurrent claims from 150 members on 100 units over 4 shards', () => {
  it('issues exactly 100 coupons, never two to one member, and no shard goes below 0', async () => {
    const benefitId = await publishedBenefit(world, { stock: 100, shards: 4, perMemberLimit: 1 });
    const started = Date.now();
    const results = await Promise.all([...members, ...members].map((m) => claimAsTheAppDoes(world.deps, m.openid, benefitId)));
    const seconds = (Date.now() - started) / 1000;
    const outcomes = tally(results);
    console.info(`flash crowd: ${JSON.stringify(outcomes)} in ${seconds.toFixed(1)} s, BUSY retried ${results.reduce((s, r) => s + r.busy, 0)} times`);

    expect(outcomes.created).toBe(100);
    expect((outcomes.created ?? 0) + (outcomes.SOLD_OUT ?? 0) + (outcomes.CLAIM_LIMIT_REACHED ?? 0)).toBe(300);
    expect(new Set(results.flatMap((r) => (r.couponId ? [r.couponId] : []))).size).toBe(100);

    // What the tables hold: one coupon per winner, counts that agree, every shard at 0, none below.
    const coupons = await Promise.all(members.map((m) => world.deps.coupons.listForMember(m.memberId, 10)));
    const perMember = coupons.map((list) => list.filter((c) => c.benefitId === benefitId).length);
    expect(Math.max(...perMember)).toBe(1);
    expect(perMember.reduce((s, n) => s + n, 0)).toBe(100);
    const held = await Promise.all(members.map((m) => world.deps.benefits.held(benefitId, m.memberId)));
    expect(held).toEqual(perMember);
    const levels = await world.deps.claims.shardLevels(benefitId, 4);
    expect(levels.map((l) => l.left)).toEqual([0, 0, 0, 0]);
    expect(levels.reduce((s, l) => s + l.total, 0)).toBe(100);
    const benefit = await world.deps.benefits.get(benefitId);
    const counts = (await world.deps.benefits.counts([benefit!])).get(benefitId);
    expect(counts).toMatchObject({ stock: 100, remaining: 0 });
  }, 90_000);
});

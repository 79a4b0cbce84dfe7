import { beforeAll, describe, expect, it } from 'vitest';
import type { TransactionSender } from '../../../functions/kernel/data/transactions';
import type { Deps } from '../../../functions/benefits/services/ports';
import { AppError } from '../../../functions/kernel/errors';
import { refusalOf } from '../../support/outcome';
import { benefitWorld, boundMember, boundMembers, clerk, publishedBenefit, requestId, type BenefitWorld } from '../../support/benefits';

/**
 * DynamoDB under pressure: a sender around the real one fails a share of the transactions before
 * they reach the database, the way DynamoDB does under load (throttling, and cancellations for a
 * conflicting transaction). Claims must still end exact, each request must retry a bounded number
 * of times, and a request that runs out of retries must get BUSY (503), never a 500.
 */
let world: BenefitWorld;
let data: typeof import('../../../functions/benefits/data/claim-store') & typeof import('../../../functions/benefits/data/coupon-store');
let realRunner: TransactionSender;
let MAX_RETRIES: number;

beforeAll(async () => {
  world = await benefitWorld('faults');
  const [claimStore, couponStore, transactions] = await Promise.all([
    import('../../../functions/benefits/data/claim-store'),
    import('../../../functions/benefits/data/coupon-store'),
    import('../../../functions/kernel/data/transactions'),
  ]);
  data = { ...claimStore, ...couponStore };
  realRunner = transactions.sendTransaction;
  MAX_RETRIES = transactions.RETRY_POLICY.retries;
}, 60_000);

/** A deterministic random source (so a failure reproduces). */
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const cancelled = (code: string) =>
  Object.assign(new Error(`Transaction cancelled, please refer cancellation reasons for specific reasons [${code}, None]`), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: code }, { Code: 'None' }, { Code: 'None' }],
  });
const named = (name: string) => Object.assign(new Error(name), { name });

/** Fails `share` of the calls (throttling, conflicts) before they reach DynamoDB; counts every call. */
function faulty(share: number, random: () => number) {
  const stats = { calls: 0, injected: {} as Record<string, number> };
  const faults = [
    () => named('ThrottlingException'),
    () => named('ProvisionedThroughputExceededException'),
    () => cancelled('TransactionConflict'),
    () => cancelled('ThrottlingError'),
  ];
  const runner: TransactionSender = async (items) => {
    stats.calls += 1;
    if (random() < share) {
      const err = faults[Math.floor(random() * faults.length)]!();
      const key = (err as { CancellationReasons?: Array<{ Code: string }> }).CancellationReasons?.[0]?.Code ?? err.name;
      stats.injected[key] = (stats.injected[key] ?? 0) + 1;
      throw err;
    }
    await realRunner(items);
  };
  return { runner, stats };
}

describe('claims while DynamoDB throttles and conflicts', () => {
  it('end with exact counts, bounded retries per request, and BUSY only as a retryable answer', async () => {
    const benefitId = await publishedBenefit(world, { stock: 40, shards: 3, perMemberLimit: 1 });
    const members = await boundMembers(world, world.unions.haikou.id, 60);
    const random = seeded(20261129);
    const shared = faulty(0.4, random);
    const perRequest: number[] = [];
    const outcomes: Record<string, number> = {};
    let busy = 0;

    await Promise.all(
      [...members, ...members].map(async (member) => {
        const rid = requestId();
        for (;;) {
          // Each request gets its own counting view of the shared faulty runner.
          let calls = 0;
          const claims = data.createClaimStore((items) => {
            calls += 1;
            return shared.runner(items);
          });
          const deps: Deps = { ...world.deps, claims };
          try {
            const result = await world.uc.claimBenefit(deps, member.openid, benefitId, rid);
            perRequest.push(calls);
            const key = result.created ? 'created' : 'replayed';
            outcomes[key] = (outcomes[key] ?? 0) + 1;
            return;
          } catch (err) {
            perRequest.push(calls);
            if (!(err instanceof AppError)) throw err; // would be a 500: the test fails here
            if (err.code === 'BUSY') {
              busy += 1;
              expect(err.status).toBe(503);
              continue; // the app retries BUSY with the same requestId
            }
            expect(err.status).toBeLessThan(500);
            outcomes[err.code] = (outcomes[err.code] ?? 0) + 1;
            return;
          }
        }
      }),
    );
    console.info(
      `faults: ${JSON.stringify(shared.stats.injected)} injected over ${shared.stats.calls} transactions; outcomes ${JSON.stringify(outcomes)}; BUSY ${busy}; most transactions in one request ${Math.max(...perRequest)}`,
    );

    expect(Object.values(shared.stats.injected).reduce((s, n) => s + n, 0)).toBeGreaterThan(20);
    expect(outcomes.created).toBe(40);
    expect((outcomes.created ?? 0) + (outcomes.replayed ?? 0) + (outcomes.SOLD_OUT ?? 0) + (outcomes.CLAIM_LIMIT_REACHED ?? 0)).toBe(120);
    // Bounded: the first try, MAX_RETRIES retries, and one move to each other shard.
    expect(Math.max(...perRequest)).toBeLessThanOrEqual(1 + MAX_RETRIES + 3);

    const held = await Promise.all(members.map((m) => world.deps.benefits.held(benefitId, m.memberId)));
    expect(Math.max(...held)).toBe(1);
    expect(held.reduce((s, n) => s + n, 0)).toBe(40);
    const coupons = await Promise.all(members.map((m) => world.deps.coupons.listForMember(m.memberId, 10)));
    expect(coupons.flat().filter((c) => c.benefitId === benefitId)).toHaveLength(40);
    const levels = await world.deps.claims.shardLevels(benefitId, 3);
    expect(levels.map((l) => l.left)).toEqual([0, 0, 0]);
  }, 90_000);

  it('answers BUSY (503) after exactly 1 + MAX_RETRIES transactions when DynamoDB never lets it through', async () => {
    const benefitId = await publishedBenefit(world, { stock: 5 });
    const member = await boundMember(world, world.unions.haikou.id);
    let calls = 0;
    const claims = data.createClaimStore(async () => {
      calls += 1;
      throw calls % 2 ? named('ThrottlingException') : cancelled('TransactionConflict');
    });
    const refusal = await refusalOf(world.uc.claimBenefit({ ...world.deps, claims }, member.openid, benefitId, requestId()));
    expect(refusal).toMatchObject({ code: 'BUSY', status: 503 });
    expect(calls).toBe(1 + MAX_RETRIES);
    expect(await world.deps.benefits.held(benefitId, member.memberId)).toBe(0);
  });

  it('redeem one coupon exactly once under the same faults', async () => {
    const benefitId = await publishedBenefit(world, { stock: 5 });
    const member = await boundMember(world, world.unions.haikou.id);
    const { response } = await world.uc.claimBenefit(world.deps, member.openid, benefitId, requestId());
    const { payload } = await world.uc.couponQr(world.deps, member.openid, response.coupon.id);
    const clerkOpenid = await clerk(world, world.merchants.cinema);
    const shared = faulty(0.4, seeded(7));
    const coupons = data.createCouponStore(shared.runner);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        world.uc.redeemCoupon({ ...world.deps, coupons }, clerkOpenid, payload).then(
          () => 'redeemed',
          (err: unknown) => {
            if (!(err instanceof AppError)) throw err;
            return err.code;
          },
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'redeemed')).toHaveLength(1);
    expect(outcomes.every((o) => ['redeemed', 'COUPON_ALREADY_REDEEMED', 'BUSY'].includes(o))).toBe(true);
    expect((await world.deps.benefits.counts([(await world.deps.benefits.get(benefitId))!])).get(benefitId)?.redeemed).toBe(1);
  }, 60_000);
});

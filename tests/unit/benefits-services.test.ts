import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardLevel, StoredCoupon } from '../../functions/benefits/domain/types';
import { benefitFixture, couponFixture, HOUR, NOW } from '../support/benefits-fixtures';
import type { AttemptOutcome, BenefitStore, ClaimStore, CouponStore, Deps } from '../../functions/benefits/services/ports';
import type { Account, Org, RosterMember } from '../../functions/membership/domain/types';
import { AppError } from '../../functions/kernel/errors';
import { generateLocalSecrets } from '../../functions/kernel/secrets';
import { createTokens } from '../../functions/kernel/tokens';
import { refusalOf } from '../support/outcome';
import { DEFAULT_BENEFIT_LIMITS } from '../../functions/benefits/domain/limits';

/**
 * The claim and redemption use cases over in-memory fakes: which shards a claim tries, that its
 * retries share one bound, how it recognises its own earlier success (the retries themselves are the
 * kernel's runner's: tests/unit/transactions.test.ts). No database: the fakes are
 * the only side effects (the stores' modules load, configured for a stage that is never reached).
 */
let uc: typeof import('../../functions/benefits/services/claims') &
  typeof import('../../functions/benefits/services/redemptions') &
  typeof import('../../functions/benefits/services/coupons');

const ENV = { STAGE: 'test', TABLE_PREFIX: 'unit-', WECHAT_MODE: 'dev', LOCAL_SECRETS_FILE: '/nonexistent.json' };
let cache: typeof import('../../functions/benefits/services/cache');

beforeAll(async () => {
  Object.assign(process.env, ENV);
  cache = await import('../../functions/benefits/services/cache');
  const [claims, redemptions, coupons] = await Promise.all([
    import('../../functions/benefits/services/claims'),
    import('../../functions/benefits/services/redemptions'),
    import('../../functions/benefits/services/coupons'),
  ]);
  uc = { ...claims, ...redemptions, ...coupons };
});

afterAll(() => {
  for (const key of Object.keys(ENV)) delete process.env[key];
});

const union: Org = { id: 'union', name: '公司工会', parentId: 'city', kind: 'grassroots', regionCode: null, workUnit: '公司', path: ['province', 'city', 'union'] };
const city: Org = { id: 'city', name: '海口市总工会', parentId: 'province', kind: 'city', regionCode: '01', workUnit: null, path: ['province', 'city'] };
const member: RosterMember = {
  id: 'mem1',
  name: '欧阳娜娜',
  sex: 'female',
  idHash: 'h',
  idMasked: '46**************21',
  phone: '13900000000',
  orgId: 'union',
  openid: 'dev-m',
  cardNumber: null,
  cardIssuedAt: null,
};
const accounts: Record<string, Account> = {
  'dev-m': { openid: 'dev-m', memberId: 'mem1', roles: [], createdAt: '' },
  'dev-clerk': { openid: 'dev-clerk', memberId: null, roles: [{ type: 'clerk', merchantId: 'm1' }], createdAt: '' },
};
const benefit = benefitFixture({ merchantIds: ['m1'], stock: 10, claimEndsAt: NOW + HOUR, useEndsAt: NOW + 2 * HOUR });

interface Fakes {
  attempts: number[];
  /** The retry list each attempt was given. */
  budgets: string[][];
  deps: Deps;
}

function fakes(options: {
  levels?: number[];
  attempt?: (shard: number, n: number, retried: string[]) => AttemptOutcome;
  held?: number;
  coupon?: StoredCoupon | null;
  redeem?: CouponStore['redeem'];
  redemption?: CouponStore['redemption'];
  /** The member as the roster holds them (each read), e.g. with a 退会 recorded. */
  member?: () => RosterMember;
  couponCodes?: Deps['couponCodes'];
  quotas?: Deps['quotas'];
}): Fakes {
  const attempts: number[] = [];
  const budgets: string[][] = [];
  const levels = options.levels ?? [1, 1, 1, 1];
  const secrets = generateLocalSecrets();
  const claims: ClaimStore = {
    async attempt(_plan, shard, retried) {
      attempts.push(shard);
      budgets.push(retried);
      if (options.attempt) return options.attempt(shard, attempts.length, retried);
      if ((levels[shard] ?? 0) <= 0) return { kind: 'refused', parts: ['stock'] };
      levels[shard] = (levels[shard] ?? 0) - 1;
      return { kind: 'done' };
    },
    async shardLevels(): Promise<ShardLevel[]> {
      return levels.map((left, shard) => ({ shard, left, total: 10 }));
    },
  };
  const benefits = { get: async () => benefit, held: async () => options.held ?? 0 } as unknown as BenefitStore;
  const coupons: CouponStore = {
    get: async () => options.coupon ?? null,
    listForMember: async () => [],
    redeem: options.redeem ?? (async () => ({ kind: 'done' })),
    redemption: options.redemption ?? (async () => null),
  };
  const deps: Deps = {
    accounts: { get: async (openid) => accounts[openid] ?? null } as Deps['accounts'],
    roster: { get: async (id) => (id === member.id ? (options.member?.() ?? member) : null) } as Deps['roster'],
    orgs: { getMany: async (ids) => new Map([union, city].filter((o) => ids.includes(o.id)).map((o) => [o.id, o])) } as Deps['orgs'],
    merchants: { getMany: async (ids) => new Map(ids.map((id) => [id, { id, name: '椰风影城', status: 'active' as const, agreements: [{ orgId: 'province', since: '2024-01-01T00:00:00+08:00' }] }])) } as Deps['merchants'],
    benefits,
    limits: { get: async () => ({ limits: DEFAULT_BENEFIT_LIMITS, version: 0, at: null }), set: async () => true },
    claims,
    coupons,
    tokens: createTokens(secrets.sessionSecret, secrets.cardSigningKey),
    couponCodes: options.couponCodes ?? { issue: async () => '6000000001', resolve: async () => null },
    quotas: options.quotas ?? { consume: async () => true, count: async () => 0, add: async () => 1 },
    pause: { sleep: async () => {}, random: () => 0 },
    newId: () => 'nonce-1',
    now: () => new Date(NOW),
  };
  return { attempts, budgets, deps };
}

describe('a claim on sharded stock', () => {
  it('starts at a random shard and moves to one that has units when it finds its shard empty', async () => {
    const f = fakes({ levels: [0, 0, 3, 0] });
    const result = await uc.claimBenefit(f.deps, 'dev-m', 'b1', 'request-0001');
    expect(result.created).toBe(true);
    expect(f.attempts).toEqual([0, 2]);
    expect(result.response.coupon).toMatchObject({ benefitId: 'b1', status: 'unused', merchants: [{ id: 'm1', name: '椰风影城' }] });
  });

  it('is SOLD_OUT only when every shard is empty', async () => {
    const f = fakes({ levels: [0, 0, 0, 0] });
    expect((await refusalOf(uc.claimBenefit(f.deps, 'dev-m', 'b1', 'request-0001'))).code).toBe('SOLD_OUT');
    expect(f.attempts).toEqual([0]);
  });

  it('gives every shard it tries the same retry list: one bound for the whole request', async () => {
    const f = fakes({
      attempt: (shard, _n, retried) => {
        retried.push('TransactionConflict');
        return shard === 0 ? { kind: 'refused', parts: ['stock'] } : { kind: 'done' };
      },
    });
    expect((await uc.claimBenefit(f.deps, 'dev-m', 'b1', 'request-0001')).created).toBe(true);
    expect(f.attempts).toEqual([0, 1]);
    expect(f.budgets[0]).toBe(f.budgets[1]);
    expect(f.budgets[1]).toEqual(['TransactionConflict', 'TransactionConflict']);
  });

  it('answers BUSY (503) when the store runs out of retries', async () => {
    const f = fakes({
      attempt: () => {
        throw new AppError('BUSY');
      },
    });
    expect(await refusalOf(uc.claimBenefit(f.deps, 'dev-m', 'b1', 'request-0001'))).toMatchObject({ code: 'BUSY', status: 503 });
    expect(f.attempts).toHaveLength(1);
  });

  it('answers the earlier coupon (200) when the transaction finds this request already served', async () => {
    const coupon = couponFixture({ id: 'c-earlier', requestId: 'request-0001', merchantIds: ['m1'], claimedAt: NOW - 5000 });
    const f = fakes({ attempt: () => ({ kind: 'refused', parts: ['held', 'coupon'] }), coupon });
    const result = await uc.claimBenefit(f.deps, 'dev-m', 'b1', 'request-0001');
    expect(result).toMatchObject({ created: false, response: { coupon: { id: 'c-earlier' } } });
  });

  it('spends no transaction on a member who holds the limit already', async () => {
    const f = fakes({ held: 1 });
    expect((await refusalOf(uc.claimBenefit(f.deps, 'dev-m', 'b1', 'request-0001'))).code).toBe('CLAIM_LIMIT_REACHED');
    expect(f.attempts).toEqual([]);
  });

  it('refuses an account without a member binding', async () => {
    const f = fakes({});
    expect((await refusalOf(uc.claimBenefit(f.deps, 'dev-clerk', 'b1', 'request-0001'))).code).toBe('NOT_BOUND');
  });
});

describe('a redemption', () => {
  it('recognises its own redemption after an ambiguous failure', async () => {
    const coupon = couponFixture({ merchantIds: ['m1'] });
    const f = fakes({
      coupon,
      redeem: async () => ({ kind: 'refused', parts: ['coupon'] }),
      redemption: async () => ({ couponId: 'c1', merchantId: 'm1', clerk: 'dev-clerk', nonce: 'nonce-1', redeemedAt: NOW }),
    });
    const { token } = await f.deps.tokens.signCoupon('c1', 'mem1', new Date());
    const { redemption } = await uc.redeemCoupon(f.deps, 'dev-clerk', token);
    expect(redemption).toMatchObject({ couponId: 'c1', memberName: '欧**娜', merchant: { id: 'm1', name: '椰风影城' } });
  });
});

describe('a member who left (退会)', () => {
  const leaving = { on: '2026-04-30', reason: '调离本单位', at: '2026-04-30T02:00:00.000Z' };
  const left: RosterMember = { ...member, left: leaving };

  it('claims nothing, and spends no transaction on it', async () => {
    const f = fakes({ member: () => left });
    const refusal = await refusalOf(uc.claimBenefit(f.deps, 'dev-m', 'b1', 'request-0001'));
    expect(refusal).toMatchObject({ code: 'NOT_ELIGIBLE', status: 403 });
    expect(refusal.message).toContain('退会');
    expect(f.attempts).toEqual([]);
  });

  it('is refused the same way when the leave lands between the claim\'s reads and its transaction', async () => {
    const f = fakes({ attempt: () => ({ kind: 'refused', parts: ['member'] }) });
    const refusal = await refusalOf(uc.claimBenefit(f.deps, 'dev-m', 'b1', 'request-0001'));
    expect(refusal).toMatchObject({ code: 'NOT_ELIGIBLE' });
    expect(refusal.message).toContain('退会');
    // No other shard is tried: the member, not the stock, refused.
    expect(f.attempts).toEqual([0]);
  });

  it('still gets the answer of a claim that went through before the leave (a retry after a lost answer)', async () => {
    const coupon = couponFixture({ id: 'c-earlier', requestId: 'request-0001', merchantIds: ['m1'], claimedAt: NOW - 5000 });
    const f = fakes({ attempt: () => ({ kind: 'refused', parts: ['held', 'coupon', 'member'] }), coupon });
    expect(await uc.claimBenefit(f.deps, 'dev-m', 'b1', 'request-0001')).toMatchObject({ created: false, response: { coupon: { id: 'c-earlier' } } });
  });

  it('gets no coupon QR', async () => {
    const f = fakes({ coupon: couponFixture({ merchantIds: ['m1'] }), member: () => left });
    const refusal = await refusalOf(uc.couponQr(f.deps, 'dev-m', 'c1'));
    expect(refusal).toMatchObject({ code: 'MEMBERSHIP_ENDED', status: 403 });
    expect(refusal.message).toMatch(/退会.*联系所在工会/);
    expect((await uc.couponQr(fakes({ coupon: couponFixture({ merchantIds: ['m1'] }) }).deps, 'dev-m', 'c1')).payload).toEqual(expect.any(String));
  });

  it('has no coupon redeemed, though its QR was issued before the leave', async () => {
    let redeemed = 0;
    const f = fakes({ coupon: couponFixture({ merchantIds: ['m1'] }), member: () => left, redeem: async () => ((redeemed += 1), { kind: 'done' }) });
    const { token } = await f.deps.tokens.signCoupon('c1', 'mem1', new Date());
    const refusal = await refusalOf(uc.redeemCoupon(f.deps, 'dev-clerk', token));
    expect(refusal).toMatchObject({ code: 'MEMBERSHIP_ENDED', status: 403 });
    expect(refusal.message).toContain('不能核销');
    expect(redeemed).toBe(0);
  });

  it('has the redemption refused when the leave lands between its reads and its transaction', async () => {
    let reads = 0;
    const f = fakes({
      coupon: couponFixture({ merchantIds: ['m1'] }),
      // A member at the first read; the transaction's condition and the settling read find the leave.
      member: () => ((reads += 1), reads === 1 ? member : left),
      redeem: async () => ({ kind: 'refused', parts: ['member'] }),
    });
    const { token } = await f.deps.tokens.signCoupon('c1', 'mem1', new Date());
    expect((await refusalOf(uc.redeemCoupon(f.deps, 'dev-clerk', token))).code).toBe('MEMBERSHIP_ENDED');
    expect(reads).toBe(2);
  });
});

describe('the claim path caches', () => {
  it('keep a published benefit for their time, never an absent one or a draft', async () => {
    let clock = 0;
    const reads: string[] = [];
    const stored = new Map<string, typeof benefit>([['b1', benefit], ['draft', { ...benefit, id: 'draft', status: 'draft' }]]);
    const store = { get: async (id: string) => (reads.push(id), stored.get(id) ?? null) } as unknown as BenefitStore;
    const cached = cache.cachedBenefitReads(store, 1_000, () => clock);
    await Promise.all([cached.get('b1'), cached.get('b1')]);
    await cached.get('b1');
    clock = 999;
    await cached.get('b1');
    expect(reads).toEqual(['b1']);
    clock = 1_000;
    stored.set('b1', { ...benefit, status: 'paused' });
    expect((await cached.get('b1'))?.status).toBe('paused');
    await cached.get('nope');
    await cached.get('nope');
    await cached.get('draft');
    await cached.get('draft');
    expect(reads).toEqual(['b1', 'b1', 'nope', 'nope', 'draft', 'draft']);
  });

  it('keep orgs found, and ask again for those that were not', async () => {
    let clock = 0;
    const asked: string[][] = [];
    const orgs = new Map([[city.id, city]]);
    const store = { getMany: async (ids: string[]) => (asked.push(ids), new Map(ids.flatMap((id) => (orgs.has(id) ? [[id, orgs.get(id)!] as const] : [])))) };
    const cached = cache.cachedOrgs(store as unknown as Deps['orgs'], 60_000, () => clock);
    expect([...(await cached.getMany(['city', 'union'])).keys()]).toEqual(['city']);
    orgs.set(union.id, union);
    expect([...(await cached.getMany(['city', 'union'])).keys()].sort()).toEqual(['city', 'union']);
    expect(asked).toEqual([['city', 'union'], ['union']]);
    clock = 60_000;
    await cached.getMany(['city']);
    expect(asked.at(-1)).toEqual(['city']);
  });
});

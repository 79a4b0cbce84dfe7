import { describe, expect, it } from 'vitest';
import { createBenefitRequest, stockRequest } from '../../functions/benefits/contracts/benefits';
import {
  catalogueOrder,
  claimRefusal,
  claimStateAt,
  manages,
  nextStatus,
  otherRegionsQuota,
  regionPoolFor,
  type Claimant,
} from '../../functions/benefits/domain/benefit';
import { couponStatusAt, redemptionDecision } from '../../functions/benefits/domain/coupon';
import { defaultShardCount, planLowering, shardOrder, splitStock } from '../../functions/benefits/domain/stock';
import { parseInstant, toShanghaiIso } from '../../functions/benefits/domain/time';
import { benefitFixture, couponFixture, HOUR, NOW } from '../support/benefits-fixtures';

const benefit = benefitFixture;

const member: Claimant = { memberId: 'mem1', unionPath: ['province', 'city', 'union'], regionCode: '01', held: 0 };

describe('the status machine', () => {
  it('allows draft → published → paused ⇄ published → ended, and nothing else', () => {
    const table = (['draft', 'published', 'paused', 'ended'] as const).map((s) =>
      (['publish', 'pause', 'resume', 'end'] as const).map((a) => nextStatus(s, a) ?? '-').join(' '),
    );
    expect(table).toEqual([
      'published - - -', // draft
      '- paused - ended', // published
      '- - published ended', // paused
      '- - - -', // ended
    ]);
  });
});

describe('claim refusals', () => {
  it('name the first reason in a fixed order', () => {
    expect(claimRefusal(benefit(), member, NOW)).toBeNull();
    expect(claimRefusal(benefit(), { ...member, memberId: null }, NOW)).toBe('NOT_BOUND');
    expect(claimRefusal(benefit({ orgId: 'other-city' }), member, NOW)).toBe('NOT_ELIGIBLE');
    expect(claimRefusal(benefit({ regionQuotas: { '02': 100 }, otherRegions: 'closed' }), member, NOW)).toBe('NOT_ELIGIBLE');
    expect(claimRefusal(benefit({ status: 'ended' }), member, NOW)).toBe('CLAIM_ENDED');
    expect(claimRefusal(benefit(), member, NOW + HOUR)).toBe('CLAIM_ENDED');
    expect(claimRefusal(benefit({ status: 'paused' }), member, NOW)).toBe('BENEFIT_PAUSED');
    expect(claimRefusal(benefit(), member, NOW - 2 * HOUR)).toBe('CLAIM_NOT_STARTED');
    expect(claimRefusal(benefit({ status: 'draft' }), member, NOW)).toBe('CLAIM_NOT_STARTED');
    expect(claimRefusal(benefit(), { ...member, held: 1 }, NOW)).toBe('CLAIM_LIMIT_REACHED');
    expect(claimRefusal(benefit({ perMemberLimit: 2 }), { ...member, held: 1 }, NOW)).toBeNull();
    expect(claimRefusal(benefit(), member, NOW, { remaining: 0, pool: null })).toBe('SOLD_OUT');
    expect(claimRefusal(benefit(), member, NOW, { remaining: 5, pool: { quota: 3, claimed: 3 } })).toBe('REGION_QUOTA_EXHAUSTED');
    // Limit before stock: a member who holds the coupon hears that, not "sold out".
    expect(claimRefusal(benefit(), { ...member, held: 1 }, NOW, { remaining: 0, pool: null })).toBe('CLAIM_LIMIT_REACHED');
  });

  it('put members of regions without a quota on the unreserved rest, or refuse them when it is closed', () => {
    const quotas = { regionQuotas: { '01': 3700, '02': 1500 }, stock: 10_000 };
    expect(regionPoolFor(benefit(), '01')).toBeNull();
    expect(regionPoolFor(benefit(quotas), '01')).toBe('01');
    expect(regionPoolFor(benefit(quotas), '04')).toBe('other');
    expect(regionPoolFor(benefit(quotas), null)).toBe('other');
    expect(regionPoolFor(benefit({ ...quotas, otherRegions: 'closed' }), '04')).toBe('closed');
    expect(otherRegionsQuota(benefit(quotas))).toBe(4800);
    expect(otherRegionsQuota(benefit({ ...quotas, otherRegions: 'closed' }))).toBeNull();
    expect(otherRegionsQuota(benefit())).toBeNull();
  });
});

describe('the catalogue', () => {
  it('shows each benefit in its claim state', () => {
    expect(claimStateAt(benefit(), 5, NOW)).toBe('open');
    expect(claimStateAt(benefit(), 0, NOW)).toBe('sold_out');
    expect(claimStateAt(benefit(), 5, NOW - 2 * HOUR)).toBe('upcoming');
    expect(claimStateAt(benefit({ status: 'paused' }), 5, NOW)).toBe('paused');
    expect(claimStateAt(benefit({ status: 'ended' }), 5, NOW)).toBe('ended');
    expect(claimStateAt(benefit(), 5, NOW + HOUR)).toBe('ended');
  });

  it('lists open first (closing soonest), then upcoming (opening soonest), then the rest', () => {
    const entries = [
      { benefit: benefit({ id: 'ended' }), state: 'ended' as const },
      { benefit: benefit({ id: 'up-late', claimStartsAt: NOW + 5 * HOUR }), state: 'upcoming' as const },
      { benefit: benefit({ id: 'open-late', claimEndsAt: NOW + 9 * HOUR }), state: 'open' as const },
      { benefit: benefit({ id: 'up-soon', claimStartsAt: NOW + HOUR }), state: 'upcoming' as const },
      { benefit: benefit({ id: 'sold' }), state: 'sold_out' as const },
      { benefit: benefit({ id: 'open-soon', claimEndsAt: NOW + 2 * HOUR }), state: 'open' as const },
    ];
    expect(entries.sort(catalogueOrder).map((e) => e.benefit.id)).toEqual(['open-soon', 'open-late', 'up-soon', 'up-late', 'sold', 'ended']);
  });
});

describe('who manages a benefit', () => {
  it('is an admin, or an official of its org or an org above it', () => {
    const path = ['province', 'city', 'union'];
    expect(manages([{ type: 'admin' }], path)).toBe(true);
    expect(manages([{ type: 'official', orgId: 'city' }], path)).toBe(true);
    expect(manages([{ type: 'official', orgId: 'union' }], path)).toBe(true);
    expect(manages([{ type: 'official', orgId: 'union' }], ['province', 'city'])).toBe(false);
    expect(manages([{ type: 'official', orgId: 'other-city' }], path)).toBe(false);
    expect(manages([{ type: 'clerk', merchantId: 'm1' }], path)).toBe(false);
    expect(manages([], path)).toBe(false);
  });
});

describe('stock shards', () => {
  it('split stock evenly and exactly', () => {
    expect(splitStock(100, 4)).toEqual([25, 25, 25, 25]);
    expect(splitStock(10, 3)).toEqual([4, 3, 3]);
    expect(splitStock(2, 4)).toEqual([1, 1, 0, 0]);
    for (const [total, shards] of [[12_500, 5], [7, 7], [99_999, 16], [1, 1]] as const) {
      const parts = splitStock(total, shards);
      expect(parts.reduce((s, n) => s + n, 0)).toBe(total);
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    }
    expect(() => splitStock(5, 0)).toThrow(RangeError);
  });

  it('default to one shard per 2,500 units, at most 16', () => {
    expect([1, 500, 2_500, 2_501, 12_500, 100_000, 10_000_000].map(defaultShardCount)).toEqual([1, 1, 1, 2, 5, 16, 16]);
  });

  it('are lowered from the fullest shards, and never below what is claimed', () => {
    const levels = [
      { shard: 0, left: 10, total: 25 },
      { shard: 1, left: 2, total: 25 },
      { shard: 2, left: 7, total: 25 },
    ];
    const takes = planLowering(levels, 12)!;
    expect([...takes.values()].reduce((s, n) => s + n, 0)).toBe(12);
    for (const l of levels) expect(takes.get(l.shard) ?? 0).toBeLessThanOrEqual(l.left);
    expect(takes.get(0)).toBeGreaterThanOrEqual(takes.get(2) ?? 0);
    expect(planLowering(levels, 19)!.get(1)).toBe(2);
    expect(planLowering(levels, 20)).toBeNull();
  });

  it('are tried from a random start, each once', () => {
    expect(shardOrder(4, 2)).toEqual([2, 3, 0, 1]);
  });
});

describe('coupons', () => {
  const coupon = couponFixture;

  it('are unused, used or expired for the member; states of later releases are not shown', () => {
    expect(couponStatusAt(coupon(), NOW)).toBe('unused');
    expect(couponStatusAt(coupon(), NOW + HOUR)).toBe('expired');
    expect(couponStatusAt(coupon({ state: 'used' }), NOW + 2 * HOUR)).toBe('used');
    expect(couponStatusAt(coupon({ state: 'awaiting_payment' }), NOW)).toBeNull();
    expect(couponStatusAt(coupon({ state: 'released' }), NOW)).toBeNull();
  });

  const member = { left: null };
  const left = { left: { on: '2026-04-30', reason: '调离', at: '2026-04-30T02:00:00.000Z' } };

  it('are redeemed only by a clerk of one of their merchants, once, in time', () => {
    expect(redemptionDecision(coupon(), 'mem1', ['m9', 'm2'], NOW, member)).toEqual({ merchantId: 'm2' });
    expect(redemptionDecision(null, 'mem1', ['m1'], NOW, member)).toEqual({ refusal: 'COUPON_TOKEN_INVALID' });
    expect(redemptionDecision(coupon(), 'mem2', ['m1'], NOW, member)).toEqual({ refusal: 'COUPON_TOKEN_INVALID' });
    expect(redemptionDecision(coupon(), 'mem1', ['m9'], NOW, member)).toEqual({ refusal: 'COUPON_WRONG_MERCHANT' });
    expect(redemptionDecision(coupon({ state: 'used' }), 'mem1', ['m9'], NOW, member)).toEqual({ refusal: 'COUPON_WRONG_MERCHANT' });
    expect(redemptionDecision(coupon({ state: 'used' }), 'mem1', ['m1'], NOW, member)).toEqual({ refusal: 'COUPON_ALREADY_REDEEMED' });
    expect(redemptionDecision(coupon(), 'mem1', ['m1'], NOW + HOUR, member)).toEqual({ refusal: 'COUPON_EXPIRED' });
    expect(redemptionDecision(coupon({ state: 'released' }), 'mem1', ['m1'], NOW, member)).toEqual({ refusal: 'COUPON_TOKEN_INVALID' });
    expect(redemptionDecision(coupon({ state: 'void' }), 'mem1', ['m1'], NOW, member)).toEqual({ refusal: 'COUPON_TOKEN_INVALID' });
  });

  it('are not redeemed once their member left (退会), whenever the QR was issued; other merchants still learn nothing', () => {
    expect(redemptionDecision(coupon(), 'mem1', ['m1'], NOW, left)).toEqual({ refusal: 'MEMBERSHIP_ENDED' });
    expect(redemptionDecision(coupon(), 'mem1', ['m1'], NOW + HOUR, left)).toEqual({ refusal: 'MEMBERSHIP_ENDED' });
    // What a clerk of another merchant hears does not change with the member's standing.
    expect(redemptionDecision(coupon(), 'mem1', ['m9'], NOW, left)).toEqual({ refusal: 'COUPON_WRONG_MERCHANT' });
    // A coupon used before the leave stays used (the settlement with the merchant).
    expect(redemptionDecision(coupon({ state: 'used' }), 'mem1', ['m1'], NOW, left)).toEqual({ refusal: 'COUPON_ALREADY_REDEEMED' });
    // A token for a member the roster no longer holds is no token at all.
    expect(redemptionDecision(coupon(), 'mem1', ['m1'], NOW, null)).toEqual({ refusal: 'COUPON_TOKEN_INVALID' });
  });
});

describe('instants', () => {
  it('leave the API in Asia/Shanghai time and come in with any offset', () => {
    expect(toShanghaiIso(Date.parse('2026-05-01T02:00:00Z'))).toBe('2026-05-01T10:00:00.000+08:00');
    expect(toShanghaiIso(Date.parse('2026-04-30T20:30:00Z'))).toBe('2026-05-01T04:30:00.000+08:00');
    expect(parseInstant('2026-05-01T10:00:00+08:00')).toBe(Date.parse('2026-05-01T02:00:00Z'));
  });
});

describe('the create contract', () => {
  const valid = {
    title: '一元观影',
    description: '说明',
    category: 'cinema',
    merchantIds: ['m1'],
    faceValueFen: 4000,
    priceFen: 0,
    stock: 10_000,
    perMemberLimit: 1,
    claimStartsAt: '2026-05-01T10:00:00+08:00',
    claimEndsAt: '2026-05-02T10:00:00+08:00',
    useEndsAt: '2026-06-30T23:59:59+08:00',
    orgId: 'org-hainan',
    regionQuotas: { '01': 3700, '02': 1500 },
  };
  const messages = (input: unknown) =>
    Object.fromEntries((createBenefitRequest.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

  it('accepts a valid benefit and refuses unknown fields', () => {
    expect(createBenefitRequest.safeParse(valid).success).toBe(true);
    expect(createBenefitRequest.safeParse({ ...valid, extra: 1 }).success).toBe(false);
  });

  it('checks windows, price, quotas and shards in Chinese', () => {
    expect(messages({ ...valid, claimEndsAt: valid.claimStartsAt })).toEqual({ claimEndsAt: '领取结束时间应晚于开始时间' });
    expect(messages({ ...valid, useEndsAt: '2026-05-01T12:00:00+08:00' })).toEqual({ useEndsAt: '使用截止时间不能早于领取结束时间' });
    // A priced benefit (e.g. ¥1) states its refund rule; a free one needs none.
    expect(messages({ ...valid, priceFen: 100 })).toEqual({ refundPolicy: '收费权益请选择退款规则' });
    expect(messages({ ...valid, priceFen: 100, refundPolicy: 'none' })).toEqual({});
    expect(messages({ ...valid, priceFen: 19_900, refundPolicy: 'same_day_review' })).toEqual({});
    expect(messages({ ...valid, priceFen: 100, refundPolicy: 'whenever' })).toEqual({ refundPolicy: '请选择退款规则' });
    expect(messages({ ...valid, regionQuotas: { '01': 9000, '02': 1500 } })).toEqual({ regionQuotas: '各地区名额之和不能超过库存' });
    expect(messages({ ...valid, otherRegions: 'closed' })).toEqual({ otherRegions: '其他地区不可领取时，各地区名额之和应等于库存' });
    expect(messages({ ...valid, stock: 3, regionQuotas: undefined, shards: 4 })).toEqual({ shards: '分片数不能超过库存' });
    expect(messages({ ...valid, claimStartsAt: '2026-05-01 10:00' }).claimStartsAt).toContain('ISO-8601');
    expect(messages({ ...valid, category: 'lottery' })).toEqual({ category: '请选择权益类别' });
    expect(messages({ ...valid, faceValueFen: 12.5 }).faceValueFen).toContain('整数');
  });

  it('takes stock changes up or down, never 0', () => {
    expect(stockRequest.safeParse({ add: -5 }).success).toBe(true);
    expect(stockRequest.safeParse({ add: 5, regionCode: '01' }).success).toBe(true);
    expect(stockRequest.safeParse({ add: 0 }).error?.issues[0]?.message).toBe('调整数量不能为0');
    expect(stockRequest.safeParse({ add: 5, regionCode: '1' }).success).toBe(false);
  });
});

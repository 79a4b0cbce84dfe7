import type { CreateBenefitRequest } from '../../functions/benefits/contracts/benefits';
import type { Benefit, StoredCoupon } from '../../functions/benefits/domain/types';

/** Plain benefits and coupons for the unit tests (no storage involved). */
export const NOW = Date.parse('2026-05-01T10:00:00+08:00');
export const HOUR = 3_600_000;

/** A published benefit of org `city` (under `province`), open for an hour either side of NOW. */
export function benefitFixture(overrides: Partial<Benefit> = {}): Benefit {
  return {
    id: 'b1',
    title: '一元观影',
    description: '…',
    category: 'cinema',
    merchantIds: ['m1', 'm2'],
    faceValueFen: 4000,
    priceFen: 0,
    stock: 100,
    perMemberLimit: 1,
    claimStartsAt: NOW - HOUR,
    claimEndsAt: NOW + HOUR,
    useEndsAt: NOW + 48 * HOUR,
    orgId: 'city',
    orgPath: ['province', 'city'],
    regionQuotas: {},
    otherRegions: 'open',
    shards: 4,
    status: 'published',
    approval: null,
    createdBy: 'dev-admin',
    createdAt: NOW - 2 * HOUR,
    updatedAt: NOW - 2 * HOUR,
    ...overrides,
  };
}

/** An unused coupon of benefit b1 held by member mem1, usable for an hour after NOW. */
export function couponFixture(overrides: Partial<StoredCoupon> = {}): StoredCoupon {
  return {
    id: 'c1',
    benefitId: 'b1',
    memberId: 'mem1',
    requestId: 'r1',
    benefitTitle: '一元观影',
    category: 'cinema',
    faceValueFen: 4000,
    priceFen: 0,
    merchantIds: ['m1', 'm2'],
    regionPool: null,
    state: 'unused',
    claimedAt: NOW,
    useEndsAt: NOW + HOUR,
    usedAt: null,
    usedAtMerchantId: null,
    ...overrides,
  };
}

/** An instant as the mini-program sends it: Asia/Shanghai with its offset. */
export const shanghai = (ms: number) => `${new Date(ms + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;

/** A valid create request for the desk: open since an hour ago for a day, usable for a month. */
export function createRequestFixture(
  owner: { orgId: string; merchantIds: string[] },
  overrides: Partial<CreateBenefitRequest> = {},
): CreateBenefitRequest {
  const now = Date.now();
  return {
    title: '测试观影券',
    description: '凭券兑换电影票一张。',
    category: 'cinema',
    faceValueFen: 4000,
    priceFen: 0,
    stock: 100,
    perMemberLimit: 1,
    claimStartsAt: shanghai(now - HOUR),
    claimEndsAt: shanghai(now + 24 * HOUR),
    useEndsAt: shanghai(now + 30 * 24 * HOUR),
    ...owner,
    ...overrides,
  };
}

import { createHash } from 'node:crypto';

/**
 * Keys of the benefits capability. The benefitcounters table holds the hot items of a benefit:
 * its stock shards, its region quotas, each member's held count and its redemption count.
 */
export const benefitKeys = {
  /** Stock shard `n` (0-based) of a benefit: {left, total}. */
  stockShard: (benefitId: string, n: number) => `b#${benefitId}#stock#${n}`,
  /** Region quota of a benefit for one 2-digit region code: {quota, claimed}. */
  regionQuota: (benefitId: string, regionCode: string) => `b#${benefitId}#region#${regionCode}`,
  /** The unreserved rest that members of regions without a quota claim from: {quota, claimed}. */
  otherRegions: (benefitId: string) => `b#${benefitId}#region#other`,
  /** Coupons of a benefit a member holds: {held}. */
  held: (benefitId: string, memberId: string) => `b#${benefitId}#member#${memberId}`,
  /** The province's limits per org level (domain/limits.ts): {limits (JSON), n (version), at}. */
  limits: 'limits#benefits',
  /**
   * A coupon's short numeric code at the counter (guards table, `code#coupon#`; the kernel's
   * short-codes.ts): owner `<couponId> <memberId>`, until its expiresAt.
   */
  couponCode: (code: string) => `code#coupon#${code}`,
  /**
   * A ban (functions/payments: a paid code left to expire unredeemed) of a member from the benefits of
   * an org's subtree: {until, since, couponId, liftedAt?} — until `until` (epoch ms) unless lifted.
   */
  ban: (orgId: string, memberId: string) => `ban#${orgId}#${memberId}`,
  /** A member whose paid place of a benefit lapsed unpaid on `day` (YYYY-MM-DD, China): {at}. */
  lapsed: (benefitId: string, memberId: string, day: string) => `b#${benefitId}#lapsed#${memberId}#${day}`,
  /** Coupons of a benefit redeemed so far: {n}. */
  redeemed: (benefitId: string) => `b#${benefitId}#redeemed`,
  /**
   * The id of the coupon a claim request creates: derived from (benefit, member, requestId), so the
   * same request can only ever write the same coupon (a conditional put of this id is the
   * idempotency check).
   */
  couponId: (benefitId: string, memberId: string, requestId: string) =>
    `c${createHash('sha256').update(`${benefitId}\n${memberId}\n${requestId}`).digest('base64url').slice(0, 22)}`,
};

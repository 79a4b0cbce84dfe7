import type { BenefitCategory, BenefitStatus, OtherRegions } from '../contracts/benefits';

/** A benefit as the use cases see it. Instants are epoch milliseconds. */
export interface Benefit {
  id: string;
  title: string;
  description: string;
  category: BenefitCategory;
  merchantIds: string[];
  faceValueFen: number;
  priceFen: number;
  /** Total stock (claimed + remaining); after publication it moves with every stock change. */
  stock: number;
  perMemberLimit: number;
  claimStartsAt: number;
  claimEndsAt: number;
  useEndsAt: number;
  /** The owning org and its path from the root (inclusive): its subtree may claim. */
  orgId: string;
  orgPath: string[];
  /** Region code → reserved units. Empty: no quotas. */
  regionQuotas: Record<string, number>;
  otherRegions: OtherRegions;
  /** Number of stock items the stock is split over. */
  shards: number;
  status: BenefitStatus;
  /**
   * The approval of figures above the owning org's limits (domain/limits.ts) by an official of an org
   * above it: the figures it covers. null: none (needed only when a figure is above the limits).
   */
  approval: BenefitApproval | null;
  /**
   * The draw that gives this benefit out (functions/draws): set once on a draft, by the draws
   * capability; then members get it only through that draw (claims answer DRAW_ONLY). Absent or null:
   * a first-come benefit.
   */
  draw?: BenefitDrawRef | null;
  /**
   * What a paid place's member may get back, stated before they pay (functions/payments): `none` (the
   * default: a ¥1 ticket is never refunded) or `same_day_review` (the whole order, asked on the day
   * it was paid, after an official's review).
   */
  refundPolicy?: RefundPolicy;
  /** openid of the official or admin who created it. */
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export type RefundPolicy = 'none' | 'same_day_review';

/** A benefit's draw, as the benefit carries it (GET /api/benefits/{id} › draw). */
export interface BenefitDrawRef {
  id: string;
  kind: 'instant' | 'scheduled';
  /** Whether a pass of a quiz comes first. */
  quiz: boolean;
}

/** Who approved a benefit's figures, when, and how high (a later raise above them needs a new one). */
export interface BenefitApproval {
  /** openid of the approving official or admin. */
  by: string;
  /** The approving official's org; null for an admin. */
  byOrgId: string | null;
  at: number;
  faceValueFen: number;
  priceFen: number;
  stock: number;
}

/**
 * Stored coupon states. `unused` and `used` are this release's; `awaiting_payment` (a priced
 * benefit's winner who has not paid yet) and `released` (unpaid in time: its unit went back to the
 * stock) are kept open for the paid benefits that come later. `void`: an unused coupon whose member
 * closed their account (functions/privacy/): never redeemable, not shown, its unit not returned.
 */
export type CouponState = 'unused' | 'used' | 'awaiting_payment' | 'released' | 'void';

export interface StoredCoupon {
  id: string;
  benefitId: string;
  memberId: string;
  requestId: string;
  benefitTitle: string;
  category: BenefitCategory;
  faceValueFen: number;
  priceFen: number;
  merchantIds: string[];
  /** Region pool the claim took from ('other', a region code, or null without quotas). */
  regionPool: string | null;
  state: CouponState;
  claimedAt: number;
  useEndsAt: number;
  usedAt: number | null;
  usedAtMerchantId: string | null;
  /**
   * A priced benefit's place (`awaiting_payment`): the moment its member must have paid by (epoch ms);
   * unpaid then, the place is released (functions/payments). Absent: a free coupon, or paid already.
   */
  payBy?: number | null;
  /**
   * A priced place's refund rule, copied from its benefit when reserved: what 我的订单 shows before
   * the member opens the 收银台 (functions/payments reads no benefit there). Absent: free, or older.
   */
  refundPolicy?: RefundPolicy;
}

/** The live counts of one benefit, read from its counter items. */
export interface BenefitCounts {
  stock: number;
  remaining: number;
  redeemed: number;
  /** Per region code with a quota. */
  byRegion: Record<string, { quota: number; claimed: number }>;
  /** The unreserved rest pool; null when the benefit has none. */
  otherRegions: { quota: number; claimed: number } | null;
}

/** Per stock shard: units left and units it was given in all. */
export interface ShardLevel {
  shard: number;
  left: number;
  total: number;
}

/** Roles as membership stores them (structurally the same as membership's StoredRole). */
export type ManagerRole = { type: 'official'; orgId: string } | { type: 'clerk'; merchantId: string } | { type: 'admin' } | { type: 'hardship'; orgId: string };

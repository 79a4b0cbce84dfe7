import type { BenefitLimits, BenefitStatus } from '../contracts/benefits';
import type { PaidRules } from '../domain/paid';
import type { Benefit, BenefitApproval, BenefitCounts, ShardLevel, StoredCoupon } from '../domain/types';
import type { AuditEntry } from '../../audit';
import type { Pause } from '../../kernel/data/transactions';
import type { QuotaStore } from '../../kernel/data/quota-store';
import type { ShortCodeStore } from '../../kernel/data/short-codes';
import type { Tokens } from '../../kernel/tokens';
import type { AccountStore, MerchantStore, OrgStore, RosterStore } from '../../membership';

/** The side effects of the benefits use cases. Production wiring: deps.ts; unit tests pass fakes. */

/**
 * The audit entry of a stock change, built from the benefit as the store read it (fresh, per
 * attempt) and as the change leaves it.
 */
export type StockAudit = (before: Benefit, after: Benefit) => AuditEntry;

/**
 * The limits' rule of a stock change, run on the benefit as each attempt read it: throws to refuse,
 * returns the approval to record with the change (an approver's raise) or undefined to keep it.
 */
export type StockRule = (before: Benefit, after: Benefit) => BenefitApproval | undefined;

/** The province's limits per org level (one item); `version` 0 and `at` null: the defaults. */
export interface StoredLimits {
  limits: BenefitLimits;
  version: number;
  at: number | null;
}

export interface LimitsStore {
  /** Read strongly consistent (a desk write checks against the latest). */
  get(): Promise<StoredLimits>;
  /** Writes them with the audit entry while the stored version is still `version`: false when it moved. */
  set(limits: BenefitLimits, version: number, at: number, audit: AuditEntry): Promise<boolean>;
}

export interface BenefitStore {
  /**
   * Writes a new draft (never overwrites). `audit`: the official's or admin's audit entry, written in
   * the same transaction (null for the demo seed only); likewise for every write below.
   */
  create(benefit: Benefit, audit: AuditEntry | null): Promise<void>;
  get(id: string): Promise<Benefit | null>;
  /** Replaces a draft; BENEFIT_NOT_DRAFT when it is not a draft (any more). */
  replaceDraft(benefit: Benefit, audit: AuditEntry | null): Promise<void>;
  /** Every benefit of one status, newest first (a query of the byStatus index). */
  listByStatus(status: BenefitStatus): Promise<Benefit[]>;
  /**
   * Publishes a draft: its stock shards and region pools are created with the status change, in one
   * transaction. BENEFIT_STATUS_INVALID when it is not a draft any more.
   */
  publish(benefit: Benefit, now: number, audit: AuditEntry | null): Promise<Benefit>;
  /** Moves the status from one of `from` to `to`; BENEFIT_STATUS_INVALID when it is elsewhere. */
  setStatus(id: string, from: readonly BenefitStatus[], to: BenefitStatus, now: number, audit: AuditEntry | null): Promise<Benefit>;
  /**
   * Raises (add > 0) or lowers (add < 0) a published benefit's stock over its shards, and the quota of
   * `regionCode` (or the unreserved rest when null and the benefit has quotas) by as much. Lowering
   * takes only unclaimed units: STOCK_BELOW_CLAIMED otherwise. BUSY when conflicts persist.
   */
  changeStock(benefit: Benefit, add: number, regionCode: string | null, now: number, audit: StockAudit, rule?: StockRule): Promise<Benefit>;
  /**
   * Records an approval on a draft, only while it is the draft as read (status and updatedAt):
   * BENEFIT_STATUS_INVALID when it was edited or published meanwhile.
   */
  approve(benefit: Benefit, approval: BenefitApproval, now: number, audit: AuditEntry): Promise<Benefit>;
  /** Live counts of published (or paused, ended) benefits; with `regions` false only the stock. */
  counts(benefits: Benefit[], options?: { regions?: boolean }): Promise<Map<string, BenefitCounts>>;
  /** Coupons of a benefit a member holds. */
  held(benefitId: string, memberId: string): Promise<number>;
}

/** What one claim transaction is asked to do. */
export interface ClaimPlan {
  benefitId: string;
  memberId: string;
  perMemberLimit: number;
  /** The region pool to take from (a code or 'other'); null without quotas. */
  pool: string | null;
  coupon: StoredCoupon;
}

/**
 * Which parts of a claim transaction refused: a condition failed, final for this shard. `member`:
 * the member's 退会 was recorded meanwhile.
 */
export type ClaimPart = 'stock' | 'held' | 'pool' | 'coupon' | 'member';

/**
 * How one transaction ended, conflicts and throttling retried already (kernel/data/transactions.ts);
 * `parts` names the items whose condition failed.
 */
export type AttemptOutcome<Part extends string = ClaimPart> = { kind: 'done' } | { kind: 'refused'; parts: Part[] };

export interface ClaimStore {
  /**
   * One claim transaction on stock shard `shard`. `retried` holds the retries this request spent on
   * its earlier shards (and gets this one's): one bound per request. BUSY when it runs out.
   */
  attempt(plan: ClaimPlan, shard: number, retried: string[]): Promise<AttemptOutcome>;
  /** Units left per shard (a strongly consistent read). */
  shardLevels(benefitId: string, shards: number): Promise<ShardLevel[]>;
}

export interface RedemptionRecord {
  couponId: string;
  merchantId: string;
  clerk: string;
  nonce: string;
  redeemedAt: number;
}

export interface CouponStore {
  /** Strongly consistent. */
  get(id: string): Promise<StoredCoupon | null>;
  /** A member's coupons, newest first, at most `limit`. */
  listForMember(memberId: string, limit: number): Promise<StoredCoupon[]>;
  /**
   * One redemption transaction: the coupon unused → used (only if unused, of this member, of this
   * merchant and before its use window ends) with the redemption record, only while the member is
   * still a member (`member` refused: a 退会 was recorded). `busy` when conflicts or throttling
   * outlasted the retries (it may have gone through in a try whose answer was lost).
   */
  redeem(coupon: StoredCoupon, record: RedemptionRecord): Promise<AttemptOutcome<'coupon' | 'redemption' | 'member'> | { kind: 'busy' }>;
  redemption(couponId: string): Promise<RedemptionRecord | null>;
}

export type { Pause };

export interface Deps {
  accounts: AccountStore;
  roster: RosterStore;
  orgs: OrgStore;
  merchants: MerchantStore;
  benefits: BenefitStore;
  limits: LimitsStore;
  claims: ClaimStore;
  coupons: CouponStore;
  tokens: Tokens;
  /** Coupons' short numeric codes (the QR's content, typed by a clerk when a scan fails). */
  couponCodes: ShortCodeStore;
  /** Rate windows: a merchant's wrong codes an hour. */
  quotas: QuotaStore;
  pause: Pause;
  newId: () => string;
  now: () => Date;
  /**
   * Where a member stands with a benefit beyond its own rules (services/paid-places.ts): a ban of its
   * owner's benefits, a paid place that lapsed today. Absent (unit tests' fakes): nothing stands.
   */
  standing?: StandingCheck;
  /** The rules of paid places (payment window, code validity, bans); absent: the defaults. */
  paidRules?: PaidRules;
}

/** A refusal a member's standing gives (with its own message), or null. */
export type StandingCheck = (memberId: string, benefit: Benefit, now: number) => Promise<{ code: 'BENEFIT_BANNED' | 'PAYMENT_LAPSED_TODAY'; message: string } | null>;

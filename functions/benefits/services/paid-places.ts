import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { paidPlaceStore, type PaidPlaceStore, type ReleasePart } from '../data/paid-places-store';
import { banActive, banMessage, banUntil, chinaDay, codeValidUntil, DEFAULT_PAID_RULES, type BanRecord, type PaidRules } from '../domain/paid';
import type { Benefit, StoredCoupon } from '../domain/types';
import type { StandingCheck } from './ports';

/**
 * Paid places as the payments capability (functions/payments) drives them: the place a win or a
 * claim reserved (a coupon `awaiting_payment` with its `payBy`), the items that pay it (→ an unused
 * code valid `codeValidDays`) or release it (unit back to the stock, the member's lapsed day) — sent
 * by payments in one transaction with its order, so an order and its place never disagree — and the
 * bans a paid code left to expire brings (→ BENEFIT_BANNED on the owner's benefits until its end).
 */

/** A member's standing with a benefit: an active ban of an org on its path, or a lapse today (priced ones). */
export function standingCheck(store: Pick<PaidPlaceStore, 'bans' | 'lapsed'>): StandingCheck {
  return async (memberId, benefit, now) => {
    const [bans, lapsed] = await Promise.all([
      store.bans(memberId, benefit.orgPath),
      benefit.priceFen > 0 ? store.lapsed(benefit.id, memberId, chinaDay(now)) : Promise.resolve(false),
    ]);
    const active = bans.filter((b) => banActive(b, now)).sort((a, b) => b.until - a.until)[0];
    if (active) return { code: 'BENEFIT_BANNED', message: banMessage(active.until) };
    if (lapsed) return { code: 'PAYMENT_LAPSED_TODAY', message: '您今天有中签名额未在规定时间内支付，今天不能再参加该活动，请明天再来' };
    return null;
  };
}

export interface PaidPlaces {
  rules: PaidRules;
  place(couponId: string): Promise<StoredCoupon | null>;
  /** A transaction condition: the place is still awaiting payment. */
  awaiting(couponId: string): TransactWriteItem;
  awaitingFor(memberId: string): Promise<StoredCoupon[]>;
  due(kind: 'pay' | 'expiry', until: number, limit: number): Promise<StoredCoupon[]>;
  /** The item that pays a place at `paidAt`, and the code's end. */
  paid(couponId: string, paidAt: number): { item: TransactWriteItem; useEndsAt: number };
  release(coupon: StoredCoupon, shards: number, attempt: number, at: number): { items: TransactWriteItem[]; parts: ReleasePart[] };
  /** A paid code past its end: the items marking it and banning its member from `ownerOrgId`'s benefits. */
  expiry(coupon: StoredCoupon, ownerOrgId: string, now: number): { expired: TransactWriteItem; ban: TransactWriteItem; until: number };
  undue(couponId: string): TransactWriteItem;
  /** A refunded code: unused → void (refused when it was redeemed). */
  void(couponId: string, at: number): TransactWriteItem;
  bans(memberId: string, orgIds: readonly string[]): Promise<BanRecord[]>;
  lift(orgId: string, memberId: string, at: number, by: string, reason: string): TransactWriteItem;
  standing: StandingCheck;
}

export function paidPlaces(store: PaidPlaceStore = paidPlaceStore, rules: PaidRules = DEFAULT_PAID_RULES): PaidPlaces {
  return {
    rules,
    place: (id) => store.get(id),
    awaiting: (id) => store.awaitingCheck(id),
    awaitingFor: (memberId) => store.awaitingFor(memberId),
    due: (kind, until, limit) => store.due(kind, until, limit),
    paid(couponId, paidAt) {
      const useEndsAt = codeValidUntil(paidAt, rules);
      return { item: store.paidItem(couponId, paidAt, useEndsAt), useEndsAt };
    },
    release: (coupon, shards, attempt, at) => store.releaseItems(coupon, shards, attempt, at),
    expiry(coupon, ownerOrgId, now) {
      const until = banUntil(coupon.useEndsAt, rules);
      return {
        expired: store.expiredItem(coupon.id, now),
        ban: store.banItem({ orgId: ownerOrgId, memberId: coupon.memberId, since: now, until, couponId: coupon.id, benefitTitle: coupon.benefitTitle }),
        until,
      };
    },
    undue: (id) => store.undueItem(id),
    void: (id, at) => store.voidItem(id, at),
    bans: (memberId, orgIds) => store.bans(memberId, orgIds),
    lift: (orgId, memberId, at, by, reason) => store.liftItem(orgId, memberId, at, by, reason),
    standing: standingCheck(store),
  };
}

/** When a place reserved at `at` must be paid by (priced benefits), or null (free ones). */
export function payByFor(benefit: Pick<Benefit, 'priceFen'>, at: number, rules: PaidRules = DEFAULT_PAID_RULES): number | null {
  return benefit.priceFen > 0 ? at + rules.payWindowMs : null;
}

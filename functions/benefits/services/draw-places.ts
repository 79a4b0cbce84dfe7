import type { ClaimRefusal } from '../contracts/benefits';
import { claimRefusal, regionPoolFor } from '../domain/benefit';
import type { Benefit, StoredCoupon } from '../domain/types';
import { benefitKeys } from '../data/keys';
import { takeUnit } from './claims';
import { payByFor } from './paid-places';
import { accountOf, contextOf } from './people';
import type { ClaimPlan, Deps } from './ports';

/**
 * What the draws capability (functions/draws) asks of a benefit given out by a draw: who may take
 * part, and the place a win reserves — a coupon of the benefit's stock, taken by the claim
 * transaction itself (stock shard, the member's count, the region pool, the coupon put once per
 * request), so draw wins and the stock can never disagree however many wins land at once.
 *
 * A free benefit's place is an `unused` coupon. A priced one's is a coupon `awaiting_payment`: the seam
 * for the payment work (issue 14 › 3), which turns it into an order with a deadline, makes it usable
 * once paid, or releases its unit (state `released`) and promotes the draw's waiting list.
 */
export type DrawPlacesDeps = Pick<Deps, 'accounts' | 'roster' | 'orgs' | 'benefits' | 'claims' | 'coupons' | 'pause' | 'now' | 'standing' | 'paidRules'>;

export interface DrawEntrant {
  memberId: string;
  /** The member's 2-digit region code (card number's, or their union's federation's). */
  regionCode: string | null;
  /** Why the member may not take part now (a claim's refusal, the draw itself aside), or null. */
  refusal: ClaimRefusal | null;
  /** The refusal's own message when it has one (a ban names its end date). */
  message?: string;
}

export type PlaceRefusal = 'SOLD_OUT' | 'REGION_QUOTA_EXHAUSTED' | 'CLAIM_LIMIT_REACHED' | 'NOT_ELIGIBLE';
export type PlaceOutcome = { couponId: string; state: StoredCoupon['state'] } | { refused: PlaceRefusal };

/** The member behind `openid` and where they stand with `benefit` (NOT_BOUND: memberId null). */
export async function drawEntrant(deps: DrawPlacesDeps, openid: string, benefit: Benefit): Promise<DrawEntrant | null> {
  const context = await contextOf(deps, await accountOf(deps, openid));
  if (!context.member) return null;
  const now = deps.now().getTime();
  const refusal = context.member.left
    ? 'NOT_ELIGIBLE'
    : claimRefusal({ ...benefit, draw: null }, { memberId: context.member.id, unionPath: context.unionPath, regionCode: context.regionCode, held: 0 }, now);
  if (refusal === null && deps.standing) {
    const standing = await deps.standing(context.member.id, benefit, now);
    if (standing) return { memberId: context.member.id, regionCode: context.regionCode, refusal: standing.code, message: standing.message };
  }
  return { memberId: context.member.id, regionCode: context.regionCode, refusal };
}

/**
 * Reserves one place of `benefitId` for a draw's winner. Idempotent by `requestId` (the winning
 * ticket): the same ticket finds its coupon again, never a second one. The window is not checked (a
 * scheduled draw is drawn after it closed); the stock, the member's limit, the region pool and the
 * membership are, by the transaction.
 */
export async function reservePlace(
  deps: DrawPlacesDeps,
  place: { benefitId: string; memberId: string; regionCode: string | null; requestId: string },
): Promise<PlaceOutcome> {
  const benefit = await deps.benefits.get(place.benefitId);
  if (!benefit) throw new Error(`no benefit ${place.benefitId}`);
  const couponId = benefitKeys.couponId(benefit.id, place.memberId, place.requestId);
  const pool = regionPoolFor(benefit, place.regionCode);
  const payBy = payByFor(benefit, deps.now().getTime(), deps.paidRules);
  const coupon: StoredCoupon = {
    id: couponId,
    benefitId: benefit.id,
    memberId: place.memberId,
    requestId: place.requestId,
    benefitTitle: benefit.title,
    category: benefit.category,
    faceValueFen: benefit.faceValueFen,
    priceFen: benefit.priceFen,
    merchantIds: benefit.merchantIds,
    regionPool: pool,
    state: payBy === null ? 'unused' : 'awaiting_payment',
    claimedAt: deps.now().getTime(),
    useEndsAt: benefit.useEndsAt,
    usedAt: null,
    usedAtMerchantId: null,
    ...(payBy !== null ? { payBy, refundPolicy: benefit.refundPolicy ?? 'none' } : {}),
  };
  if (pool === 'closed') return { refused: 'NOT_ELIGIBLE' };
  const plan: ClaimPlan = { benefitId: benefit.id, memberId: place.memberId, perMemberLimit: benefit.perMemberLimit, pool, coupon };
  switch (await takeUnit(deps, plan, benefit.shards)) {
    case 'done':
      return { couponId, state: coupon.state };
    case 'coupon': {
      const mine = await deps.coupons.get(couponId);
      return { couponId, state: mine?.state ?? coupon.state };
    }
    case 'member':
      return { refused: 'NOT_ELIGIBLE' };
    case 'held':
      return { refused: 'CLAIM_LIMIT_REACHED' };
    case 'pool':
      return { refused: 'REGION_QUOTA_EXHAUSTED' };
    case 'sold_out':
      return { refused: 'SOLD_OUT' };
  }
}

/** The states of the coupons wins reserved, by id (absent: no such coupon). */
export async function placeStates(deps: Pick<Deps, 'coupons'>, couponIds: readonly string[]): Promise<Map<string, StoredCoupon['state']>> {
  const coupons = await Promise.all(couponIds.map((id) => deps.coupons.get(id)));
  return new Map(coupons.flatMap((c) => (c ? [[c.id, c.state] as const] : [])));
}

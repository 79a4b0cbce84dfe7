import type { ClaimRefusal, ClaimResponse } from '../contracts/benefits';
import { AppError } from '../../kernel/errors';
import { benefitKeys } from '../data/keys';
import { claimRefusal, regionPoolFor, CLOSED } from '../domain/benefit';
import { couponStatusAt } from '../domain/coupon';
import type { StoredCoupon } from '../domain/types';
import { visibleBenefit } from './catalogue';
import { accountOf, contextOf } from './people';
import type { ClaimPlan, Deps } from './ports';
import { payByFor } from './paid-places';
import { couponView, loadNames } from './views';

export type ClaimDeps = Pick<Deps, 'accounts' | 'roster' | 'orgs' | 'merchants' | 'benefits' | 'claims' | 'coupons' | 'pause' | 'now' | 'standing' | 'paidRules'>;

/** A member who left (退会) claims nothing: refused before the transaction, and by it when the leave lands meanwhile. */
const LEFT_MESSAGE = '您已办理退会，不能再领取会员权益';

export interface ClaimResult {
  response: ClaimResponse;
  /** false when the request had been answered before (same requestId): HTTP 200 instead of 201. */
  created: boolean;
}

async function answer(deps: ClaimDeps, coupon: StoredCoupon, created: boolean, now: number): Promise<ClaimResult> {
  const names = await loadNames(deps, { merchantIds: coupon.merchantIds });
  return { response: { coupon: couponView(coupon, couponStatusAt(coupon, now) ?? 'unused', names) }, created };
}

/**
 * POST /api/benefits/{id}/claims. The checks here only spare the database hopeless transactions;
 * the transaction's conditions (stock shard, member's count, region pool, coupon per request, the
 * member still a member) are what decide, so nothing is over-issued however many claims run at
 * once, and a 退会 recorded while a claim is in flight refuses it.
 */
export async function claimBenefit(deps: ClaimDeps, openid: string, benefitId: string, requestId: string): Promise<ClaimResult> {
  const now = deps.now().getTime();
  const account = await accountOf(deps, openid);
  if (!account.memberId) throw new AppError('NOT_BOUND');
  const memberId = account.memberId;
  // The member's count is read up front (not a hot item): a member who holds the limit already costs
  // no transaction on the stock shards. A replayed request is found by the transaction itself.
  const [context, benefit, held] = await Promise.all([
    contextOf(deps, account),
    visibleBenefit(deps, benefitId),
    deps.benefits.held(benefitId, memberId),
  ]);
  if (!context.member) throw new AppError('NOT_BOUND');
  const couponId = benefitKeys.couponId(benefit.id, memberId, requestId);
  /** A refusal, unless an earlier try of this very request (a retry after BUSY or a time-out) got the coupon. */
  const refuse = async (code: ClaimRefusal, message?: string): Promise<ClaimResult> => {
    const mine = await deps.coupons.get(couponId);
    if (mine) return answer(deps, mine, false, now);
    throw new AppError(code, message ? { message } : {});
  };

  if (context.member.left) return refuse('NOT_ELIGIBLE', LEFT_MESSAGE);
  const refusal = claimRefusal(benefit, { memberId, unionPath: context.unionPath, regionCode: context.regionCode, held }, now);
  if (refusal === 'NOT_ELIGIBLE' && regionPoolFor(benefit, context.regionCode) === CLOSED) {
    return refuse('NOT_ELIGIBLE', '该权益仅面向指定市县的会员，您所在地区不在发放范围内');
  }
  if (refusal) return refuse(refusal);
  // A ban of the owner's benefits (a paid code left unused) or a paid place that lapsed today.
  const standing = deps.standing ? await deps.standing(memberId, benefit, now) : null;
  if (standing) return refuse(standing.code, standing.message);
  const payBy = payByFor(benefit, now, deps.paidRules);

  const coupon: StoredCoupon = {
    id: couponId,
    benefitId: benefit.id,
    memberId,
    requestId,
    benefitTitle: benefit.title,
    category: benefit.category,
    faceValueFen: benefit.faceValueFen,
    priceFen: benefit.priceFen,
    merchantIds: benefit.merchantIds,
    regionPool: regionPoolFor(benefit, context.regionCode),
    // A priced benefit's claim is a place to pay for (functions/payments), within the window.
    state: payBy === null ? 'unused' : 'awaiting_payment',
    claimedAt: now,
    useEndsAt: benefit.useEndsAt,
    usedAt: null,
    usedAtMerchantId: null,
    ...(payBy !== null ? { payBy, refundPolicy: benefit.refundPolicy ?? 'none' } : {}),
  };
  const plan: ClaimPlan = { benefitId: benefit.id, memberId, perMemberLimit: benefit.perMemberLimit, pool: coupon.regionPool, coupon };

  switch (await takeUnit(deps, plan, benefit.shards)) {
    case 'done':
      return answer(deps, coupon, true, now);
    case 'coupon':
      return refuse('SOLD_OUT'); // the coupon exists: answered before
    // The 退会 was recorded after the member was read: the same answer as a claim that read it.
    case 'member':
      return refuse('NOT_ELIGIBLE', LEFT_MESSAGE);
    case 'held':
      return refuse('CLAIM_LIMIT_REACHED');
    case 'pool':
      return refuse('REGION_QUOTA_EXHAUSTED');
    case 'sold_out':
      return refuse('SOLD_OUT');
  }
}

/**
 * How taking one unit for `plan` ended: `done`, the item whose condition refused it (`coupon`: the
 * coupon exists already, `member`, `held`, `pool`), or `sold_out` when every shard is empty. It starts
 * at a random shard and moves to one that still has units when its shard is empty. Conflicts and
 * throttling are retried by the store (the kernel's runner), within one bound for the whole request
 * however many shards it moves over; BUSY (503, retryable) when it runs out. Claims and draw wins
 * (services/draw-places.ts) take their units through here.
 */
export async function takeUnit(
  deps: Pick<Deps, 'claims' | 'pause'>,
  plan: ClaimPlan,
  shards: number,
): Promise<'done' | 'coupon' | 'member' | 'held' | 'pool' | 'sold_out'> {
  const emptied = new Set<number>();
  const retried: string[] = [];
  let shard = Math.floor(deps.pause.random() * shards);
  for (;;) {
    const outcome = await deps.claims.attempt(plan, shard, retried);
    if (outcome.kind === 'done') return 'done';
    for (const part of ['coupon', 'member', 'held', 'pool'] as const) if (outcome.parts.includes(part)) return part;
    // This shard is empty: go on with one that still has units; sold out when none has.
    emptied.add(shard);
    const open = (await deps.claims.shardLevels(plan.benefitId, shards)).filter((l) => l.left > 0 && !emptied.has(l.shard));
    const next = open[Math.floor(deps.pause.random() * open.length)];
    if (!next) return 'sold_out';
    shard = next.shard;
  }
}

import type { RedemptionResponse } from '../contracts/benefits';
import { AppError } from '../../kernel/errors';
import { maskName } from '../../kernel/masking';
import { redemptionDecision } from '../domain/coupon';
import { toShanghaiIso } from '../domain/time';
import type { StoredCoupon } from '../domain/types';
import { requireClerkMerchants } from './people';
import type { Deps, RedemptionRecord } from './ports';
import { loadNames } from './views';

export type RedemptionDeps = Pick<Deps, 'accounts' | 'roster' | 'orgs' | 'merchants' | 'coupons' | 'tokens' | 'newId' | 'now'>;

/**
 * After a transaction was refused or kept conflicting: did this request redeem it after all (an
 * ambiguous failure), or why not? Reads the coupon and its redemption again.
 */
async function settle(deps: RedemptionDeps, record: RedemptionRecord, clerkMerchants: string[], tokenMemberId: string) {
  const [coupon, redemption] = await Promise.all([deps.coupons.get(record.couponId), deps.coupons.redemption(record.couponId)]);
  if (coupon && redemption?.nonce === record.nonce) return coupon;
  const decision = redemptionDecision(coupon, tokenMemberId, clerkMerchants, record.redeemedAt);
  throw new AppError('refusal' in decision ? decision.refusal : 'BUSY');
}

/** POST /api/redemptions: a merchant clerk redeems (核销) the coupon QR a member shows. */
export async function redeemCoupon(deps: RedemptionDeps, openid: string, token: string): Promise<RedemptionResponse> {
  const now = deps.now().getTime();
  const clerkMerchants = await requireClerkMerchants(deps, openid);
  const claims = await deps.tokens.verifyCoupon(token);
  const found = await deps.coupons.get(claims.couponId);
  const decision = redemptionDecision(found, claims.memberId, clerkMerchants, now);
  if ('refusal' in decision) throw new AppError(decision.refusal);
  let coupon = found as StoredCoupon;

  const record: RedemptionRecord = { couponId: coupon.id, merchantId: decision.merchantId, clerk: openid, nonce: deps.newId(), redeemedAt: now };
  // Refused, or busy past the store's retries: settle from what is stored (it may be ours after all).
  const outcome = await deps.coupons.redeem(coupon, record);
  if (outcome.kind !== 'done') coupon = await settle(deps, record, clerkMerchants, claims.memberId);

  const [member, names] = await Promise.all([
    deps.roster.get(coupon.memberId),
    loadNames(deps, { merchantIds: [record.merchantId] }),
  ]);
  return {
    redemption: {
      couponId: coupon.id,
      benefitTitle: coupon.benefitTitle,
      faceValueFen: coupon.faceValueFen,
      memberName: member ? maskName(member.name) : '',
      merchant: names.merchants([record.merchantId])[0] ?? { id: record.merchantId, name: '' },
      redeemedAt: toShanghaiIso(record.redeemedAt),
    },
  };
}

import type { CouponStatus } from '../contracts/benefits';
import type { StoredCoupon } from './types';

/**
 * What a member sees of a stored coupon at `now`; null for states not shown in 我的券 (awaiting
 * payment and released belong to paid benefits, a later release).
 */
export function couponStatusAt(coupon: Pick<StoredCoupon, 'state' | 'useEndsAt'>, now: number): CouponStatus | null {
  if (coupon.state === 'used') return 'used';
  if (coupon.state === 'unused') return now >= coupon.useEndsAt ? 'expired' : 'unused';
  return null;
}

export type RedemptionRefusal =
  | 'COUPON_TOKEN_INVALID'
  | 'COUPON_WRONG_MERCHANT'
  | 'COUPON_ALREADY_REDEEMED'
  | 'COUPON_EXPIRED';

/**
 * Whether a clerk of `clerkMerchantIds` may redeem `coupon`, scanned from a QR signed for
 * `tokenMemberId`: the merchant it is redeemed at, or the refusal. The merchant is checked before the
 * state, so a clerk learns nothing about other merchants' coupons.
 */
export function redemptionDecision(
  coupon: StoredCoupon | null,
  tokenMemberId: string,
  clerkMerchantIds: readonly string[],
  now: number,
): { merchantId: string } | { refusal: RedemptionRefusal } {
  if (!coupon || coupon.memberId !== tokenMemberId || (coupon.state !== 'unused' && coupon.state !== 'used')) {
    return { refusal: 'COUPON_TOKEN_INVALID' };
  }
  const merchantId = coupon.merchantIds.find((id) => clerkMerchantIds.includes(id));
  if (merchantId === undefined) return { refusal: 'COUPON_WRONG_MERCHANT' };
  if (coupon.state === 'used') return { refusal: 'COUPON_ALREADY_REDEEMED' };
  if (now >= coupon.useEndsAt) return { refusal: 'COUPON_EXPIRED' };
  return { merchantId };
}

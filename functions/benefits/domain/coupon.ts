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
  | 'MEMBERSHIP_ENDED'
  | 'COUPON_EXPIRED';

/**
 * Whether a clerk of `clerkMerchantIds` may redeem `coupon`, scanned from a QR signed for
 * `tokenMemberId`, whose member is `holder` as the roster has them now (null: no such entry, as
 * invalid as a token for no coupon): the merchant it is redeemed at, or the refusal. The merchant is
 * checked before the state, so a clerk learns nothing about other merchants' coupons. A member who
 * left (退会) redeems nothing, whenever the coupon was claimed or its QR issued: their benefits stop
 * with their membership (MEMBERSHIP_ENDED; an expired coupon of theirs says so too).
 */
export function redemptionDecision(
  coupon: StoredCoupon | null,
  tokenMemberId: string,
  clerkMerchantIds: readonly string[],
  now: number,
  holder: { left?: object | null } | null,
): { merchantId: string } | { refusal: RedemptionRefusal } {
  if (!coupon || !holder || coupon.memberId !== tokenMemberId || (coupon.state !== 'unused' && coupon.state !== 'used')) {
    return { refusal: 'COUPON_TOKEN_INVALID' };
  }
  const merchantId = coupon.merchantIds.find((id) => clerkMerchantIds.includes(id));
  if (merchantId === undefined) return { refusal: 'COUPON_WRONG_MERCHANT' };
  if (coupon.state === 'used') return { refusal: 'COUPON_ALREADY_REDEEMED' };
  if (holder.left) return { refusal: 'MEMBERSHIP_ENDED' };
  if (now >= coupon.useEndsAt) return { refusal: 'COUPON_EXPIRED' };
  return { merchantId };
}

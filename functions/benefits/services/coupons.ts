import type { CouponQrResponse, CouponStatus, MyCouponsResponse } from '../contracts/benefits';
import { SHORT_CODE_KINDS } from '../../kernel/contracts/short-code';
import { AppError } from '../../kernel/errors';
import { couponStatusAt } from '../domain/coupon';
import { toShanghaiIso } from '../domain/time';
import { requireMember } from './people';
import type { Deps } from './ports';
import { couponView, loadNames } from './views';

/** 我的券 shows at most this many coupons, newest first. */
export const MY_COUPONS_LIMIT = 200;

export type CouponDeps = Pick<Deps, 'accounts' | 'roster' | 'orgs' | 'merchants' | 'coupons' | 'tokens' | 'couponCodes' | 'now'>;

/** A coupon's short code starts with this digit (a card's with another: they never meet). */
export const COUPON_CODE_KIND = SHORT_CODE_KINDS.coupon;
/**
 * How long a short code stays valid: twice the token's 60 s, so a code a clerk is still typing when
 * the page shows the next one is not refused (the page refreshes at about 45 s).
 */
export const COUPON_CODE_TTL_MS = 120_000;

/** The short code's reference: which coupon, for which member (checked again at redemption). */
export const couponCodeReference = (couponId: string, memberId: string) => `${couponId} ${memberId}`;

/** GET /api/me/coupons?status= */
export async function listMyCoupons(deps: CouponDeps, openid: string, status: CouponStatus | undefined): Promise<MyCouponsResponse> {
  const now = deps.now().getTime();
  const { member } = await requireMember(deps, openid);
  const shown = (await deps.coupons.listForMember(member.id, MY_COUPONS_LIMIT)).flatMap((coupon) => {
    const current = couponStatusAt(coupon, now);
    return current !== null && (status === undefined || current === status) ? [{ coupon, current }] : [];
  });
  const names = await loadNames(deps, { merchantIds: shown.flatMap((s) => s.coupon.merchantIds) });
  return { items: shown.map((s) => couponView(s.coupon, s.current, names)) };
}

/**
 * GET /api/me/coupons/{id}/qr: a 60-second token for this coupon and member, while it can be used,
 * and a short numeric code standing for the same (what the QR carries; redemptions.ts).
 * None for a member who left (退会): their coupons stay in 我的券 as history, and a QR shown before
 * the leave is refused at redemption (redemptions.ts).
 */
export async function couponQr(deps: CouponDeps, openid: string, couponId: string): Promise<CouponQrResponse> {
  const now = deps.now();
  const { member } = await requireMember(deps, openid);
  const coupon = await deps.coupons.get(couponId);
  const status = coupon && coupon.memberId === member.id ? couponStatusAt(coupon, now.getTime()) : null;
  if (!coupon || status === null) throw new AppError('NOT_FOUND', { message: '未找到这张券' });
  if (status === 'used') throw new AppError('COUPON_ALREADY_REDEEMED');
  if (member.left) throw new AppError('MEMBERSHIP_ENDED', { message: '您已办理退会，会员权益券已停用；如需重新入会，请联系所在工会' });
  if (status === 'expired') throw new AppError('COUPON_EXPIRED');
  const signed = await deps.tokens.signCoupon(coupon.id, member.id, now);
  const codeExpiresAt = new Date(now.getTime() + COUPON_CODE_TTL_MS);
  const code = await deps.couponCodes.issue(COUPON_CODE_KIND, couponCodeReference(coupon.id, member.id), now, codeExpiresAt);
  return {
    payload: signed.token,
    expiresAt: toShanghaiIso(signed.expiresAt.getTime()),
    code,
    codeExpiresAt: toShanghaiIso(codeExpiresAt.getTime()),
  };
}

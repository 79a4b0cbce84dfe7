import type { RedemptionResponse } from '../contracts/benefits';
import { AppError } from '../../kernel/errors';
import { isShortCode } from '../../kernel/contracts/short-code';
import { resolveCounted } from '../../kernel/data/short-codes';
import { maskName } from '../../kernel/masking';
import { redemptionDecision, type RedemptionRefusal } from '../domain/coupon';
import { toShanghaiIso } from '../domain/time';
import type { StoredCoupon } from '../domain/types';
import { requireClerkMerchants } from './people';
import type { Deps, RedemptionRecord } from './ports';
import { loadNames } from './views';

export type RedemptionDeps = Pick<Deps, 'accounts' | 'roster' | 'orgs' | 'merchants' | 'coupons' | 'tokens' | 'couponCodes' | 'quotas' | 'newId' | 'now'>;

/**
 * The coupon and member a scanned or typed short code stands for; each merchant of the clerk may
 * miss CODE_MISSES_PER_HOUR times an hour (the kernel's resolveCounted).
 */
async function resolveCode(deps: RedemptionDeps, code: string, clerkMerchants: string[], now: number) {
  const reference = await resolveCounted(
    { quotas: deps.quotas, codes: deps.couponCodes },
    { scope: 'coupon-code', subjects: clerkMerchants, code, now, notFound: () => new AppError('COUPON_CODE_NOT_FOUND') },
  );
  const [couponId, memberId] = reference.split(' ');
  if (couponId && memberId) return { couponId, memberId };
  throw new AppError('COUPON_CODE_NOT_FOUND');
}

/** The clerk's answer: the refusal's own message, but for a member who left, said to the clerk. */
const refused = (refusal: RedemptionRefusal) =>
  refusal === 'MEMBERSHIP_ENDED' ? new AppError(refusal, { message: '该会员已办理退会，这张券已停用，不能核销' }) : new AppError(refusal);

/**
 * After a transaction was refused or kept conflicting: did this request redeem it after all (an
 * ambiguous failure), or why not? Reads the coupon, its redemption and its member again (a refusal
 * may be a 退会 recorded meanwhile).
 */
async function settle(deps: RedemptionDeps, record: RedemptionRecord, clerkMerchants: string[], tokenMemberId: string) {
  const [coupon, redemption, holder] = await Promise.all([
    deps.coupons.get(record.couponId),
    deps.coupons.redemption(record.couponId),
    deps.roster.get(tokenMemberId),
  ]);
  if (coupon && redemption?.nonce === record.nonce) return coupon;
  const decision = redemptionDecision(coupon, tokenMemberId, clerkMerchants, record.redeemedAt, holder);
  throw 'refusal' in decision ? refused(decision.refusal) : new AppError('BUSY');
}

/**
 * POST /api/redemptions: a merchant clerk redeems (核销) the coupon QR a member shows — its short
 * code (scanned, or typed when a scan fails) or, from older screens, the signed token. The member is
 * read with the coupon: a member who left (退会) redeems nothing (MEMBERSHIP_ENDED), and the
 * transaction checks it again, so a leave recorded between this read and the write refuses it too.
 */
export async function redeemCoupon(deps: RedemptionDeps, openid: string, token: string): Promise<RedemptionResponse> {
  const now = deps.now().getTime();
  const clerkMerchants = await requireClerkMerchants(deps, openid);
  const compact = token.replace(/\s+/g, '');
  const claims = isShortCode(compact) ? await resolveCode(deps, compact, clerkMerchants, now) : await deps.tokens.verifyCoupon(token);
  const [found, holder] = await Promise.all([deps.coupons.get(claims.couponId), deps.roster.get(claims.memberId)]);
  const decision = redemptionDecision(found, claims.memberId, clerkMerchants, now, holder);
  if ('refusal' in decision) throw refused(decision.refusal);
  let coupon = found as StoredCoupon;

  const record: RedemptionRecord = { couponId: coupon.id, merchantId: decision.merchantId, clerk: openid, nonce: deps.newId(), redeemedAt: now };
  // Refused, or busy past the store's retries: settle from what is stored (it may be ours after all).
  const outcome = await deps.coupons.redeem(coupon, record);
  if (outcome.kind !== 'done') coupon = await settle(deps, record, clerkMerchants, claims.memberId);

  const names = await loadNames(deps, { merchantIds: [record.merchantId] });
  return {
    redemption: {
      couponId: coupon.id,
      benefitTitle: coupon.benefitTitle,
      faceValueFen: coupon.faceValueFen,
      memberName: holder ? maskName(holder.name) : '',
      merchant: names.merchants([record.merchantId])[0] ?? { id: record.merchantId, name: '' },
      redeemedAt: toShanghaiIso(record.redeemedAt),
    },
  };
}

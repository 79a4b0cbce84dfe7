import { couponStatusAt } from '../domain/coupon';
import { toShanghaiIso } from '../domain/time';
import type { StoredCoupon } from '../domain/types';
import type { Deps } from './ports';

/**
 * Benefits' part of a data subject's rights (PIPL art. 45, 47): the member's coupons with their
 * redemptions, and voiding the unused ones when the member closes their account
 * (functions/privacy/ composes the parts). Coupons belong to the roster member, not to the account.
 */

export interface BenefitsSubjectStore {
  /** Every coupon of the member (any state), newest first. */
  coupons(memberId: string): Promise<Array<StoredCoupon & { voidedAt: number | null }>>;
  redemptions(couponIds: string[]): Promise<Array<{ couponId: string; merchantId: string; redeemedAt: number }>>;
  /** unused → void, only while unused; false when it was not (redeemed meanwhile, already void). */
  voidIfUnused(couponId: string, at: number): Promise<boolean>;
}

export type BenefitsSubjectDeps = Pick<Deps, 'merchants' | 'now'> & { subjects: BenefitsSubjectStore };

/** What the member sees of a coupon's state (the stored one, with `expired` for an unused one past its use window). */
export type ExportedCouponStatus = 'unused' | 'used' | 'expired' | 'void' | 'awaiting_payment' | 'released';

export interface BenefitsExport {
  coupons: Array<{
    id: string;
    benefitId: string;
    benefitTitle: string;
    category: string;
    faceValueFen: number;
    priceFen: number;
    merchants: Array<{ id: string; name: string | null }>;
    status: ExportedCouponStatus;
    claimedAt: string;
    useEndsAt: string;
    voidedAt: string | null;
    /** 核销: where and when (the clerk who scanned it is the merchant's staff, not shown). */
    redemption: { merchantId: string; merchantName: string | null; redeemedAt: string } | null;
  }>;
}

const statusOf = (coupon: StoredCoupon, now: number): ExportedCouponStatus =>
  coupon.state === 'unused' || coupon.state === 'used' ? (couponStatusAt(coupon, now) as ExportedCouponStatus) : coupon.state;

export async function exportBenefitsData(deps: BenefitsSubjectDeps, memberId: string): Promise<BenefitsExport> {
  const now = deps.now().getTime();
  const coupons = await deps.subjects.coupons(memberId);
  const redemptions = await deps.subjects.redemptions(coupons.filter((c) => c.state === 'used').map((c) => c.id));
  const byCoupon = new Map(redemptions.map((r) => [r.couponId, r]));
  const merchants = await deps.merchants.getMany([...new Set([...coupons.flatMap((c) => c.merchantIds), ...redemptions.map((r) => r.merchantId)])]);
  const nameOf = (id: string) => merchants.get(id)?.name ?? null;
  return {
    coupons: coupons.map((c) => {
      const redemption = byCoupon.get(c.id);
      return {
        id: c.id,
        benefitId: c.benefitId,
        benefitTitle: c.benefitTitle,
        category: c.category,
        faceValueFen: c.faceValueFen,
        priceFen: c.priceFen,
        merchants: c.merchantIds.map((id) => ({ id, name: nameOf(id) })),
        status: statusOf(c, now),
        claimedAt: toShanghaiIso(c.claimedAt),
        useEndsAt: toShanghaiIso(c.useEndsAt),
        voidedAt: c.voidedAt === null ? null : toShanghaiIso(c.voidedAt),
        redemption: redemption
          ? { merchantId: redemption.merchantId, merchantName: nameOf(redemption.merchantId), redeemedAt: toShanghaiIso(redemption.redeemedAt) }
          : null,
      };
    }),
  };
}

/**
 * Voids every unused coupon of the member (expired ones too): they can no longer be redeemed or
 * shown. Used coupons and their redemptions stay (the merchant's settlement with the union). The
 * units are not returned to the stock and the member's per-benefit count stays: closing an account
 * and binding again must not open a second claim. Safe to repeat; answers how many it voided.
 */
export async function voidUnusedCoupons(deps: BenefitsSubjectDeps, memberId: string): Promise<number> {
  const at = deps.now().getTime();
  const unused = (await deps.subjects.coupons(memberId)).filter((c) => c.state === 'unused');
  let voided = 0;
  for (const coupon of unused) if (await deps.subjects.voidIfUnused(coupon.id, at)) voided += 1;
  return voided;
}

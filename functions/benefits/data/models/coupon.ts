import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';
import type { StoredCoupon } from '../../domain/types';

/**
 * A claimed coupon: the domain's StoredCoupon as stored (mapped both ways in ../mapping.ts only); its
 * id comes from benefitKeys.couponId(benefit, member, requestId).
 */
export interface CouponItem extends Item, Omit<StoredCoupon, 'regionPool' | 'usedAt' | 'usedAtMerchantId'> {
  /** Absent without quotas (null in the domain). */
  regionPool?: string;
  usedAt?: number;
  usedAtMerchantId?: string;
  /** When a `void` coupon was voided (its member closed their account). */
  voidedAt?: number;
  payBy?: number;
  /** When its place was paid (functions/payments), released unpaid, or (a paid code) found expired unredeemed. */
  paidAt?: number;
  releasedAt?: number;
  expiredAt?: number;
  /**
   * The sparse byDue index (paid places, data/paid-places-store.ts): `pay` while awaiting payment
   * (dueAt = payBy), `expiry` while a paid code is unused (dueAt = useEndsAt); removed once handled.
   */
  dueKey?: string;
  dueAt?: number;
}

export const CouponModel = /* @__PURE__ */ lazyModel<CouponItem>(
  'coupons',
  () =>
    new dynamoose.Schema({
      id: { type: String, hashKey: true },
      benefitId: { type: String, required: true },
      // 我的券: a member's coupons, newest first.
      memberId: { type: String, required: true, index: { name: 'byMember', type: 'global', rangeKey: 'claimedAt', project: true } },
      requestId: { type: String, required: true },
      benefitTitle: { type: String, required: true },
      category: { type: String, required: true },
      faceValueFen: { type: Number, required: true },
      priceFen: { type: Number, required: true },
      merchantIds: { type: Array, schema: [String], required: true },
      regionPool: String,
      state: { type: String, required: true, enum: ['unused', 'used', 'awaiting_payment', 'released', 'void'] },
      claimedAt: { type: Number, required: true },
      useEndsAt: { type: Number, required: true },
      usedAt: Number,
      usedAtMerchantId: String,
      voidedAt: Number,
      payBy: Number,
      refundPolicy: { type: String, enum: ['none', 'same_day_review'] },
      paidAt: Number,
      releasedAt: Number,
      expiredAt: Number,
      dueKey: String,
      dueAt: Number,
    }),
);

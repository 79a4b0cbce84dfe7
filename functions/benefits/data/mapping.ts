import type { Benefit, BenefitApproval, BenefitDrawRef, StoredCoupon } from '../domain/types';
import type { RedemptionRecord } from '../services/ports';
import type { BenefitItem } from './models/benefit';
import type { CouponItem } from './models/coupon';
import type { RedemptionItem } from './models/redemption';

/**
 * Stored items ↔ domain types, each entity's in one place: nothing dynamoose leaves the data layer.
 * The items' types are the domain's with what storage changes (models/*.ts).
 */

export function toBenefit(item: BenefitItem): Benefit {
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    category: item.category,
    merchantIds: [...item.merchantIds],
    faceValueFen: item.faceValueFen,
    priceFen: item.priceFen,
    stock: item.stock,
    perMemberLimit: item.perMemberLimit,
    claimStartsAt: item.claimStartsAt,
    claimEndsAt: item.claimEndsAt,
    useEndsAt: item.useEndsAt,
    orgId: item.orgId,
    orgPath: [...item.orgPath],
    regionQuotas: JSON.parse(item.regionQuotas) as Record<string, number>,
    otherRegions: item.otherRegions,
    shards: item.shards,
    status: item.status,
    approval: item.approval ? (JSON.parse(item.approval) as BenefitApproval) : null,
    ...(item.draw ? { draw: JSON.parse(item.draw) as BenefitDrawRef } : {}),
    ...(item.refundPolicy ? { refundPolicy: item.refundPolicy } : {}),
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/**
 * The fields of a benefit as stored (all but its key). Not its `draw`: only the draws capability
 * writes that (data/draw-ref.ts), and a desk edit of the draft ($SET of these) keeps it.
 */
export function benefitAttributes(b: Benefit) {
  return {
    title: b.title,
    description: b.description,
    category: b.category,
    merchantIds: b.merchantIds,
    faceValueFen: b.faceValueFen,
    priceFen: b.priceFen,
    stock: b.stock,
    perMemberLimit: b.perMemberLimit,
    claimStartsAt: b.claimStartsAt,
    claimEndsAt: b.claimEndsAt,
    useEndsAt: b.useEndsAt,
    orgId: b.orgId,
    orgPath: b.orgPath,
    regionQuotas: JSON.stringify(b.regionQuotas),
    otherRegions: b.otherRegions,
    shards: b.shards,
    status: b.status,
    ...(b.approval !== null ? { approval: JSON.stringify(b.approval) } : {}),
    ...(b.refundPolicy ? { refundPolicy: b.refundPolicy } : {}),
    createdBy: b.createdBy,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

export function toCoupon(item: CouponItem): StoredCoupon {
  return {
    id: item.id,
    benefitId: item.benefitId,
    memberId: item.memberId,
    requestId: item.requestId,
    benefitTitle: item.benefitTitle,
    category: item.category,
    faceValueFen: item.faceValueFen,
    priceFen: item.priceFen,
    merchantIds: [...item.merchantIds],
    regionPool: item.regionPool ?? null,
    state: item.state,
    claimedAt: item.claimedAt,
    useEndsAt: item.useEndsAt,
    usedAt: item.usedAt ?? null,
    usedAtMerchantId: item.usedAtMerchantId ?? null,
    ...(item.payBy !== undefined ? { payBy: item.payBy } : {}),
    ...(item.refundPolicy !== undefined ? { refundPolicy: item.refundPolicy } : {}),
  };
}

export function couponAttributes(c: StoredCoupon) {
  return {
    id: c.id,
    benefitId: c.benefitId,
    memberId: c.memberId,
    requestId: c.requestId,
    benefitTitle: c.benefitTitle,
    category: c.category,
    faceValueFen: c.faceValueFen,
    priceFen: c.priceFen,
    merchantIds: c.merchantIds,
    ...(c.regionPool !== null ? { regionPool: c.regionPool } : {}),
    state: c.state,
    claimedAt: c.claimedAt,
    useEndsAt: c.useEndsAt,
    ...(c.usedAt !== null ? { usedAt: c.usedAt } : {}),
    ...(c.usedAtMerchantId !== null ? { usedAtMerchantId: c.usedAtMerchantId } : {}),
    // A place awaiting payment is on the byDue index until it is paid or released.
    ...(c.payBy != null ? { payBy: c.payBy, dueKey: 'pay', dueAt: c.payBy } : {}),
    ...(c.refundPolicy !== undefined ? { refundPolicy: c.refundPolicy } : {}),
  };
}

export function toRedemption(item: RedemptionItem): RedemptionRecord {
  return { couponId: item.couponId, merchantId: item.merchantId, clerk: item.clerk, nonce: item.nonce, redeemedAt: item.redeemedAt };
}

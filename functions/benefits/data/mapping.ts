import type { BenefitCategory, BenefitStatus, OtherRegions } from '../contracts/benefits';
import type { Benefit, CouponState, StoredCoupon } from '../domain/types';
import type { BenefitItem } from './models/benefit';
import type { CouponItem } from './models/coupon';

/** Stored items ↔ domain types: nothing dynamoose leaves the data layer. */

export function toBenefit(item: BenefitItem): Benefit {
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    category: item.category as BenefitCategory,
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
    otherRegions: item.otherRegions as OtherRegions,
    shards: item.shards,
    status: item.status as BenefitStatus,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** The fields of a benefit as stored (all but its key). */
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
    category: item.category as BenefitCategory,
    faceValueFen: item.faceValueFen,
    priceFen: item.priceFen,
    merchantIds: [...item.merchantIds],
    regionPool: item.regionPool ?? null,
    state: item.state as CouponState,
    claimedAt: item.claimedAt,
    useEndsAt: item.useEndsAt,
    usedAt: item.usedAt ?? null,
    usedAtMerchantId: item.usedAtMerchantId ?? null,
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
  };
}

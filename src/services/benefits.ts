import {
  adminBenefitLimitsGet,
  adminBenefitsApprove,
  adminBenefitsCreate,
  adminBenefitsGet,
  adminBenefitsList,
  adminBenefitsStatus,
  adminBenefitsStock,
  adminBenefitsUpdate,
  benefitsClaim,
  benefitsGet,
  benefitsList,
  couponsList,
  couponsQr,
  redemptionsCreate,
  type AdminBenefitListQuery,
  type AdminBenefitListResponse,
  type AdminBenefitResponse,
  type BenefitLimitsResponse,
  type BenefitDetailResponse,
  type BenefitListQuery,
  type BenefitListResponse,
  type BenefitStatusRequest,
  type ClaimRequest,
  type ClaimResponse,
  type CouponQrResponse,
  type CreateBenefitRequest,
  type MerchantRef,
  type MyCouponsQuery,
  type MyCouponsResponse,
  type RedemptionRequest,
  type RedemptionResponse,
  type StockRequest,
  type UpdateBenefitRequest,
} from '../../functions/benefits/contracts/benefits';
import { adminMerchantsList } from '../../functions/membership/contracts/admin';
import { call } from './request';

/** One function per 普惠 endpoint, each called through its declaration (functions/benefits/contracts). */

// Members

export function listBenefits(query: BenefitListQuery = {}): Promise<BenefitListResponse> {
  return call(benefitsList, { query });
}

export function getBenefit(benefitId: string): Promise<BenefitDetailResponse> {
  return call(benefitsGet, { params: { id: benefitId } });
}

/** 201 with a new coupon, 200 with the same coupon when `requestId` was seen before. */
export function claimBenefit(benefitId: string, body: ClaimRequest): Promise<ClaimResponse> {
  return call(benefitsClaim, { params: { id: benefitId }, body });
}

export function listMyCoupons(query: MyCouponsQuery = {}): Promise<MyCouponsResponse> {
  return call(couponsList, { query });
}

export function getCouponQr(couponId: string): Promise<CouponQrResponse> {
  return call(couponsQr, { params: { id: couponId } });
}

// Merchant clerks

export function redeemCoupon(body: RedemptionRequest): Promise<RedemptionResponse> {
  return call(redemptionsCreate, { body });
}

// Officials and admins

export function listAdminBenefits(query: AdminBenefitListQuery = {}): Promise<AdminBenefitListResponse> {
  return call(adminBenefitsList, { query });
}

export function getAdminBenefit(benefitId: string): Promise<AdminBenefitResponse> {
  return call(adminBenefitsGet, { params: { id: benefitId } });
}

export function createBenefit(body: CreateBenefitRequest): Promise<AdminBenefitResponse> {
  return call(adminBenefitsCreate, { body });
}

/** Drafts only (BENEFIT_NOT_DRAFT otherwise). */
export function updateBenefit(benefitId: string, body: UpdateBenefitRequest): Promise<AdminBenefitResponse> {
  return call(adminBenefitsUpdate, { params: { id: benefitId }, body });
}

export function changeBenefitStatus(benefitId: string, body: BenefitStatusRequest): Promise<AdminBenefitResponse> {
  return call(adminBenefitsStatus, { params: { id: benefitId }, body });
}

export function adjustBenefitStock(benefitId: string, body: StockRequest): Promise<AdminBenefitResponse> {
  return call(adminBenefitsStock, { params: { id: benefitId }, body });
}

/** The level above approves a draft above its owner's limits (not its creator). */
export function approveBenefit(benefitId: string): Promise<AdminBenefitResponse> {
  return call(adminBenefitsApprove, { params: { id: benefitId } });
}

/** The province's limits per org level (what a benefit may reach without approval). */
export function getBenefitLimits(): Promise<BenefitLimitsResponse> {
  return call(adminBenefitLimitsGet, {});
}

/** The active merchants a benefit of `orgId` may name: signed by it or an org above it (the form's picker). */
export async function listSignedMerchants(orgId: string): Promise<MerchantRef[]> {
  const { items } = await call(adminMerchantsList, { query: { orgId } });
  return items.map((m) => ({ id: m.id, name: m.name }));
}

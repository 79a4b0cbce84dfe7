import type {
  AdminBenefitListQuery,
  AdminBenefitListResponse,
  AdminBenefitResponse,
  BenefitDetailResponse,
  BenefitListQuery,
  BenefitListResponse,
  BenefitStatusRequest,
  ClaimRequest,
  ClaimResponse,
  CouponQrResponse,
  CreateBenefitRequest,
  MyCouponsQuery,
  MyCouponsResponse,
  RedemptionRequest,
  RedemptionResponse,
  StockRequest,
  UpdateBenefitRequest,
} from '../../functions/benefits/contracts/benefits';
import { request } from './request';

/** One function per 普惠 endpoint, typed from the shared contract (functions/benefits/contracts). */

/** `?a=1&b=2` from the defined values of a query, '' when there are none. */
function queryString(query: object): string {
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

const id = (value: string) => encodeURIComponent(value);

// Members

export function listBenefits(query: BenefitListQuery = {}): Promise<BenefitListResponse> {
  return request<BenefitListResponse>(`/api/benefits${queryString(query)}`);
}

export function getBenefit(benefitId: string): Promise<BenefitDetailResponse> {
  return request<BenefitDetailResponse>(`/api/benefits/${id(benefitId)}`);
}

/** 201 with a new coupon, 200 with the same coupon when `requestId` was seen before. */
export function claimBenefit(benefitId: string, body: ClaimRequest): Promise<ClaimResponse> {
  return request<ClaimResponse>(`/api/benefits/${id(benefitId)}/claims`, { method: 'POST', body });
}

export function listMyCoupons(query: MyCouponsQuery = {}): Promise<MyCouponsResponse> {
  return request<MyCouponsResponse>(`/api/me/coupons${queryString(query)}`);
}

export function getCouponQr(couponId: string): Promise<CouponQrResponse> {
  return request<CouponQrResponse>(`/api/me/coupons/${id(couponId)}/qr`);
}

// Merchant clerks

export function redeemCoupon(body: RedemptionRequest): Promise<RedemptionResponse> {
  return request<RedemptionResponse>('/api/redemptions', { method: 'POST', body });
}

// Officials and admins

export function listAdminBenefits(query: AdminBenefitListQuery = {}): Promise<AdminBenefitListResponse> {
  return request<AdminBenefitListResponse>(`/api/admin/benefits${queryString(query)}`);
}

export function getAdminBenefit(benefitId: string): Promise<AdminBenefitResponse> {
  return request<AdminBenefitResponse>(`/api/admin/benefits/${id(benefitId)}`);
}

export function createBenefit(body: CreateBenefitRequest): Promise<AdminBenefitResponse> {
  return request<AdminBenefitResponse>('/api/admin/benefits', { method: 'POST', body });
}

/** Drafts only (BENEFIT_NOT_DRAFT otherwise). */
export function updateBenefit(benefitId: string, body: UpdateBenefitRequest): Promise<AdminBenefitResponse> {
  return request<AdminBenefitResponse>(`/api/admin/benefits/${id(benefitId)}`, { method: 'POST', body });
}

export function changeBenefitStatus(benefitId: string, body: BenefitStatusRequest): Promise<AdminBenefitResponse> {
  return request<AdminBenefitResponse>(`/api/admin/benefits/${id(benefitId)}/status`, { method: 'POST', body });
}

export function adjustBenefitStock(benefitId: string, body: StockRequest): Promise<AdminBenefitResponse> {
  return request<AdminBenefitResponse>(`/api/admin/benefits/${id(benefitId)}/stock`, { method: 'POST', body });
}

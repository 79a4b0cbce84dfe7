/**
 * The benefits (普惠) capability's public entry: what other capabilities may use. Nothing yet
 * beyond the contracts (functions/benefits/contracts/), which the mini-program shares.
 */
export type { Benefit, StoredCoupon } from './domain/types';
/** A data subject's rights (PIPL): a member's coupons for their export, voiding the unused ones (functions/privacy/). */
export type { BenefitsExport } from './services/data-subject';
export { benefitsDataSubject } from './services/data-subject-deps';

/**
 * The benefits (普惠) capability's public entry: what other capabilities may use. Nothing yet
 * beyond the contracts (functions/benefits/contracts/), which the mini-program shares.
 */
export type { Benefit, BenefitDrawRef, StoredCoupon } from './domain/types';
/** A data subject's rights (PIPL): a member's coupons for their export, voiding the unused ones (functions/privacy/). */
export type { BenefitsExport } from './services/data-subject';
export { benefitsDataSubject } from './services/data-subject-deps';
/** Claimed/redeemed figures of a subtree's benefits from their counters, for the dashboard (functions/stats/). */
export type { BenefitFigures } from './services/figures';
export { benefitsFigures } from './services/figures-deps';
/**
 * A benefit given out by a draw (functions/draws): who may take part, the place a win reserves (a
 * coupon of its stock, through the claim transaction) and the item that gives a draft its draw.
 */
export type { DrawEntrant, PlaceOutcome, PlaceRefusal } from './services/draw-places';
export { benefitDrawPlaces, type BenefitDrawPlaces } from './services/draw-places-deps';
export { attachDrawItem } from './data/draw-ref';
/**
 * Paid places (functions/payments): a place awaiting payment, the items that pay or release it (sent
 * in payments' own transaction with its order), paid codes' ends and the bans they bring.
 */
export { benefitPaidPlaces } from './services/paid-places-deps';
export type { PaidPlaces } from './services/paid-places';
export type { BanRecord, PaidRules } from './domain/paid';
export { banActive, banMessage, chinaDay } from './domain/paid';

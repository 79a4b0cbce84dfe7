/**
 * The benefits (普惠) capability's public entry: what other capabilities may use. Nothing yet
 * beyond the contracts (functions/benefits/contracts/), which the mini-program shares.
 */
export type { Benefit, StoredCoupon } from './domain/types';

import { paidPlaceStore } from '../data/paid-places-store';
import { paidRulesFrom } from '../domain/paid';
import { paidPlaces } from './paid-places';

/** Paid places wired to the real stores, the rules from the environment (PAY_WINDOW_MINUTES, …). */
export const benefitPaidPlaces = /* @__PURE__ */ (() => {
  let built: ReturnType<typeof paidPlaces> | undefined;
  return () => (built ??= paidPlaces(paidPlaceStore, paidRulesFrom(process.env)));
})();

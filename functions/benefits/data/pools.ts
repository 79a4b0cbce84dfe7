import { benefitKeys } from './keys';
import { OTHER_REGIONS } from '../domain/benefit';

/** The counter key of a region pool: a 2-digit region code, or 'other' for the unreserved rest. */
export function poolKey(benefitId: string, pool: string): string {
  return pool === OTHER_REGIONS ? benefitKeys.otherRegions(benefitId) : benefitKeys.regionQuota(benefitId, pool);
}

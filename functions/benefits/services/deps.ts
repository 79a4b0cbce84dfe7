import { ulid } from 'ulid';
import { tokensOnDemand } from '../../kernel/credentials';
import { accountStore, merchantStore, orgStore, rosterStore } from '../../membership';
import { createBenefitStore } from '../data/benefit-store';
import { createClaimStore } from '../data/claim-store';
import { createCouponStore } from '../data/coupon-store';
import { limitsStore } from '../data/limits-store';
import { benefitKeys } from '../data/keys';
import { quotaStore } from '../../kernel/data/quota-store';
import { createShortCodeStore } from '../../kernel/data/short-codes';
import { realPause, sendTransaction as dynamooseRunner } from '../../kernel/data/transactions';
import { cachedBenefitReads, cachedMerchants, cachedOrgs } from './cache';
import { paidPlaceStore } from '../data/paid-places-store';
import { paidRulesFrom } from '../domain/paid';
import { standingCheck } from './paid-places';
import type { Deps } from './ports';

/** How stale what the claim path caches may be (see cache.ts). */
export const CLAIM_BENEFIT_CACHE_MS = 1_000;
export const ORG_CACHE_MS = 5 * 60_000;
export const MERCHANT_NAME_CACHE_MS = 60_000;

let depsPromise: Promise<Deps> | undefined;

/**
 * The real side effects of the benefits use cases, built once per container; each use case names
 * the part it needs (its `…Deps` type). Tokens read their keys on first use: sessions
 * session-secret, coupon QR codes coupon-signing-key.
 */
export function productionDeps(): Promise<Deps> {
  depsPromise ??= Promise.resolve({
    accounts: accountStore,
    roster: rosterStore,
    orgs: cachedOrgs(orgStore, ORG_CACHE_MS),
    merchants: merchantStore,
    benefits: createBenefitStore(dynamooseRunner, realPause),
    limits: limitsStore,
    claims: createClaimStore(dynamooseRunner),
    coupons: createCouponStore(dynamooseRunner),
    tokens: tokensOnDemand(),
    couponCodes: createShortCodeStore(benefitKeys.couponCode),
    quotas: quotaStore,
    pause: realPause,
    newId: ulid,
    now: () => new Date(),
    standing: standingCheck(paidPlaceStore),
    paidRules: paidRulesFrom(process.env),
  });
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

/**
 * The claim entry point's: the benefit is read at most once a second per container and merchant
 * names once a minute, so a flash crowd's reads stay off the benefit's item.
 */
let claimDepsCache: Deps | undefined;
export async function claimDeps(): Promise<Deps> {
  const deps = await productionDeps();
  claimDepsCache ??= {
    ...deps,
    benefits: cachedBenefitReads(deps.benefits, CLAIM_BENEFIT_CACHE_MS),
    merchants: cachedMerchants(deps.merchants, MERCHANT_NAME_CACHE_MS),
  };
  return claimDepsCache;
}

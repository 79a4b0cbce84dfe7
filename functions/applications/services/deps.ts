import { ulid } from 'ulid';
import { quotaStore } from '../../kernel/data/quota-store';
import { productionIdCrypto, tokensOnDemand } from '../../kernel/credentials';
import { objectStore } from '../../kernel/data/objects';
import { accountStore, officialStore, orgDirectory, orgStore, rosterStore } from '../../membership';
import { createApplicationStore } from '../data/application-store';
import { campaignStore } from '../data/campaign-store';
import { calendarStore } from '../data/calendar-store';
import { createProofStore } from '../data/proof-store';
import { cachedCalendar, cachedDirectory } from './cache';
import type { Deps } from './ports';

/** The org tree's levels (union picker, an admin's roots) and the calendar are read at most this often. */
export const DIRECTORY_CACHE_MS = 5 * 60_000;
export const CALENDAR_CACHE_MS = 10 * 60_000;

let depsPromise: Promise<Deps> | undefined;

/**
 * The real side effects of the applications use cases, built once per container. The ID crypto
 * holds the ID keys this function is granted (showing a join decrypts its ID number; filing one
 * encrypts and hashes it; approving it writes the roster member); tokens read their keys on first use.
 */
export function productionDeps(): Promise<Deps> {
  depsPromise ??= (async () => {
    const idCrypto = await productionIdCrypto();
    return {
      accounts: accountStore,
      roster: rosterStore,
      orgs: orgStore,
      directory: cachedDirectory(orgDirectory, DIRECTORY_CACHE_MS),
      applications: createApplicationStore({ idCrypto }),
      calendar: cachedCalendar(calendarStore, CALENDAR_CACHE_MS),
      // The S3 SDK loads on the first use of proofs only (kernel/data/objects.ts).
      proofs: createProofStore({ objects: () => objectStore('proofs') }),
      campaigns: campaignStore,
      quotas: quotaStore,
      officials: officialStore,
      idCrypto,
      tokens: tokensOnDemand(),
      newId: ulid,
      now: () => new Date(),
    };
  })();
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

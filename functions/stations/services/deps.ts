import { ulid } from 'ulid';
import { tokensOnDemand } from '../../kernel/credentials';
import { accountStore, orgStore } from '../../membership';
import { stationStore } from '../data/station-store';
import type { Deps } from './ports';

let deps: (Deps & { tokens: ReturnType<typeof tokensOnDemand> }) | undefined;

/** The real side effects of the station use cases, built once per container. */
export async function productionDeps() {
  deps ??= { accounts: accountStore, orgs: orgStore, stations: stationStore, newId: ulid, now: () => new Date(), tokens: tokensOnDemand() };
  return deps;
}

/** The members' list reads stations and orgs only: no session, no secrets. */
export async function publicDeps() {
  return { orgs: orgStore, stations: stationStore };
}

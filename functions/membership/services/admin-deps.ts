import { ulid } from 'ulid';
import { productionIdCrypto, tokensOnDemand } from '../../kernel/credentials';
import { accountStore } from '../data/account-store';
import { membershipSubjectStore } from '../data/data-subject-store';
import { memberCareStore, memberDirectory } from '../data/member-care-store';
import { merchantDirectory, merchantStore } from '../data/merchant-store';
import { orgAdminStore, roleAdminStore } from '../data/org-role-store';
import { orgDirectory, orgStore } from '../data/org-store';
import { rosterStore } from '../data/roster-store';
import type { AdminDeps } from './admin-ports';
import type { OrgDirectory } from './ports';

/**
 * How long a container keeps a level of the org tree for the member search: a union added a minute
 * ago has no members to find yet; the writes of orgs read the tree fresh.
 */
const DIRECTORY_TTL_MS = 60_000;

function cached(directory: OrgDirectory, ttlMs: number): OrgDirectory {
  const levels = new Map<string, { value: ReturnType<OrgDirectory['listByKind']>; until: number }>();
  return {
    listByKind(kind) {
      const hit = levels.get(kind);
      if (hit && hit.until > Date.now()) return hit.value;
      const value = directory.listByKind(kind);
      levels.set(kind, { value, until: Date.now() + ttlMs });
      value.catch(() => levels.delete(kind));
      return value;
    },
  };
}

let depsPromise: Promise<AdminDeps> | undefined;

/**
 * The real side effects of member care, orgs and roles, built once per container (tokens read their
 * keys on first use; the ID crypto holds the ID keys this function is granted: the member search
 * hashes an ID number).
 */
export function adminDeps(): Promise<AdminDeps> {
  depsPromise ??= (async () => {
    return {
      accounts: accountStore,
      orgs: orgStore,
      directory: cached(orgDirectory, DIRECTORY_TTL_MS),
      liveDirectory: orgDirectory,
      roster: rosterStore,
      records: membershipSubjectStore,
      members: memberDirectory,
      care: memberCareStore,
      orgAdmin: orgAdminStore,
      roleAdmin: roleAdminStore,
      merchants: merchantStore,
      merchantDirectory,
      idCrypto: await productionIdCrypto(),
      tokens: tokensOnDemand(),
      now: () => new Date(),
      newId: ulid,
    };
  })();
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

import { auditStore } from '../data/audit-store';
import { tokensOnDemand } from '../../kernel/credentials';
import { accountStore, orgStore } from '../../membership';
import type { Deps } from './ports';

let depsPromise: Promise<Deps> | undefined;

/** The real side effects, built once per container (session tokens read session-secret on first use). */
export function productionDeps(): Promise<Deps> {
  depsPromise ??= Promise.resolve({ accounts: accountStore, orgs: orgStore, audit: auditStore, tokens: tokensOnDemand() });
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

import { auditStore } from '../../kernel/data/audit';
import { accountStore, orgStore, productionTokens } from '../../membership';
import type { Deps } from './ports';

let depsPromise: Promise<Deps> | undefined;

/** The real side effects, built once per container. */
export function productionDeps(): Promise<Deps> {
  depsPromise ??= productionTokens().then((tokens) => ({ accounts: accountStore, orgs: orgStore, audit: auditStore, tokens }));
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

import { applicationsSatisfaction } from '../../applications';
import { benefitsFigures } from '../../benefits';
import { tokensOnDemand } from '../../kernel/credentials';
import { accountStore, orgDirectory, orgStore } from '../../membership';
import { statsStore } from '../data/stats-store';
import type { DashboardDeps } from './ports';

let depsPromise: Promise<DashboardDeps> | undefined;

/** The dashboard's side effects, built once per container (session tokens read session-secret on first use). */
export function productionDeps(): Promise<DashboardDeps> {
  depsPromise ??= Promise.resolve({
    accounts: accountStore,
    orgs: orgStore,
    directory: orgDirectory,
    tokens: tokensOnDemand(),
    stats: statsStore,
    benefits: benefitsFigures,
    satisfaction: applicationsSatisfaction,
    now: () => new Date(),
  });
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

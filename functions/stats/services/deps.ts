import { applicationsSatisfaction } from '../../applications';
import { benefitsFigures } from '../../benefits';
import { accountStore, orgDirectory, orgStore, productionTokens } from '../../membership';
import { statsStore } from '../data/stats-store';
import type { DashboardDeps } from './ports';

let depsPromise: Promise<DashboardDeps> | undefined;

/** The dashboard's side effects, built once per container. */
export function productionDeps(): Promise<DashboardDeps> {
  depsPromise ??= productionTokens().then((tokens) => ({
    accounts: accountStore,
    orgs: orgStore,
    directory: orgDirectory,
    tokens,
    stats: statsStore,
    benefits: benefitsFigures,
    satisfaction: applicationsSatisfaction,
    now: () => new Date(),
  }));
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

import { applicationsDataSubject } from '../../applications';
import { benefitsDataSubject } from '../../benefits';
import { tokensOnDemand } from '../../kernel/credentials';
import { membershipDataSubject } from '../../membership';
import { paymentsDataSubject } from '../../payments';
import type { Deps } from './ports';

let depsPromise: Promise<Deps> | undefined;

/** The real parts of every capability, built once per container (each reads its secrets on first use). */
export function productionDeps(): Promise<Deps> {
  depsPromise ??= Promise.resolve({
    parts: { membership: membershipDataSubject, benefits: benefitsDataSubject, applications: applicationsDataSubject, payments: paymentsDataSubject },
    tokens: tokensOnDemand(),
    now: () => new Date(),
  });
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

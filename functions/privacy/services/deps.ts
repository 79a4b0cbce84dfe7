import { applicationsDataSubject } from '../../applications';
import { benefitsDataSubject } from '../../benefits';
import { membershipDataSubject, productionTokens } from '../../membership';
import type { Deps } from './ports';

let depsPromise: Promise<Deps> | undefined;

/** The real parts of every capability, built once per container. */
export function productionDeps(): Promise<Deps> {
  depsPromise ??= productionTokens().then((tokens) => ({
    parts: { membership: membershipDataSubject, benefits: benefitsDataSubject, applications: applicationsDataSubject },
    tokens,
    now: () => new Date(),
  }));
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

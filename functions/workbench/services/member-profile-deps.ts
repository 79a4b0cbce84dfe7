import { applicationsDataSubject } from '../../applications';
import { benefitsDataSubject } from '../../benefits';
import { officialMemberRecord, productionTokens } from '../../membership';
import type { MemberProfileDeps } from './member-profile';

let depsPromise: Promise<MemberProfileDeps> | undefined;

/** The real parts, built once per container. */
export function memberProfileDeps(): Promise<MemberProfileDeps> {
  depsPromise ??= productionTokens().then((tokens) => ({
    tokens,
    parts: { membership: officialMemberRecord, applications: applicationsDataSubject.export, benefits: benefitsDataSubject.export },
  }));
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

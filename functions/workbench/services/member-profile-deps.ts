import { applicationsDataSubject } from '../../applications';
import { benefitsDataSubject } from '../../benefits';
import { sessionTokensOnDemand } from '../../kernel/credentials';
import { officialMemberRecord } from '../../membership';
import type { MemberProfileDeps } from './member-profile';

let depsPromise: Promise<MemberProfileDeps> | undefined;

/** The real parts, built once per container (each reads its secrets on first use). */
export function memberProfileDeps(): Promise<MemberProfileDeps> {
  depsPromise ??= Promise.resolve({
    tokens: sessionTokensOnDemand(),
    parts: { membership: officialMemberRecord, applications: applicationsDataSubject.export, benefits: benefitsDataSubject.export },
  });
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

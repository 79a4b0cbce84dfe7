import { membershipSubjectStore } from '../data/data-subject-store';
import { merchantStore } from '../data/merchant-store';
import { orgStore } from '../data/org-store';
import { accountToClose, closeMembershipAccount, exportMembershipData } from './data-subject';

const deps = { orgs: orgStore, merchants: merchantStore, subjects: membershipSubjectStore };

/** Membership's part of a data subject's rights, wired to the real stores (functions/privacy/ composes it). */
export const membershipDataSubject = {
  export: (openid: string) => exportMembershipData(deps, openid),
  account: (openid: string) => accountToClose(deps, openid),
  close: (account: Parameters<typeof closeMembershipAccount>[1]) => closeMembershipAccount(deps, account),
};

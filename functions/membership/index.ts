/**
 * The membership capability's public entry: what other capabilities (benefits, applications, …) may
 * use. Accounts and roles, the real-name roster, the organisation tree and the merchants live here;
 * others read them through these ports and never import membership's storage directly
 * (.dependency-cruiser.cjs enforces it).
 */
export type { Account, Merchant, MerchantAgreement, Org, OrgKind, RosterMember, StoredRole } from './domain/types';
export type { AccountStore, MerchantStore, NewRosterEntry, OfficialStore, OrgDirectory, OrgStore, RosterStore } from './services/ports';
export { regionCodeFor, requireAccount } from './services/membership';
export { productionTokens } from './services/token-deps';
export { accountStore } from './data/account-store';
export { merchantStore } from './data/merchant-store';
export { officialStore } from './data/official-store';
export { orgDirectory, orgStore } from './data/org-store';
export { rosterStore, rosterTransactionItems } from './data/roster-store';
/** The roster import (functions/workbench): many rows per read and per transaction. */
export type { ImportedRosterEntry, RosterContactChange, RosterImportStore, RosterLookup } from './services/ports';
export { createRosterImportStore, ROWS_PER_TRANSACTION, rosterImportItems, rosterImportStore } from './data/roster-import-store';
/** A data subject's rights (PIPL): what membership holds about an account, and closing it (functions/privacy/). */
export type { MembershipExport } from './services/data-subject';
export { membershipDataSubject } from './services/data-subject-deps';
/** Member care (functions/workbench composes an official's view of a member): membership's part. */
export type { OfficialMemberRecord } from './services/member-care';
export { officialMemberRecord } from './services/admin-index';

import type { AuditEntry } from '../../audit';
import type { IdCrypto } from '../../kernel/id-crypto';
import type { Tokens } from '../../kernel/tokens';
import type { MemberLeaving, Merchant, Org, RosterMember, StoredRole } from '../domain/types';
import type { MembershipSubjectStore } from './data-subject';
import type { AccountStore, MerchantStore, OrgDirectory, OrgStore, RosterStore } from './ports';

/**
 * The side effects of member care, orgs and roles (services/member-care.ts, org-admin.ts,
 * role-admin.ts). Every write takes the audit entry and puts it in the same transaction as the
 * change. Production wiring: admin-deps.ts; unit tests may pass fakes.
 */

/** A member as a union's byOrg index shows it (search results). */
export interface MemberSummary {
  id: string;
  name: string;
  sex: 'male' | 'female';
  idMasked: string;
  /** '' once released. */
  phone: string;
  orgId: string;
  bound: boolean;
  cardNumber: string | null;
  left: boolean;
}

export interface MemberDirectory {
  /** Members of one org whose name starts with `prefix` (the byOrg index), by name, at most `limit`. */
  byNamePrefix(orgId: string, prefix: string, limit: number): Promise<MemberSummary[]>;
}

/** `changed`: the member (or account) is no longer as read; nothing was written. */
export type CareOutcome = 'done' | 'changed';

export interface MemberCareStore {
  /**
   * Removes the member's phone (only if still `member.phone`) and, with `guardHeld`, its phone guard
   * (only if still this member's), with the audit entry.
   */
  releasePhone(member: RosterMember, guardHeld: boolean, audit: AuditEntry): Promise<CareOutcome>;
  /**
   * Clears the member's binding (only if still to `member.openid`) and, with `accountHolds`, the
   * account's memberId (only if still this member), with the audit entry.
   */
  unbind(member: RosterMember & { openid: string }, accountHolds: boolean, audit: AuditEntry): Promise<CareOutcome>;
  /** Records the 退会 (only if the member has not left), with the audit entry. */
  leave(member: RosterMember, leaving: MemberLeaving, audit: AuditEntry): Promise<CareOutcome>;
}

export interface OrgAdminStore {
  /** The org, only if its id is new and its parent still exists, with the audit entry; false if the id was taken. */
  create(org: Org, audit: AuditEntry): Promise<boolean>;
  /** New name and work unit, only if the org still has the name and work unit read, with the audit entry. */
  rename(org: Org, to: { name: string; workUnit: string | null }, audit: AuditEntry): Promise<CareOutcome>;
}

export interface RoleAdminStore {
  /**
   * Adds the role to the account (only if the account exists and lacks it), with the officials index
   * item of an official role and the audit entry: `held` when it was there already, `no-account`.
   */
  /** `grantedBy`: the granter's openid, kept on the officials index item (applications recuse the granter from the grantee's applications). */
  grant(openid: string, role: StoredRole, audit: AuditEntry, grantedBy: string): Promise<'granted' | 'held' | 'no-account'>;
  /**
   * Removes the role from the account (the list element holding it, only while it still does), with
   * the officials index item and the audit entry: `not-held` when the account lacks it (or is gone).
   */
  revoke(openid: string, role: StoredRole, audit: AuditEntry): Promise<'revoked' | 'not-held' | 'changed'>;
  /** A new merchant (its id new), with the audit entry. */
  createMerchant(merchant: Merchant, audit: AuditEntry): Promise<void>;
  /**
   * Writes `merchant.agreements` with the audit entry, only while the stored agreements are still
   * `before` (what the use case read): `changed` when someone else wrote them meanwhile, `gone`.
   */
  setAgreements(merchant: Merchant, before: Merchant['agreements'], audit: AuditEntry): Promise<'done' | 'changed' | 'gone'>;
}

/** All merchants, for the officials' merchant picker (a scan of a small table). */
export interface MerchantDirectory {
  listAll(): Promise<Merchant[]>;
}

export interface AdminDeps {
  accounts: AccountStore;
  orgs: OrgStore;
  /** Levels of the org tree for the member search (cached per container in production). */
  directory: OrgDirectory;
  /** The same, read fresh: the checks of an org write (names, region codes) must see the latest. */
  liveDirectory: OrgDirectory;
  roster: RosterStore;
  /** The whole roster item (binding, consent, card history) for an official's view of a member. */
  records: Pick<MembershipSubjectStore, 'member'>;
  members: MemberDirectory;
  care: MemberCareStore;
  orgAdmin: OrgAdminStore;
  roleAdmin: RoleAdminStore;
  merchants: MerchantStore;
  merchantDirectory: MerchantDirectory;
  idCrypto: IdCrypto;
  tokens: Tokens;
  now: () => Date;
  newId: () => string;
}

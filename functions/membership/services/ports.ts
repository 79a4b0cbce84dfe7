import type { IdCrypto } from '../../kernel/id-crypto';
import type { Tokens } from '../../kernel/tokens';
import type { QuotaStore } from '../../kernel/data/quota-store';
import type { ShortCodeStore } from '../../kernel/data/short-codes';
import type { WeChatLogin, WeChatPhone } from '../../kernel/wechat';
import type { Account, Merchant, Org, OrgKind, RosterMember, StoredRole } from '../domain/types';

export type { QuotaStore };

/** The side effects the use cases need. Production wiring is in deps.ts; unit tests pass fakes. */

export interface NewRosterEntry {
  /** A new entry gets a random ULID unless the caller (the demo seed) names one. */
  id?: string;
  name: string;
  idNumber: string;
  phone: string;
  orgId: string;
}

export interface RosterStore {
  findIdByIdHash(idHash: string): Promise<string | null>;
  get(id: string): Promise<RosterMember | null>;
  phoneOwner(phone: string): Promise<string | null>;
  /** The member a card number was issued to. */
  cardOwner(cardNumber: string): Promise<string | null>;
  /** Adds a roster entry and claims its phone number; never overwrites. */
  createIfAbsent(
    entry: NewRosterEntry,
    crypto: IdCrypto,
    now: Date,
  ): Promise<{ outcome: 'created' | 'exists' | 'phone-in-use'; id: string }>;
  /**
   * Binds account and member atomically: the account is unbound, the member is unbound and still holds
   * the phone it was found by. Never changes the roster's phone. Throws AppError (ACCOUNT_ALREADY_BOUND,
   * MEMBER_ALREADY_BOUND, IDENTITY_NOT_MATCHED) when another request changed things meanwhile.
   * `consentVersion` records the member's consent to the 会员信息授权说明 (absent only for bindings
   * made by the demo seed).
   */
  bind(args: { openid: string; member: RosterMember; now: Date; consentVersion?: string }): Promise<void>;
  /** Gives the member a card number once; concurrent callers all get the same number. */
  assignCardNumber(memberId: string, prefix: string, now: Date): Promise<{ cardNumber: string; cardIssuedAt: string }>;
}

/** A roster entry added by the roster import: the job and the file row it came from go with it. */
export interface ImportedRosterEntry {
  /** A fresh ULID. */
  id: string;
  name: string;
  idNumber: string;
  phone: string;
  orgId: string;
  job: { id: string; row: number };
}

/** What the roster holds for many import rows at once (ID numbers by keyed hash, phones). */
export interface RosterLookup {
  /** The member of each ID number found; `writtenBy` names the import job and row that created it. */
  byIdHash: Map<string, { memberId: string; writtenBy: { jobId: string; row: number } | null }>;
  /** The member holding each phone number found. */
  phoneOwners: Map<string, string>;
  /** The members found by ID number and those holding the phones. */
  members: Map<string, RosterMember>;
}

/** An official's change of an existing member's name and/or phone (the import's confirm-changes). */
export interface RosterContactChange {
  memberId: string;
  orgId: string;
  from: { name: string; phone: string };
  to: { name: string; phone: string };
}

/** The roster import's reads and writes (data/roster-import-store.ts). */
export interface RosterImportStore {
  lookup(idHashes: string[], phones: string[]): Promise<RosterLookup>;
  /**
   * Adds new members, each with its phone guard and ID guard, all three or none per row, many rows
   * per transaction; a row whose phone or ID number was taken meanwhile is left out and reported.
   */
  addMany(entries: ImportedRosterEntry[], crypto: IdCrypto, now: Date): Promise<Map<number, 'created' | 'id-taken' | 'phone-taken'>>;
}

export interface AccountStore {
  get(openid: string): Promise<Account | null>;
  /** The account of this openid, created (without roles) on first log-in. */
  getOrCreate(openid: string, now: Date): Promise<Account>;
  /**
   * The one writer of roles: creates the account with its roles and, in the same transaction, the
   * officials index items of its `official` roles (OfficialStore). Anything that comes to grant or
   * revoke roles must write the index in its transaction the same way (data/official-store.ts).
   */
  createIfAbsent(account: { openid: string; roles: StoredRole[] }, now: Date): Promise<boolean>;
}

/** Who the officials of an org are, from the officials index kept with the accounts' roles. */
export interface OfficialStore {
  /** The openids of the accounts that are officials of this org (its own, not its subtree's). */
  officialsOf(orgId: string): Promise<string[]>;
  /** Who granted the account its official roles of these orgs (those granted through POST /api/admin/roles), each once. */
  grantersOf(openid: string, orgIds: readonly string[]): Promise<string[]>;
}

export interface OrgStore {
  getMany(ids: string[]): Promise<Map<string, Org>>;
  createIfAbsent(org: Org): Promise<boolean>;
}

/**
 * A whole level of the org tree (a province has a few thousand orgs): for union pickers and for
 * listing the roots. A query of the orgs table's byKind index; callers cache it.
 */
export interface OrgDirectory {
  listByKind(kind: OrgKind): Promise<Org[]>;
}

export interface MerchantStore {
  getMany(ids: string[]): Promise<Map<string, Merchant>>;
  createIfAbsent(merchant: Merchant): Promise<boolean>;
}

export interface CardCheck {
  cardNumber: string;
  jti: string;
  /** openid of the clerk, official or admin who checked it. */
  checkedBy: string;
  role: StoredRole;
  at: Date;
}

/** Every verification of a membership card is recorded: who, when, which card. */
export interface CardCheckStore {
  record(check: CardCheck): Promise<void>;
  /** The most recent checks of one card, newest first. */
  listFor(cardNumber: string): Promise<CardCheck[]>;
}

export interface Deps {
  roster: RosterStore;
  accounts: AccountStore;
  orgs: OrgStore;
  merchants: MerchantStore;
  quotas: QuotaStore;
  cardChecks: CardCheckStore;
  /** The card's short numeric codes (kind CARD_CODE_KIND, card-verification.ts). */
  cardCodes: ShortCodeStore;
  idCrypto: IdCrypto;
  tokens: Tokens;
  wechat: WeChatLogin;
  wechatPhone: WeChatPhone;
  now: () => Date;
}

import type { AuditEntry } from '../../audit';
import type { IdCrypto } from '../../kernel/id-crypto';
import type { QuotaStore } from '../../kernel/data/quota-store';
import type { WeChatPhone } from '../../kernel/wechat';
import type { Tokens } from '../../kernel/tokens';
import type { AccountStore, OfficialStore, OrgDirectory, OrgStore, RosterStore } from '../../membership';
import type { Notice, OutboxNotice } from '../domain/engine';
import type { Guard } from '../domain/kinds';
import type { Campaign, Payee, Payout, PoolFigures, SubsidyRules } from '../domain/subsidy';
import type { Feedback, SatisfactionCounts } from '../domain/satisfaction';
import type { Application, ApplicationKind, ApplicationStatus } from '../domain/types';
import type { CalendarYear, WorkCalendar } from '../domain/working-days';
import type { ProofContentType, UploadTicket } from '../contracts/uploads';

/** The side effects of the applications use cases. Production wiring: deps.ts; unit tests pass fakes. */

/** What completing an application does to the roster, in the same transaction as the decision. */
export type Effect =
  /** A transfer accepted: the member moves (only if still in `fromOrgId`); see RosterStore's moveToOrg. */
  | {
      type: 'move-member';
      memberId: string;
      fromOrgId: string;
      toOrgId: string;
      /** Set when the card region changes: the card read (or none) is retired. */
      retireCard: null | { number: string | null; issuedAt: string | null };
    }
  /** A join approved: a new roster entry (its ID number encrypted by membership, bound to `memberId`). */
  | { type: 'add-member'; memberId: string; name: string; idNumber: string; phone: string; orgId: string }
  /**
   * A 补贴 approved: the payout (campaign, member) put only if absent, and one place taken from the
   * pool (the city's quota or the shared rest) only while places are left.
   */
  | {
      type: 'record-payout';
      campaignId: string;
      memberId: string;
      applicationId: string;
      amountFen: number;
      regionCode: string;
      pool: string;
      /** The card given at filing, under the applicant's roster name (null on filings before accounts were collected). */
      payee: Payee | null;
    };

/**
 * One change of an application, written all or nothing: the application (a new one only if absent;
 * a changed one only if its version — and, for a decision, its open step — are still the ones read),
 * the outbox notice, the guards taken, released (only if this application holds them) or required
 * absent, and the roster effect.
 */
export interface Change {
  before: Application | null;
  after: Application;
  /** A decision: the step that must still be open. */
  decidedStepId: string | null;
  notice: Notice;
  claim: Guard[];
  release: Guard[];
  /** Guards that must not exist (a join for an ID number whose join was approved). */
  absent: Guard[];
  /** Guards put with `owner` (not the application) only if absent or already that owner's (a join's ID number ↔ account). */
  own?: Array<{ guard: Guard; owner: string }>;
  effect: Effect | null;
  /** An official's or admin's change (a decision): its audit entry, written in the same transaction. */
  audit?: AuditEntry | null;
}

/** Which part of a change refused (its condition failed): the change was not written. */
export type ChangePart = 'application' | 'claim' | 'release' | 'absent' | 'owner' | 'member' | 'phone' | 'id' | 'payout' | 'quota';

export type CommitOutcome = { kind: 'done' } | { kind: 'refused'; parts: ChangePart[] };

export interface ApplicationStore {
  /** Strongly consistent. */
  get(id: string): Promise<Application | null>;
  /** An applicant's applications, newest first (at most `limit`). */
  listByApplicant(openid: string, limit: number): Promise<Application[]>;
  /**
   * Applications of one status filed under an org of the subtree of `orgPath`'s last org (see
   * engine.recordOrg): one query of the index of that org's depth in the tree.
   */
  listForSubtree(orgPath: readonly string[], status: ApplicationStatus, kind: ApplicationKind | null, limit: number): Promise<Application[]>;
  /** The application holding a guard (an open one), or null. */
  holder(guard: Guard): Promise<string | null>;
  commit(change: Change): Promise<CommitOutcome>;
  /** The outbox notices of an application, the scheduler's included, oldest first (tests, and the sender later). */
  notices(applicationId: string): Promise<OutboxNotice[]>;
}

/**
 * 好差评: ratings and 回访 written with their counters (data/satisfaction-store.ts), read back as
 * counters and open-回访 lists of one org's subtree.
 */
export interface SatisfactionStore {
  /**
   * One transaction: the application only if its version is still `before`'s, the outbox notice,
   * the counters of every org of `feedback.counters.orgIds`, the open-回访 entries added or removed.
   * `changed` when the application changed meanwhile (nothing written).
   */
  commit(before: Application, feedback: Feedback, audit?: AuditEntry | null): Promise<'done' | 'changed'>;
  /** The counters of an org's subtree for one month (`YYYY-MM`), per kind; kinds never rated are absent. */
  counters(orgId: string, month: string): Promise<Map<ApplicationKind, SatisfactionCounts>>;
  /**
   * The open 回访 of an org's subtree, earliest due first (`latestFirst`: the other way round), at
   * most `limit`; with `dueBy` only those due on or before that date (what the scheduler reminds of
   * and escalates).
   */
  openFollowUps(
    orgId: string,
    options: { limit: number; dueBy?: string; latestFirst?: boolean },
  ): Promise<Array<{ applicationId: string; dueDate: string }>>;
  /** Applications by id (strongly consistent; absent ones left out). */
  getMany(ids: readonly string[]): Promise<Application[]>;
}

/**
 * Proof images (a 补贴's tickets): uploaded by the member straight to S3 with a presigned POST,
 * checked before a form may name them (s3rver, used locally, checks neither signatures nor POST
 * policies, and a client may name any key: the API never trusts the upload itself).
 */
export interface ProofStore {
  /** A presigned POST for one image of this account (a fresh key under the account's own prefix). */
  presign(openid: string, contentType: ProofContentType): Promise<UploadTicket>;
  /**
   * Every key is under this account's prefix, present, at most PROOF_MAX_BYTES, of a
   * PROOF_CONTENT_TYPES type, and its first bytes decode as a whole header of that type with
   * plausible dimensions (domain/proof-image.ts); otherwise AppError('PROOF_INVALID') with
   * `fields.proofKeys`. Whether another application already names a key is not checked here: the
   * filing's transaction claims each key (Guard `proof`).
   */
  verify(openid: string, keys: readonly string[]): Promise<void>;
  /** Short-lived GET URLs (same order) for the readers of an application. */
  viewUrls(keys: readonly string[]): Promise<string[]>;
}

/**
 * 补贴 campaigns (data/campaign-store.ts): configured by officials, read by members; the place
 * counters and payouts are written by the application store inside the approval's transaction.
 */
export interface CampaignStore {
  /**
   * Creates the campaign with a counter per pool (all or nothing). `audit`: the official's or
   * admin's audit entry, written in the same transaction (null for the demo seed).
   */
  create(campaign: Campaign, audit: AuditEntry | null): Promise<void>;
  /** Strongly consistent. */
  get(id: string): Promise<Campaign | null>;
  /** The newest campaigns first, at most `limit` (one index query). */
  list(limit: number): Promise<Campaign[]>;
  /** The place counters of a campaign, per pool. */
  pools(id: string): Promise<PoolFigures[]>;
  /** The payout of a member, or null. */
  payout(campaignId: string, memberId: string): Promise<Payout | null>;
  /**
   * A new end of the window, only if it was never extended and still ends at `before`: false
   * otherwise (and `audit`, written in the same transaction, is not written either).
   */
  extend(id: string, before: string, applyUntil: string, at: string, audit: AuditEntry | null): Promise<boolean>;
  /**
   * pending_approval → approved with its audit entry, only while still pending at `version`: false
   * otherwise (another approval came first), and nothing is written. `audit` null for the demo seed.
   */
  approve(id: string, version: number, approvedBy: string, at: string, audit: AuditEntry | null): Promise<boolean>;
  /** The province's subsidy rules (the national defaults, version 0, until set). */
  rules(): Promise<SubsidyRules>;
  /** Writes `rules` (its `version` the new one) only over version − 1, with the audit entry; false when changed meanwhile. */
  setRules(rules: SubsidyRules, audit: AuditEntry): Promise<boolean>;
}

/** The working-day calendar: the repo's data file, overridden year by year by the calendar table. */
export interface CalendarSource {
  /** A calendar covering at least these years (cached by the production wiring). */
  calendar(years: number[]): Promise<WorkCalendar>;
  /** Adds or replaces one year (what an admin's later tool calls). */
  putYear(year: CalendarYear, by: string): Promise<void>;
}

export interface Deps {
  accounts: AccountStore;
  roster: RosterStore;
  orgs: OrgStore;
  directory: OrgDirectory;
  applications: ApplicationStore;
  calendar: CalendarSource;
  /** Proof images (uploads): presigned POSTs, the checks before a form names them, view URLs. */
  proofs: ProofStore;
  /** 补贴 campaigns, their place counters and payouts. */
  campaigns: CampaignStore;
  /** Rate windows: filings per account and joins per ID number per day (submit.ts). */
  quotas: QuotaStore;
  /** 手机号快速验证: a join's phone is the number WeChat verified for the filer (kernel/wechat.ts). */
  wechatPhone: WeChatPhone;
  /** Membership's officials index: who granted an applicant their official roles (recusal of reviewers). */
  officials: Pick<OfficialStore, 'grantersOf'>;
  idCrypto: IdCrypto;
  /** Sessions only: the applications sign no QR code. */
  tokens: Pick<Tokens, 'signSession' | 'verifySession'>;
  newId: () => string;
  now: () => Date;
}

/** The 好差评 use cases' side effects: the engine's and the satisfaction store (services/satisfaction-deps.ts). */
export type SatisfactionDeps = Deps & { satisfaction: SatisfactionStore };

import type { AuditEntry } from '../../audit';
import type { CounterChange, OfficialMessage, WorkCalendar } from '../../applications';
import type { IdCrypto } from '../../kernel/id-crypto';
import type { AccountStore, OrgStore, RosterMember } from '../../membership';
import type { DraftRequest } from '../contracts/hardship';
import type { HardshipCase, HardshipFile, SpotCheckRecord, StoredStandard } from '../domain/types';

/** A draft as kept: the form typed so far, members' ID numbers encrypted (bound to the member id). */
export interface StoredDraft {
  form: Omit<DraftRequest['form'], 'members' | 'payee'> & {
    members?: Array<Omit<NonNullable<DraftRequest['form']['members']>[number], 'idNumber'> & { idCipher: string }>;
    payee?: { bankName: string; accountCipher: string };
  };
  updatedAt: string;
}

/** A page of a subtree list: at most `limit` items kept by `keep`, and where the next page starts (null: the end). */
export interface PageRequest<T> {
  limit: number;
  /** From a previous page's `cursor` (opaque; a tampered one is refused with INVALID_INPUT). */
  cursor?: string;
  /** The in-memory filters (search, category, status) applied to the subtree's items as they are read. */
  keep?: (item: T) => boolean;
}
export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface HardshipStore {
  standard(year: number, regionCode: string): Promise<StoredStandard | null>;
  standards(year: number): Promise<StoredStandard[]>;
  putStandard(s: StoredStandard, audit: AuditEntry | null): Promise<void>;
  draft(memberId: string): Promise<StoredDraft | null>;
  putDraft(memberId: string, draft: StoredDraft): Promise<void>;
  /** The case with the household's open mark (and the member's draft deleted), or `open` when the household has one. */
  createCase(c: HardshipCase): Promise<'created' | 'open'>;
  getCase(id: string): Promise<HardshipCase | null>;
  /**
   * The cases of the subtrees of `roots` (org paths; null: the province), pending ones (`open`) and/or decided ones
   * (`closed`), ordered by union path then oldest first (data/keys.ts treeList): Queries only.
   */
  casePage(roots: ReadonlyArray<readonly string[]> | null, groups: ReadonlyArray<'open' | 'closed'>, page: PageRequest<HardshipCase>): Promise<Page<HardshipCase>>;
  /** The applicant's own cases (newest first). */
  casesOf(openid: string): Promise<HardshipCase[]>;
  /** The cases in 公示 as last written (their 公示 may have ended since: callers settle them). */
  inPublicity(): Promise<HardshipCase[]>;
  /**
   * Writes the case while it is still at `previousVersion`, with its effects in one transaction: the
   * open mark released, an objection's pointer, the household's file created (previousVersion null)
   * or updated. False when anything moved.
   */
  saveCase(
    c: HardshipCase,
    previousVersion: number,
    audit: AuditEntry | null,
    effects?: { releaseOpen?: boolean; objection?: string; file?: { file: HardshipFile; previousVersion: number | null; before?: HardshipFile | null } },
  ): Promise<boolean>;
  /** The rated case written while still at `previousVersion`, with the 满意度统计 counters added, in one transaction. False when it moved. */
  rateCase(c: HardshipCase, previousVersion: number, counters: CounterChange): Promise<boolean>;
  objectionCase(objectionId: string): Promise<string | null>;
  getFile(id: string): Promise<HardshipFile | null>;
  /** The files of the subtrees of `roots` (org paths; null: the province) ordered by union path then re-check due date (most urgent first): Queries only. */
  filePage(roots: ReadonlyArray<readonly string[]> | null, page: PageRequest<HardshipFile>): Promise<Page<HardshipFile>>;
  /** Every file of the subtrees (all pages), or of the province when `roots` is null (the daily job). */
  allFiles(roots: ReadonlyArray<readonly string[]> | null, keep?: (f: HardshipFile) => boolean): Promise<HardshipFile[]>;
  /** Active files whose re-check reminder has started by `today` (a month before due, and overdue ones): index byDue. */
  filesDue(today: string): Promise<HardshipFile[]>;
  /** Closed files past their retention on `today`: index byDue. */
  filesExpired(today: string): Promise<HardshipFile[]>;
  /** Writes the file at `previousVersion`, moving the subtree counters by the change from `before` (domain/stats.ts; none when absent). */
  saveFile(file: HardshipFile, previousVersion: number, audit: AuditEntry | null, before?: HardshipFile | null): Promise<boolean>;
  /** The statistics counters of an org's subtree (domain/stats.ts keys). */
  counters(orgId: string): Promise<Record<string, number>>;
  deleteFile(file: HardshipFile, audit: AuditEntry | null): Promise<boolean>;
  putSpotCheck(record: SpotCheckRecord, files: Array<{ file: HardshipFile; previousVersion: number }>, audit: AuditEntry): Promise<boolean>;
  spotCheck(orgId: string, year: number): Promise<SpotCheckRecord | null>;
  /** An official message in the applications' outbox (delivered by its sender), once per `id`. */
  notify(notice: { id: string; orgId: string; message: OfficialMessage; at: string }): Promise<void>;
  /** An entry of the audit trail alone (a read). */
  audit(entry: AuditEntry): Promise<void>;
}

export interface Deps {
  accounts: Pick<AccountStore, 'get'>;
  orgs: Pick<OrgStore, 'getMany'>;
  roster: { get(id: string): Promise<RosterMember | null> };
  hardship: HardshipStore;
  idCrypto: Pick<IdCrypto, 'encrypt' | 'decrypt' | 'hash'>;
  calendar: WorkCalendar;
  /** 公示 days (HARDSHIP_PUBLICITY_DAYS, default PUBLICITY_DAYS_DEFAULT). */
  publicityDays: number;
  newId: () => string;
  now: () => Date;
}

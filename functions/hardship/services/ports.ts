import type { AuditEntry } from '../../audit';
import type { OfficialMessage, WorkCalendar } from '../../applications';
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

export interface HardshipStore {
  standard(year: number, regionCode: string): Promise<StoredStandard | null>;
  standards(year: number): Promise<StoredStandard[]>;
  putStandard(s: StoredStandard, audit: AuditEntry | null): Promise<void>;
  draft(memberId: string): Promise<StoredDraft | null>;
  putDraft(memberId: string, draft: StoredDraft): Promise<void>;
  /** The case with the household's open mark (and the member's draft deleted), or `open` when the household has one. */
  createCase(c: HardshipCase): Promise<'created' | 'open'>;
  getCase(id: string): Promise<HardshipCase | null>;
  cases(): Promise<HardshipCase[]>;
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
  objectionCase(objectionId: string): Promise<string | null>;
  getFile(id: string): Promise<HardshipFile | null>;
  files(): Promise<HardshipFile[]>;
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

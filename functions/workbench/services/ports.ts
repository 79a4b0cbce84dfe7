import type { IdCrypto } from '../../kernel/id-crypto';
import type { Tokens } from '../../kernel/tokens';
import type { AuditEntry } from '../../audit';
import type { OfficialMessage } from '../../applications';
import type { AccountStore, OrgDirectory, OrgStore, RosterContactChange, RosterImportStore } from '../../membership';
import type { ImportCounts, ImportFormat, ImportStatus, RowProblem } from '../contracts/roster-import';
import type { ImportScope } from '../domain/roster-row';

/** The side effects of the roster import. Production wiring: deps.ts; tests pass their own. */

export interface ImportJob {
  id: string;
  /** openid of the official or admin who created it (the only one who reads it, with admins). */
  owner: string;
  scope: ImportScope;
  fileName: string;
  format: ImportFormat;
  objectKey: string;
  status: ImportStatus;
  counts: ImportCounts;
  /** Every sheet row up to this one is done (header = row 1; 1 before any data row). */
  cursor: number;
  /** Rows per chunk, fixed by the job's first run (chunk markers are counted by index). */
  chunkRows: number | null;
  changesApplied: number;
  ignoredColumns: string[];
  failure: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/**
 * A job as a run leases it, with its `attempts`: the runs started since the last that made progress
 * (committed a chunk) or paused cleanly, this one included — a run that crashed, timed out or threw
 * leaves its attempt counted (import-attempts.ts bounds them).
 */
export type LeasedJob = ImportJob & { attempts: number };

/** One line of the row-level report: a refused row, or a change waiting for (or past) confirmation. */
export type ReportRow =
  | { row: number; kind: 'refused'; problem: RowProblem; firstRow: number | null; name: string; idMasked: string; phone: string }
  | {
      row: number;
      kind: 'change';
      status: 'pending' | 'applied' | 'stale';
      memberId: string;
      orgId: string;
      name: string;
      idMasked: string;
      from: { name: string; phone: string };
      to: { name: string; phone: string };
    };

export type CommitOutcome = 'committed' | 'already-committed' | 'lease-lost';

export interface ImportJobStore {
  create(job: ImportJob): Promise<void>;
  get(id: string): Promise<ImportJob | null>;
  /** created → queued (only from created), with the audit entry in the same transaction. */
  queue(id: string, at: Date, audit: AuditEntry): Promise<boolean>;
  /** Jobs queued or running (a sparse index). */
  listActive(): Promise<string[]>;
  /**
   * Takes the job for `holder` until `until` if it is queued or running and nobody else holds it;
   * fixes its chunk size on the first run.
   */
  lease(id: string, holder: string, until: Date, now: Date, chunkRows: number): Promise<LeasedJob | null>;
  /**
   * Adds one chunk's counts exactly once (a marker per chunk, written with them) and moves the
   * cursor, only while `holder` holds the job.
   */
  commitChunk(id: string, holder: string, chunk: { index: number; counts: ImportCounts; cursor: number }, at: Date): Promise<CommitOutcome>;
  /** Writes report lines (idempotent: keyed by job and row). */
  writeRows(id: string, rows: ReportRow[]): Promise<void>;
  /** Ends the job (done or failed), clearing the lease and the active flag. */
  finish(id: string, holder: string, end: { status: 'done' | 'failed'; failure: string | null; ignoredColumns: string[] }, at: Date): Promise<void>;
  /**
   * Gives the job back (still running) for the next run to go on: `paused` (time up; the attempt
   * does not count) or `failed` (the run threw; it does).
   */
  release(id: string, holder: string, ignoredColumns: string[], at: Date, how?: 'paused' | 'failed'): Promise<void>;
  /** The report, in row order, page by page. */
  reportPage(id: string, after: number | null, limit: number): Promise<{ rows: ReportRow[]; last: number | null }>;
  /**
   * Applies one pending change: the roster's items (membership) with the report line's
   * pending → applied, the job's count and the audit entry, in one transaction.
   */
  applyChange(
    id: string,
    row: Extract<ReportRow, { kind: 'change' }>,
    roster: { items: unknown[]; parts: string[] },
    audit: AuditEntry,
    at: Date,
  ): Promise<'applied' | 'stale'>;
  /** Marks a change that can no longer apply (pending → stale). */
  markStale(id: string, row: number): Promise<void>;
}

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: Date;
}

/** Import files and reports in the uploads bucket (data/import-files.ts). */
export interface ImportFileStore {
  presignUpload(key: string, contentType: string, maxBytes: number): Promise<PresignedUpload>;
  head(key: string): Promise<{ size: number } | null>;
  /** The object's bytes as a stream (read once, start to end). */
  open(key: string): Promise<AsyncIterable<Uint8Array> & NodeJS.ReadableStream>;
  put(key: string, body: Uint8Array | string, contentType: string): Promise<void>;
  /** A GET URL that saves the object as `fileName`. */
  presignDownload(key: string, fileName: string): Promise<{ url: string; expiresAt: Date }>;
}

/** An official's count of the day (China) of rows refused for reasons outside their subtree. */
export interface WithheldWindow {
  openid: string;
  /** YYYY-MM-DD in China. */
  day: string;
}

/**
 * The rows refused for reasons that depend on the roster outside the importer's subtree
 * (services/import-withheld.ts; data/withheld-store.ts): the requests to the members' unions, the
 * importer's count of the day and the alert to the level above.
 */
export interface WithheldStore {
  /**
   * The request to a member's current union: the audit entry under that union, once per `rowMark`
   * (a job and row: a mark in the same transaction); then its officials' notice (`message`), once
   * per `noticeId` (a job and union: one 待办 however many of its members the file names). False
   * when the row was requested before.
   */
  request(rowMark: string, audit: AuditEntry, notice: { id: string; orgId: string; message: OfficialMessage }, at: Date, expiresAt: Date): Promise<boolean>;
  /** Adds `n` to the window once per `mark` (a job's chunk: a chunk run again adds nothing); the window's count after. */
  count(window: WithheldWindow, mark: string, n: number, expiresAt: Date): Promise<number>;
  /**
   * The alert, once per window: the notice to the officials of `orgId` (the level above) and the
   * audit entry, in one transaction; false when it was raised before.
   */
  alert(window: WithheldWindow, orgId: string, message: OfficialMessage, audit: AuditEntry, at: Date, expiresAt: Date): Promise<boolean>;
}

export interface ImportDeps {
  accounts: AccountStore;
  orgs: OrgStore;
  orgDirectory: OrgDirectory;
  roster: RosterImportStore;
  rosterChange: (change: RosterContactChange) => { items: unknown[]; parts: string[] };
  jobs: ImportJobStore;
  files: ImportFileStore;
  withheld: WithheldStore;
  /**
   * Rows an official may have refused a day for reasons outside their subtree before the level
   * above is alerted (ROSTER_IMPORT_ALERT_THRESHOLD, 20 by default): the alert comes with the next one.
   */
  withheldAlertThreshold: number;
  idCrypto: IdCrypto;
  /** Sessions only: the import checks who asks and signs no QR code. */
  tokens: Pick<Tokens, 'verifySession'>;
  now: () => Date;
  newId: () => string;
  /**
   * Local and test stages only (no scheduled worker there): GET of a queued or running job first runs
   * it for this many milliseconds, so `npm start` imports while the page polls. Null in AWS.
   */
  localDriveMs: number | null;
  /**
   * How a progress poll has a job run (with localDriveMs): the worker function runs it (local-drive.ts),
   * so that the progress endpoint does not carry the spreadsheet readers. Without it a poll only reads.
   */
  driveJob?: (id: string, ms: number) => Promise<void>;
}

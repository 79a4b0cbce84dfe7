import { AppError } from '../../kernel/errors';
import { auditActor, auditEntry, type AuditEntry } from '../../audit';
import type { RosterImportAuditAction } from '../domain/audit';
import { rosterImportKeys } from '../data/keys';
import { log } from '../../kernel/logger';
import {
  IMPORT_CONTENT_TYPES,
  IMPORT_MAX_BYTES,
  type ConfirmChangesResponse,
  type CreateImportRequest,
  type CreateImportResponse,
  type FileLink,
  type ImportJobResponse,
  type ImportJobView,
} from '../contracts/roster-import';
import { importerOf, ownJob, type Importer } from './import-access';
import { csvLine, REPORT_HEADER, reportLine } from './report';
import type { ImportDeps, ImportJob, ReportRow } from './ports';

/**
 * The roster import's endpoints that neither read nor write a spreadsheet: create, start, progress,
 * report (CSV lines of our own) and confirmation (who may call them: import-access.ts). The template
 * (import-template.ts) and the worker (import-worker.ts) are apart because they carry the
 * spreadsheet readers (exceljs, papaparse): a function bundles only the module it imports.
 */

/** Changes applied per confirm-changes call (each is its own transaction); call again for the rest. */
export const CHANGES_PER_CALL = 400;
const CHANGES_IN_FLIGHT = 8;

export function jobView(job: ImportJob): ImportJobView {
  return {
    id: job.id,
    fileName: job.fileName,
    format: job.format,
    status: job.status,
    counts: job.counts,
    cursor: job.cursor,
    changesApplied: job.changesApplied,
    ignoredColumns: job.ignoredColumns,
    failure: job.failure,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
  };
}

/** The audit entry of an import's start or a confirmed change, under the org the official acts for. */
export async function auditOf(
  deps: Pick<ImportDeps, 'orgs'>,
  importer: Importer,
  openid: string,
  fields: Pick<AuditEntry, 'target' | 'before' | 'after'>,
  at: Date,
  orgId: string | null,
): Promise<AuditEntry> {
  const anchor = orgId ?? (importer.scope.kind === 'official' ? importer.scope.orgIds[0] : undefined);
  const path = anchor ? ((await deps.orgs.getMany([anchor])).get(anchor)?.path ?? [anchor]) : [];
  return auditEntry<RosterImportAuditAction>({ actor: auditActor(openid, importer.account.roles, path), action: 'roster.import', orgPath: path, at, ...fields });
}

// --- endpoints ----------------------------------------------------------------------------------

/** POST /api/admin/roster-imports {fileName, format} → the job (created) and a presigned POST for the file. */
export async function createImport(deps: ImportDeps, openid: string, request: CreateImportRequest): Promise<CreateImportResponse> {
  const { scope } = await importerOf(deps, openid);
  const now = deps.now();
  const id = deps.newId();
  const key = rosterImportKeys.file(openid, id, request.format);
  const job: ImportJob = {
    id,
    owner: openid,
    scope,
    fileName: request.fileName,
    format: request.format,
    objectKey: key,
    status: 'created',
    counts: { read: 0, written: 0, refused: 0, changed: 0, unchanged: 0 },
    cursor: 1,
    chunkRows: null,
    changesApplied: 0,
    ignoredColumns: [],
    failure: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    finishedAt: null,
  };
  await deps.jobs.create(job);
  const post = await deps.files.presignUpload(key, IMPORT_CONTENT_TYPES[request.format], IMPORT_MAX_BYTES);
  return { job: jobView(job), upload: { url: post.url, fields: post.fields, key, maxBytes: IMPORT_MAX_BYTES, expiresAt: post.expiresAt.toISOString() } };
}

/** POST /api/admin/roster-imports/{id}/start: the file is there and not too large → queued for the worker. */
export async function startImport(deps: ImportDeps, openid: string, id: string): Promise<ImportJobResponse> {
  const { importer, job } = await ownJob(deps, openid, id);
  if (job.status !== 'created') return { job: jobView(job) }; // started already: the same answer again
  const head = await deps.files.head(job.objectKey);
  if (!head || head.size === 0) throw new AppError('IMPORT_FILE_MISSING');
  if (head.size > IMPORT_MAX_BYTES) throw new AppError('IMPORT_FILE_TOO_LARGE');
  const now = deps.now();
  const audit = await auditOf(
    deps,
    importer,
    openid,
    { target: { type: 'roster-import', id: job.id, label: job.fileName }, before: null, after: { status: 'queued', format: job.format, bytes: head.size } },
    now,
    null,
  );
  await deps.jobs.queue(id, now, audit);
  const fresh = await deps.jobs.get(id);
  return { job: jobView(fresh ?? job) };
}

/**
 * GET /api/admin/roster-imports/{id}: progress and result (locally, after having the worker drive the
 * job a little: deps.driveJob).
 */
export async function getImport(deps: ImportDeps, openid: string, id: string): Promise<ImportJobResponse> {
  const { job } = await ownJob(deps, openid, id);
  if (deps.localDriveMs === null || !deps.driveJob || (job.status !== 'queued' && job.status !== 'running')) return { job: jobView(job) };
  try {
    await deps.driveJob(id, deps.localDriveMs);
  } catch (err) {
    log.error('local roster import run failed; the next poll goes on', { importId: id, error: err });
  }
  return { job: jobView((await deps.jobs.get(id)) ?? job) };
}

/** GET /api/admin/roster-imports/{id}/report: every refused and changed row, as CSV (UTF-8 with BOM, for Excel). */
export async function reportLink(deps: ImportDeps, openid: string, id: string): Promise<FileLink> {
  const { job } = await ownJob(deps, openid, id);
  if (job.status !== 'done' && job.status !== 'failed') throw new AppError('IMPORT_NOT_FINISHED');
  const lines = [csvLine(REPORT_HEADER)];
  let after: number | null = null;
  do {
    const page = await deps.jobs.reportPage(id, after, 1000);
    for (const line of page.rows) lines.push(reportLine(line));
    after = page.last;
  } while (after !== null);
  const key = rosterImportKeys.report(job.owner, id);
  await deps.files.put(key, `\uFEFF${lines.join('\r\n')}\r\n`, 'text/csv; charset=utf-8');
  const fileName = `导入报告-${job.fileName.replace(/\.(csv|xlsx)$/i, '')}.csv`;
  const link = await deps.files.presignDownload(key, fileName);
  return { url: link.url, fileName, expiresAt: link.expiresAt.toISOString() };
}

/**
 * POST /api/admin/roster-imports/{id}/confirm-changes: the official confirms the changed names and
 * phones of the job's report; each is applied in its own transaction (the member only if unchanged
 * since the import read it, the phone guards moved, the report line marked, the audit entry) —
 * CHANGES_PER_CALL per call; `remaining` says whether to call again.
 */
export async function confirmChanges(deps: ImportDeps, openid: string, id: string): Promise<ConfirmChangesResponse> {
  const { importer, job } = await ownJob(deps, openid, id);
  if (job.status !== 'done') throw new AppError('IMPORT_NOT_FINISHED');
  const pending: Array<Extract<ReportRow, { kind: 'change' }>> = [];
  let after: number | null = null;
  let remaining = 0;
  do {
    const page = await deps.jobs.reportPage(id, after, 1000);
    for (const line of page.rows) {
      if (line.kind !== 'change' || line.status !== 'pending') continue;
      if (pending.length < CHANGES_PER_CALL) pending.push(line);
      else remaining += 1;
    }
    after = page.last;
  } while (after !== null);
  let applied = 0;
  let stale = 0;
  const queue = [...pending];
  const worker = async () => {
    for (let line = queue.shift(); line; line = queue.shift()) {
      const now = deps.now();
      const audit = await auditOf(
        deps,
        importer,
        openid,
        { target: { type: 'member', id: line.memberId }, before: { name: line.from.name, phone: line.from.phone }, after: { name: line.to.name, phone: line.to.phone, importId: id, row: line.row } },
        now,
        line.orgId,
      );
      const roster = deps.rosterChange({ memberId: line.memberId, orgId: line.orgId, from: line.from, to: line.to });
      if ((await deps.jobs.applyChange(id, line, roster, audit, now)) === 'applied') applied += 1;
      else {
        stale += 1;
        await deps.jobs.markStale(id, line.row);
      }
    }
  };
  await Promise.all(Array.from({ length: CHANGES_IN_FLIGHT }, worker));
  const fresh = await deps.jobs.get(id);
  return { job: jobView(fresh ?? job), applied, stale, remaining };
}

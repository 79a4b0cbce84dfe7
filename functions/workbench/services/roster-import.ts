import { AppError } from '../../kernel/errors';
import { auditActor, auditEntry, type AuditEntry } from '../../audit';
import type { RosterImportAuditAction } from '../domain/audit';
import { rosterImportKeys } from '../data/keys';
import { log } from '../../kernel/logger';
import { maskIdNumber } from '../../kernel/masking';
import type { Account, ImportedRosterEntry, RosterLookup } from '../../membership';
import {
  IMPORT_CONTENT_TYPES,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  TEMPLATE_VERSION,
  type ConfirmChangesResponse,
  type CreateImportRequest,
  type CreateImportResponse,
  type FileLink,
  type ImportCounts,
  type ImportFormat,
  type ImportJobResponse,
  type ImportJobView,
} from '../contracts/roster-import';
import {
  checkRow,
  classifyRow,
  FileDuplicates,
  unionIndex,
  type ImportScope,
  type RawRow,
  type RowOutcome,
  type UnionIndex,
  type ValidRow,
} from '../domain/roster-row';
import { openRosterFile, RosterFileError, rosterTemplate } from './roster-file';
import { csvLine, REPORT_HEADER, reportLine } from './report';
import type { ImportDeps, ImportJob, ReportRow } from './ports';

/**
 * The roster import (实名制录入): an official (their subtree) or an admin (anywhere) uploads a CSV or
 * XLSX file straight to S3, starts the job, and a worker reads the file as a stream in chunks of
 * CHUNK_ROWS rows (fixed per job by its first run), PARALLEL_CHUNKS at a time; each chunk's outcome is committed once (its counts,
 * a marker, the cursor) and a run stops before its time is up, leaving the rest to the next run.
 */
export const CHUNK_ROWS = 200;
export const PARALLEL_CHUNKS = 4;
/** A lease outlives the run's deadline by this much (a run ends well before its lease). */
const LEASE_MARGIN_MS = 60_000;
/** Changes applied per confirm-changes call (each is its own transaction); call again for the rest. */
export const CHANGES_PER_CALL = 400;
const CHANGES_IN_FLIGHT = 8;

// --- who may import -----------------------------------------------------------------------------

interface Importer {
  account: Account;
  scope: ImportScope;
}

async function importerOf(deps: Pick<ImportDeps, 'accounts'>, openid: string): Promise<Importer> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  if (account.roles.some((r) => r.type === 'admin')) return { account, scope: { kind: 'admin' } };
  const orgIds = account.roles.flatMap((r) => (r.type === 'official' ? [r.orgId] : []));
  if (orgIds.length === 0) throw new AppError('FORBIDDEN', { message: '只有工会干部和平台管理员可以导入会员名册' });
  return { account, scope: { kind: 'official', orgIds } };
}

/** The job, for its owner or an admin; anyone else gets the same 404 as for a job that does not exist. */
async function ownJob(deps: Pick<ImportDeps, 'accounts' | 'jobs'>, openid: string, id: string): Promise<{ importer: Importer; job: ImportJob }> {
  const importer = await importerOf(deps, openid);
  const job = await deps.jobs.get(id);
  if (!job || (job.owner !== openid && importer.scope.kind !== 'admin')) throw new AppError('NOT_FOUND', { message: '该导入任务不存在' });
  return { importer, job };
}

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
async function auditOf(
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

/** GET /api/admin/roster-imports/template?format= → a download link of the template. */
export async function templateLink(deps: ImportDeps, openid: string, format: ImportFormat): Promise<FileLink> {
  await importerOf(deps, openid);
  const key = rosterImportKeys.template(TEMPLATE_VERSION, format);
  if (!(await deps.files.head(key))) {
    const template = await rosterTemplate(format);
    await deps.files.put(key, template.body, template.contentType);
  }
  const fileName = `会员名册导入模板.${format}`;
  const link = await deps.files.presignDownload(key, fileName);
  return { url: link.url, fileName, expiresAt: link.expiresAt.toISOString() };
}

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

/** GET /api/admin/roster-imports/{id}: progress and result (locally, after driving the job a little). */
export async function getImport(deps: ImportDeps, openid: string, id: string): Promise<ImportJobResponse> {
  const { job } = await ownJob(deps, openid, id);
  if (deps.localDriveMs === null || (job.status !== 'queued' && job.status !== 'running')) return { job: jobView(job) };
  try {
    await runImportJob(deps, id, { holder: `poll-${deps.newId()}`, deadline: Date.now() + deps.localDriveMs });
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

// --- the worker ---------------------------------------------------------------------------------

/** A row as the reader saw it, checked on its own and against the rows before it. */
type PreparedRow = { raw: RawRow; refused: ReportRow & { kind: 'refused' } } | { raw: RawRow; valid: ValidRow; idHash: string };

interface Chunk {
  index: number;
  rows: PreparedRow[];
  /** The sheet row number of its last row. */
  lastRow: number;
}

const zero = (): ImportCounts => ({ read: 0, written: 0, refused: 0, changed: 0, unchanged: 0 });

function refusedLine(raw: RawRow, problem: Extract<ReportRow, { kind: 'refused' }>['problem'], firstRow: number | null = null): ReportRow & { kind: 'refused' } {
  const id = raw.idNumber.trim().toUpperCase();
  return { row: raw.row, kind: 'refused', problem, firstRow, name: raw.name.slice(0, 50), idMasked: id === '' ? '' : maskIdNumber(id), phone: raw.phone.slice(0, 20) };
}

function factsOf(lookup: RosterLookup, prepared: { valid: ValidRow; idHash: string }) {
  const found = lookup.byIdHash.get(prepared.idHash);
  const member = found ? lookup.members.get(found.memberId) : undefined;
  return {
    existing: found && member ? { id: member.id, name: member.name, phone: member.phone, orgId: member.orgId, left: Boolean(member.left), writtenBy: found.writtenBy } : null,
    phoneOwner: lookup.phoneOwners.get(prepared.valid.phone) ?? null,
  };
}

/** One chunk: read what the roster holds for its rows, write the new members, report the rest. */
async function processChunk(deps: ImportDeps, job: ImportJob, chunk: Chunk): Promise<ImportCounts> {
  const counts = zero();
  counts.read = chunk.rows.length;
  const lines: ReportRow[] = [];
  const valid = chunk.rows.flatMap((r) => ('valid' in r ? [r] : []));
  for (const r of chunk.rows) if ('refused' in r) lines.push(r.refused);
  const lookup = await deps.roster.lookup(
    valid.map((r) => r.idHash),
    valid.map((r) => r.valid.phone),
  );
  const now = deps.now();
  const fresh: Array<{ prepared: (typeof valid)[number]; entry: ImportedRosterEntry }> = [];
  const settle = (prepared: (typeof valid)[number], outcome: RowOutcome) => {
    const { valid: row } = prepared;
    switch (outcome.type) {
      case 'new':
        fresh.push({ prepared, entry: { id: deps.newId(), name: row.name, idNumber: row.idNumber, phone: row.phone, orgId: row.union.id, job: { id: job.id, row: row.row } } });
        return;
      case 'written-before':
        counts.written += 1;
        return;
      case 'unchanged':
        counts.unchanged += 1;
        return;
      case 'change':
        counts.changed += 1;
        lines.push({ row: row.row, kind: 'change', status: 'pending', memberId: outcome.memberId, orgId: row.union.id, name: row.name, idMasked: maskIdNumber(row.idNumber), from: outcome.from, to: outcome.to });
        return;
      case 'refused':
        lines.push(refusedLine(prepared.raw, outcome.problem));
    }
  };
  for (const prepared of valid) settle(prepared, classifyRow(prepared.valid, factsOf(lookup, prepared), job.id));
  if (fresh.length > 0) {
    const written = await deps.roster.addMany(
      fresh.map((f) => f.entry),
      deps.idCrypto,
      now,
    );
    const again: typeof valid = [];
    for (const { prepared, entry } of fresh) {
      const outcome = written.get(entry.job.row);
      if (outcome === 'created') counts.written += 1;
      else if (outcome === 'phone-taken') lines.push(refusedLine(prepared.raw, 'PHONE_IN_USE'));
      else again.push(prepared); // the ID number was added meanwhile (another import, a join): read again
    }
    if (again.length > 0) {
      const second = await deps.roster.lookup(
        again.map((r) => r.idHash),
        again.map((r) => r.valid.phone),
      );
      for (const prepared of again) {
        const outcome = classifyRow(prepared.valid, factsOf(second, prepared), job.id);
        if (outcome.type === 'new') throw new Error(`import ${job.id} row ${prepared.valid.row}: ID number taken but not found`);
        settle(prepared, outcome);
      }
    }
  }
  counts.refused = lines.filter((l) => l.kind === 'refused').length;
  if (lines.length > 0) await deps.jobs.writeRows(job.id, lines);
  return counts;
}

export interface RunOptions {
  /** Who runs it (a Lambda request id, a process id): the lease holder. */
  holder: string;
  /** Epoch ms: start no new chunk after it. */
  deadline: number;
  /** Rows per chunk of a job's first run (later runs keep the job's); CHUNK_ROWS by default. */
  chunkRows?: number;
  /** Chunks in flight; PARALLEL_CHUNKS by default. */
  parallel?: number;
  /** Tests and the bench: stop after this many chunks have started (as if the time ran out). */
  stopAfterChunks?: number;
}

export type RunResult = 'done' | 'failed' | 'paused' | 'busy';

/** The grassroots unions, read once per run (a province has ≈ 11,500; one query of byKind). */
async function unionsOf(deps: Pick<ImportDeps, 'orgDirectory'>): Promise<UnionIndex> {
  const orgs = await deps.orgDirectory.listByKind('grassroots');
  return unionIndex(orgs.map((o) => ({ id: o.id, name: o.name, path: o.path })));
}

/**
 * One run of one job: takes its lease, reads the file from the start (rows before the cursor only
 * feed the duplicate check), processes chunks `parallel` at a time, commits each chunk's outcome in
 * file order (so the cursor only moves over rows whose chunks are all committed), and either
 * finishes the job or, when the deadline comes, gives it back for the next run.
 */
export async function runImportJob(deps: ImportDeps, id: string, options: RunOptions): Promise<RunResult> {
  const { holder, deadline, parallel = PARALLEL_CHUNKS } = options;
  const job = await deps.jobs.lease(id, holder, new Date(deadline + LEASE_MARGIN_MS), deps.now(), options.chunkRows ?? CHUNK_ROWS);
  if (!job) return 'busy';
  const chunkRows = job.chunkRows ?? options.chunkRows ?? CHUNK_ROWS;
  let ignoredColumns: string[] = job.ignoredColumns;
  let input: NodeJS.ReadableStream | undefined;
  const fail = async (failure: string) => {
    await deps.jobs.finish(id, holder, { status: 'failed', failure, ignoredColumns }, deps.now());
    return 'failed' as const;
  };
  try {
    const unions = await unionsOf(deps);
    input = await deps.files.open(job.objectKey);
    const file = await openRosterFile(input, job.format);
    ignoredColumns = file.ignoredColumns;
    const duplicates = new FileDuplicates();
    const today = deps.now();

    const done = new Map<number, { counts: ImportCounts; lastRow: number }>();
    let nextToCommit = 0;
    let committedCursor = job.cursor;
    let commits = Promise.resolve();
    let lostLease = false;
    const commitReady = () => {
      commits = commits.then(async () => {
        for (let ready = done.get(nextToCommit); ready; ready = done.get(nextToCommit)) {
          const index = nextToCommit;
          const cursor = Math.max(committedCursor, ready.lastRow);
          const outcome = await deps.jobs.commitChunk(id, holder, { index, counts: ready.counts, cursor }, deps.now());
          if (outcome === 'lease-lost') {
            lostLease = true;
            return;
          }
          committedCursor = cursor;
          done.delete(index);
          nextToCommit += 1;
        }
      });
      return commits;
    };
    const inFlight = new Set<Promise<void>>();
    const launch = (chunk: Chunk) => {
      const p: Promise<void> = processChunk(deps, job, chunk).then((counts) => {
        done.set(chunk.index, { counts, lastRow: chunk.lastRow });
        return commitReady();
      });
      inFlight.add(p);
      p.then(
        () => inFlight.delete(p),
        () => inFlight.delete(p),
      );
    };

    let index = 0;
    let started = 0;
    let buffer: PreparedRow[] = [];
    let read = 0;
    let stopped = false;
    const flush = async () => {
      const chunk: Chunk = { index, rows: buffer, lastRow: buffer[buffer.length - 1]?.raw.row ?? 0 };
      index += 1;
      buffer = [];
      if (chunk.lastRow <= job.cursor) {
        // Committed by an earlier run, and so was everything before it.
        nextToCommit = Math.max(nextToCommit, chunk.index + 1);
        return;
      }
      if (Date.now() >= deadline || (options.stopAfterChunks !== undefined && started >= options.stopAfterChunks) || lostLease) {
        stopped = true;
        return;
      }
      while (inFlight.size >= parallel) await Promise.race(inFlight);
      started += 1;
      launch(chunk);
    };

    for await (const raw of file.rows) {
      read += 1;
      if (read > IMPORT_MAX_ROWS) {
        await Promise.allSettled(inFlight);
        await commits;
        return await fail(`文件超过 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行，请拆分成几个文件分别导入`);
      }
      const checked = checkRow(raw, unions, job.scope, today);
      if (!checked.ok) buffer.push({ raw, refused: refusedLine(raw, checked.problem) });
      else {
        const idHash = deps.idCrypto.hash(checked.value.idNumber);
        const duplicate = duplicates.check(raw.row, idHash, checked.value.phone);
        if (duplicate) buffer.push({ raw, refused: refusedLine(raw, duplicate.problem, duplicate.firstRow) });
        else buffer.push({ raw, valid: checked.value, idHash });
      }
      if (buffer.length >= chunkRows) {
        await flush();
        if (stopped) break;
      }
    }
    if (!stopped && buffer.length > 0) await flush();
    while (inFlight.size > 0) await Promise.all(inFlight);
    await commits;
    if (lostLease) return 'busy';
    if (stopped) {
      await deps.jobs.release(id, holder, ignoredColumns, deps.now());
      return 'paused';
    }
    await deps.jobs.finish(id, holder, { status: 'done', failure: null, ignoredColumns }, deps.now());
    return 'done';
  } catch (err) {
    if (err instanceof RosterFileError) return fail(err.message);
    // Storage trouble: the job stays running and the next run goes on from the cursor.
    await deps.jobs.release(id, holder, ignoredColumns, deps.now()).catch(() => undefined);
    throw err;
  } finally {
    // A run that stopped early leaves the rest of the download unread: close it.
    (input as { destroy?: () => void } | undefined)?.destroy?.();
  }
}

/** The scheduled worker: every queued or running job, one after the other, until the deadline. */
export async function runImportWorker(deps: ImportDeps, options: Omit<RunOptions, 'stopAfterChunks'>): Promise<Record<string, RunResult>> {
  const results: Record<string, RunResult> = {};
  for (const id of await deps.jobs.listActive()) {
    if (Date.now() >= options.deadline) break;
    try {
      results[id] = await runImportJob(deps, id, options);
    } catch (err) {
      log.error('roster import run failed; the next run goes on', { importId: id, error: err });
    }
  }
  return results;
}

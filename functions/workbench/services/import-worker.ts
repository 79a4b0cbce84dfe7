import { log } from '../../kernel/logger';
import { maskIdNumber } from '../../kernel/masking';
import type { ImportedRosterEntry, RosterLookup } from '../../membership';
import { IMPORT_MAX_ROWS, type ImportCounts } from '../contracts/roster-import';
import { checkRow, classifyRow, FileDuplicates, phoneTakenMeanwhile, rosterView, unionIndex, type RawRow, type RosterView, type RowOutcome, type UnionIndex, type ValidRow } from '../domain/roster-row';
import { OWNER_REVOKED_FAILURE, ownerNow } from './import-access';
import { withheldReporter, type WithheldRow } from './import-withheld';
import { attemptsUsedUp, IMPORT_ATTEMPTS_FAILURE } from './import-attempts';
import { openRosterFile, RosterFileError } from './roster-file';
import type { ImportDeps, ImportJob, ReportRow } from './ports';

/**
 * The roster import's worker: it reads the uploaded file as a stream in chunks of CHUNK_ROWS rows
 * (fixed per job by its first run), PARALLEL_CHUNKS at a time; each chunk's outcome is committed once
 * (its counts, a marker, the cursor) and a run stops before its time is up, leaving the rest to the
 * next run. Only this module (and the template's) imports the spreadsheet readers.
 */
export const CHUNK_ROWS = 200;
export const PARALLEL_CHUNKS = 4;
/** A lease outlives the run's deadline by this much (a run ends well before its lease). */
const LEASE_MARGIN_MS = 60_000;

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
  const phoneOwner = lookup.phoneOwners.get(prepared.valid.phone) ?? null;
  return {
    existing: found && member ? { id: member.id, name: member.name, phone: member.phone, orgId: member.orgId, left: Boolean(member.left), writtenBy: found.writtenBy } : null,
    phoneOwner,
    phoneOwnerOrgId: phoneOwner ? (lookup.members.get(phoneOwner)?.orgId ?? null) : null,
  };
}

/** What a run's chunks share: what the importer may be told, and where the withheld rows go. */
interface RunContext {
  view: RosterView;
  reportWithheld: (chunk: number, rows: readonly WithheldRow[]) => Promise<void>;
}

/** One chunk: read what the roster holds for its rows, write the new members, report the rest. */
async function processChunk(deps: ImportDeps, job: ImportJob, chunk: Chunk, run: RunContext): Promise<ImportCounts> {
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
  const withheld: WithheldRow[] = [];
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
        return;
      case 'withheld':
        lines.push(refusedLine(prepared.raw, 'ROSTER_CONFLICT'));
        withheld.push({ row: row.row, elsewhere: outcome.elsewhere });
    }
  };
  for (const prepared of valid) settle(prepared, classifyRow(prepared.valid, factsOf(lookup, prepared), job.id, run.view));
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
      else if (outcome === 'phone-taken') settle(prepared, phoneTakenMeanwhile(run.view));
      else again.push(prepared); // the ID number was added meanwhile (another import, a join): read again
    }
    if (again.length > 0) {
      const second = await deps.roster.lookup(
        again.map((r) => r.idHash),
        again.map((r) => r.valid.phone),
      );
      for (const prepared of again) {
        const outcome = classifyRow(prepared.valid, factsOf(second, prepared), job.id, run.view);
        if (outcome.type === 'new') throw new Error(`import ${job.id} row ${prepared.valid.row}: ID number taken but not found`);
        settle(prepared, outcome);
      }
    }
  }
  counts.refused = lines.filter((l) => l.kind === 'refused').length;
  if (lines.length > 0) await deps.jobs.writeRows(job.id, lines);
  await run.reportWithheld(chunk.index, withheld);
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
    // A job whose runs died before getting anywhere, time after time, ends here (the queue goes on).
    if (attemptsUsedUp(job)) return await fail(IMPORT_ATTEMPTS_FAILURE);
    // Every run acts with the job's creator's current roles: one revoked since stops the job.
    const owner = await ownerNow(deps, job);
    if (!owner) return await fail(OWNER_REVOKED_FAILURE);
    const unions = await unionsOf(deps);
    const run: RunContext = { view: rosterView(job.scope, unions), reportWithheld: await withheldReporter(deps, job, owner, unions) };
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
      const p: Promise<void> = processChunk(deps, job, chunk, run).then((counts) => {
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
    await deps.jobs.release(id, holder, ignoredColumns, deps.now(), 'failed').catch(() => undefined);
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

/**
 * Local and test stages only (`deps.localDriveMs` set; no scheduled worker there): runs one job for at
 * most `ms` (capped at localDriveMs), as a progress poll asks through the worker function
 * (local-drive.ts). Errors are the poll's to log.
 */
export async function driveImport(deps: ImportDeps, id: string, ms: number): Promise<RunResult | null> {
  if (deps.localDriveMs === null) return null;
  return runImportJob(deps, id, { holder: `poll-${deps.newId()}`, deadline: Date.now() + Math.min(ms, deps.localDriveMs) });
}

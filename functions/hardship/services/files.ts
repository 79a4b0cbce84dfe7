import { createHash } from 'node:crypto';
import { AppError } from '../../kernel/errors';
import type { Account } from '../../membership';
import {
  AID_KIND_LABELS,
  CLOSE_REASON_LABELS,
  EXPORT_COLUMNS,
  HARDSHIP_PAGE_SIZE,
  HARDSHIP_CATEGORIES,
  HARDSHIP_CATEGORY_LABELS,
  HARDSHIP_CAUSE_LABELS,
  HARDSHIP_CAUSES,
  HEALTH_LABELS,
  HOUSING_LABELS,
  RELATION_LABELS,
  SPOT_CHECK_SHARE_DEFAULT,
  type ExportResponse,
  type FileListQuery,
  type FileListResponse,
  type FileResponse,
  type PaymentRequest,
  type RecheckRequest,
  type SpotCheckRequest,
  type SpotCheckResponse,
  type StatsResponse,
} from '../contracts/hardship';
import { actingOrg, coversPath, hardshipOrgs } from '../domain/access';
import { deleteAfter, drawSpotChecks, isDue, recheckDue } from '../domain/recheck';
import type { HardshipAuditAction, HardshipFile, SpotCheckRecord } from '../domain/types';
import { auditEntry } from '../../audit';
import { audited, hardshipOfficial, orgsWithPaths, today } from './common';
import type { Deps } from './ports';
import { regionName } from './self-check';
import { fileSummary, fileView } from './views';

const fen = (n: number) => (n / 100).toFixed(2);

async function fileFor(deps: Deps, account: Account, id: string): Promise<HardshipFile> {
  const file = await deps.hardship.getFile(id);
  if (!file || !coversPath(account.roles, file.orgPath)) throw new AppError('HARDSHIP_FILE_NOT_FOUND');
  return file;
}

async function respond(deps: Deps, account: Account, file: HardshipFile): Promise<FileResponse> {
  const orgs = await orgsWithPaths(deps, [file.orgId, ...file.payments.flatMap((p) => (p.recordedByOrgId ? [p.recordedByOrgId] : [])), ...file.rechecks.flatMap((r) => (r.byOrgId ? [r.byOrgId] : []))]);
  const active = file.status === 'active';
  return { file: fileView(file, orgs, today(deps), { recheck: active, pay: active }) };
}

/**
 * Where the caller's list reads: the subtree of `orgId` (which must be within the caller's), else of
 * every org the caller holds the 帮扶 role for (null: an admin, the province). `path` is what the
 * audit entry files the read under.
 */
async function subtreeRoots(deps: Deps, account: Account, orgId: string | undefined): Promise<{ roots: string[][] | null; path: string[] }> {
  if (orgId) {
    const org = (await deps.orgs.getMany([orgId])).get(orgId);
    if (!org || !coversPath(account.roles, org.path)) throw new AppError('FORBIDDEN', { message: '只能查看本工会及下级工会的困难职工档案' });
    return { roots: [org.path], path: org.path };
  }
  const held = hardshipOrgs(account.roles);
  if (held === null) return { roots: null, path: [] };
  const orgs = await deps.orgs.getMany(held);
  return { roots: held.flatMap((id) => { const o = orgs.get(id); return o ? [o.path] : []; }), path: [] };
}

/** A page of the subtree's files (Queries of the subtree's partitions only, data/keys.ts treeList); each read audited. */
export async function listFiles(deps: Deps, openid: string, query: FileListQuery): Promise<FileListResponse> {
  const account = await hardshipOfficial(deps, openid);
  const { roots, path } = await subtreeRoots(deps, account, query.orgId);
  const day = today(deps);
  const q = query.q?.trim() ?? '';
  const keep = (f: HardshipFile) =>
    coversPath(account.roles, f.orgPath) &&
    (!query.category || f.category === query.category) &&
    (query.status ? f.status === query.status : true) &&
    (!query.due || isDue(f, day)) &&
    (q === '' || f.headName === q || f.members.some((m) => m.name === q) || (/^\d{3}[\dXx]$/.test(q) && f.members.some((m) => m.idMasked.endsWith(q.slice(-2).toUpperCase()) && m.idMasked.slice(-4, -2) !== '')));
  const page = await deps.hardship.filePage(roots, { limit: HARDSHIP_PAGE_SIZE, cursor: query.cursor, keep });
  const shown = page.items;
  await deps.hardship.audit(audited(account, 'hardship.file-list', { type: 'hardship-files', id: query.orgId ?? 'subtree' }, path, null, { count: shown.length, q: q === '' ? null : '(search)', page: query.cursor ? 'next' : 'first' }, deps.now()));
  const orgs = await orgsWithPaths(deps, shown.map((f) => f.orgId));
  return { items: shown.map((f) => fileSummary(f, orgs, day)), nextCursor: page.cursor };
}

/** One file; every read is audited (the household's data is others' sensitive information). */
export async function getFile(deps: Deps, openid: string, id: string): Promise<FileResponse> {
  const account = await hardshipOfficial(deps, openid);
  const file = await fileFor(deps, account, id);
  await deps.hardship.audit(audited(account, 'hardship.file-read', { type: 'hardship-file', id }, file.orgPath, null, null, deps.now()));
  return respond(deps, account, file);
}

/** The yearly re-check: confirm, change the category, or close (脱困/退休/调离/死亡) with a reason. */
export async function recheck(deps: Deps, openid: string, id: string, req: RecheckRequest): Promise<FileResponse> {
  const account = await hardshipOfficial(deps, openid);
  const file = await fileFor(deps, account, id);
  if (file.status === 'closed') throw new AppError('HARDSHIP_FILE_CLOSED');
  const day = today(deps);
  if (!isDue(file, day) && req.action !== 'close') throw new AppError('HARDSHIP_RECHECK_NOT_DUE');
  const now = deps.now();
  const category = req.action === 'change' && req.category ? req.category : file.category;
  const year = Number(day.slice(0, 4));
  const entry = {
    at: now.toISOString(),
    action: req.action,
    category,
    closeReason: req.action === 'close' ? (req.closeReason ?? null) : null,
    reason: req.reason,
    spotCheck: file.spotCheckYear === year,
    by: openid,
    byOrgId: actingOrg(account.roles, file.orgPath),
    onTime: day <= recheckDue(file),
  };
  const next: HardshipFile = {
    ...file,
    version: file.version + 1,
    category,
    rechecks: [...file.rechecks, entry],
    lastCheckDate: req.action === 'close' ? file.lastCheckDate : day,
    status: req.action === 'close' ? 'closed' : 'active',
    closedAt: req.action === 'close' ? day : null,
    closeReason: entry.closeReason,
    updatedAt: now.toISOString(),
  };
  const audit = audited(account, 'hardship.recheck', { type: 'hardship-file', id }, file.orgPath, { category: file.category, status: file.status }, { category, status: next.status, action: req.action }, now);
  if (!(await deps.hardship.saveFile(next, file.version, audit, file))) throw new AppError('HARDSHIP_CASE_STALE');
  return respond(deps, account, next);
}

/** An aid payment recorded against the file, pending until a second person confirms it paid. */
export async function recordPayment(deps: Deps, openid: string, id: string, req: PaymentRequest): Promise<FileResponse> {
  const account = await hardshipOfficial(deps, openid);
  const file = await fileFor(deps, account, id);
  if (file.status === 'closed') throw new AppError('HARDSHIP_FILE_CLOSED');
  const now = deps.now();
  const payment = { id: deps.newId(), aid: req.aid, amountFen: req.amountFen, note: req.note, status: 'pending' as const, recordedAt: now.toISOString(), recordedBy: openid, recordedByOrgId: actingOrg(account.roles, file.orgPath), paidAt: null, confirmedBy: null };
  const next = { ...file, version: file.version + 1, payments: [...file.payments, payment], updatedAt: now.toISOString() };
  const audit = audited(account, 'hardship.payment', { type: 'hardship-file', id }, file.orgPath, null, { payment: payment.id, aid: req.aid, amountFen: req.amountFen }, now);
  if (!(await deps.hardship.saveFile(next, file.version, audit))) throw new AppError('HARDSHIP_CASE_STALE');
  return respond(deps, account, next);
}

/** Money needs two people: whoever recorded a payment cannot confirm it paid. */
export async function confirmPayment(deps: Deps, openid: string, id: string, paymentId: string): Promise<FileResponse> {
  const account = await hardshipOfficial(deps, openid);
  const file = await fileFor(deps, account, id);
  const payment = file.payments.find((p) => p.id === paymentId);
  if (!payment) throw new AppError('HARDSHIP_PAYMENT_NOT_FOUND');
  if (payment.status === 'paid') throw new AppError('HARDSHIP_PAYMENT_DONE');
  if (payment.recordedBy === openid) throw new AppError('HARDSHIP_SAME_PERSON');
  const now = deps.now();
  const next = {
    ...file,
    version: file.version + 1,
    payments: file.payments.map((p) => (p.id === paymentId ? { ...p, status: 'paid' as const, paidAt: now.toISOString(), confirmedBy: openid } : p)),
    updatedAt: now.toISOString(),
  };
  const audit = audited(account, 'hardship.payment-confirm', { type: 'hardship-file', id }, file.orgPath, { payment: paymentId, status: 'pending' }, { payment: paymentId, status: 'paid' }, now);
  if (!(await deps.hardship.saveFile(next, file.version, audit))) throw new AppError('HARDSHIP_CASE_STALE');
  return respond(deps, account, next);
}

/**
 * A text cell Excel or WPS would take for a formula gets a leading apostrophe (as the roster
 * report's cells); cells with a comma, quote or line break are quoted.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The export in the national file's columns (EXPORT_COLUMNS); ID numbers masked 2+2 as the roster report does. */
export async function exportFiles(deps: Deps, openid: string, query: { orgId?: string }): Promise<ExportResponse> {
  const account = await hardshipOfficial(deps, openid);
  const { roots, path } = await subtreeRoots(deps, account, query.orgId);
  const files = await deps.hardship.allFiles(roots, (f) => coversPath(account.roles, f.orgPath));
  const orgs = await orgsWithPaths(deps, files.map((f) => f.orgId));
  const rows = files
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((f) => [
      f.id,
      HARDSHIP_CATEGORY_LABELS[f.category],
      f.headName,
      f.headIdMasked,
      HEALTH_LABELS[f.members.find((m) => m.relation === 'self')?.health ?? 'healthy'],
      HOUSING_LABELS[f.housing.type],
      f.housing.areaM2,
      f.housing.address,
      f.workUnit,
      fen(f.yearlyIncomeFen),
      f.householdSize,
      fen(f.monthlyPerCapitaFen),
      `${regionName(f.regionCode)}（${f.regionCode}）`,
      `${f.mainCause} ${HARDSHIP_CAUSE_LABELS[f.mainCause]}`,
      f.secondaryCauses.map((c) => `${c} ${HARDSHIP_CAUSE_LABELS[c]}`).join('；'),
      f.members.filter((m) => m.relation !== 'self').map((m) => `${m.name}/${RELATION_LABELS[m.relation]}/${m.idMasked}/${HEALTH_LABELS[m.health]}/月收入${fen(m.monthlyIncomeFen)}/${m.schoolOrEmployer}`).join('；'),
      f.payee.bankName,
      f.payee.accountMasked,
      orgs.get(f.orgId)?.name ?? '',
      f.createdAt.slice(0, 10),
      f.status === 'active' ? '在档' : `已销档（${f.closeReason ? CLOSE_REASON_LABELS[f.closeReason] : ''}）`,
    ]);
  const csv = `\uFEFF${[EXPORT_COLUMNS as readonly string[], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
  await deps.hardship.audit(audited(account, 'hardship.file-export', { type: 'hardship-files', id: query.orgId ?? 'subtree' }, path, null, { rows: rows.length }, deps.now()));
  void AID_KIND_LABELS;
  return { fileName: `困难职工档案-${today(deps)}.csv`, contentType: 'text/csv; charset=utf-8', csv, rows: rows.length };
}

/**
 * The city's yearly spot check: a share (30 % by default) of its active files drawn at random with a
 * recorded seed (SHA-256 of org, year and the moment), marked on each file drawn; once a year.
 */
export async function spotCheck(deps: Deps, openid: string, req: SpotCheckRequest): Promise<SpotCheckResponse> {
  const account = await hardshipOfficial(deps, openid);
  const org = (await deps.orgs.getMany([req.orgId])).get(req.orgId);
  if (!org) throw new AppError('NOT_FOUND');
  if (org.kind !== 'city' || !coversPath(account.roles, org.path)) throw new AppError('FORBIDDEN', { message: '抽查由市县总工会的帮扶工作人员对本市县的档案进行' });
  const existing = await deps.hardship.spotCheck(req.orgId, req.year);
  if (existing) return answerOf(existing);
  // The city's partition under its path: one Query (paged), the province's other files never read.
  const files = await deps.hardship.allFiles([org.path], (f) => f.status === 'active' && f.orgPath.includes(req.orgId));
  const now = deps.now();
  const share = req.share ?? SPOT_CHECK_SHARE_DEFAULT;
  const seed = createHash('sha256').update(`${req.orgId}:${req.year}:${now.toISOString()}`).digest('hex').slice(0, 32);
  const drawn = drawSpotChecks(files.map((f) => f.id), share, seed);
  const record = { orgId: req.orgId, year: req.year, share, seed, population: files.length, drawn, at: now.toISOString(), by: openid };
  const marked = files.filter((f) => drawn.includes(f.id)).map((f) => ({ file: { ...f, version: f.version + 1, spotCheckYear: req.year, updatedAt: now.toISOString() }, previousVersion: f.version }));
  const audit = audited(account, 'hardship.spot-check', { type: 'hardship-spot-check', id: `${req.orgId}-${req.year}` }, org.path, null, { share, seed, population: files.length, drawn: drawn.length }, now);
  if (!(await deps.hardship.putSpotCheck(record, marked, audit))) {
    const again = await deps.hardship.spotCheck(req.orgId, req.year);
    if (again) return answerOf(again);
    throw new AppError('HARDSHIP_CASE_STALE');
  }
  return answerOf(record);
}

/** A draw as answered: everything but who drew it (the audit trail keeps that). */
const answerOf = ({ by: _by, ...record }: SpotCheckRecord): SpotCheckResponse => record;

/**
 * Files by category, cause and city; new and closed this year; re-checks done and on time — read from
 * the subtree's counters (domain/stats.ts), which every write of a file moves in its transaction.
 */
export async function stats(deps: Deps, openid: string, query: { orgId?: string }): Promise<StatsResponse> {
  const account = await hardshipOfficial(deps, openid);
  const held = hardshipOrgs(account.roles);
  const orgId = query.orgId ?? held?.[0];
  if (!orgId) throw new AppError('FORBIDDEN', { message: '请选择要统计的工会' });
  const org = (await deps.orgs.getMany([orgId])).get(orgId);
  if (!org || !coversPath(account.roles, org.path)) throw new AppError('FORBIDDEN', { message: '只能查看本工会及下级工会的帮扶统计' });
  const c = await deps.hardship.counters(orgId);
  const n = (key: string) => c[key] ?? 0;
  const year = today(deps).slice(0, 4);
  return {
    org: { id: org.id, name: org.name },
    year: Number(year),
    byCategory: Object.fromEntries(HARDSHIP_CATEGORIES.map((k) => [k, n(`cat#${k}`)])) as StatsResponse['byCategory'],
    byCause: Object.fromEntries(HARDSHIP_CAUSES.map((k) => [k, n(`cause#${k}`)])) as StatsResponse['byCause'],
    byCity: Object.keys(c)
      .filter((k) => k.startsWith('city#') && n(k) > 0)
      .sort()
      .map((k) => ({ regionCode: k.slice(5), regionName: regionName(k.slice(5)), count: n(k) })),
    newThisYear: n(`new#${year}`),
    closedThisYear: n(`closed#${year}`),
    rechecksDone: n(`rechecks#${year}`),
    rechecksOnTime: n(`onTime#${year}`),
  };
}

/** The retention job: closed files deleted RETENTION_YEARS after closing (each deletion audited by the system). */
export async function purgeClosedFiles(deps: Pick<Deps, 'hardship' | 'now'>): Promise<{ deleted: string[] }> {
  const day = today(deps);
  const due = (await deps.hardship.filesExpired(day)).filter((f) => f.status === 'closed' && f.closedAt !== null && day > deleteAfter(f.closedAt));
  const deleted: string[] = [];
  for (const f of due) {
    const audit = auditEntry<HardshipAuditAction>({ actor: { openid: 'system', as: 'admin', orgId: null }, action: 'hardship.file-delete', target: { type: 'hardship-file', id: f.id }, orgPath: f.orgPath, before: { status: f.status, closedAt: f.closedAt }, after: null, at: deps.now() });
    if (await deps.hardship.deleteFile(f, audit)) deleted.push(f.id);
  }
  return { deleted };
}

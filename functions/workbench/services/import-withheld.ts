import { auditActor, auditEntry, auditTime } from '../../audit';
import type { OfficialMessage } from '../../applications';
import { log } from '../../kernel/logger';
import { maskName } from '../../kernel/masking';
import type { RosterImportAuditAction } from '../domain/audit';
import type { MemberElsewhere, UnionIndex } from '../domain/roster-row';
import { withheldKeys } from '../data/keys';
import type { Importer } from './import-access';
import type { ImportDeps, ImportJob } from './ports';

/**
 * The rows an import refuses for reasons that depend on the roster outside the importer's subtree
 * (ROSTER_CONFLICT: domain/roster-row.ts › classifyRow). The report tells them apart from nothing,
 * but they are not silent:
 * - a row naming a member outside the subtree becomes a request to that member's current union —
 *   an entry in its 操作记录 saying which official of which union asked for which member (once per
 *   job and row) and a 待办 to its officials (the outbox: a WeChat subscription message opening
 *   操作记录; one per job and union, however many of its members the file names). Its officials
 *   call the member: a member who now works at the importing unit
 *   files 会员关系转接 (the member's own request: membership moves with the member's consent), a
 *   member who left files 入会 there; someone who is not known at the importing unit is a probe.
 * - every such row counts against the importer, per China day; the row past the threshold raises
 *   one alert that day to the level above (a 督办 message to the officials of the parent org, an
 *   audit entry under it — out of the importer's own trail — and a log line the
 *   RosterImportWithheldAlert metric filter counts).
 */

export interface WithheldRow {
  row: number;
  /** The member outside the subtree the row names, if it names one. */
  elsewhere: MemberElsewhere | null;
}

/** Rows an official may have refused a day for reasons outside their subtree before the level above hears of it. */
const WITHHELD_ALERT_THRESHOLD = 20;

/** ROSTER_IMPORT_ALERT_THRESHOLD (a whole number ≥ 1), else WITHHELD_ALERT_THRESHOLD; anything else fails at start-up. */
export function withheldAlertThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ROSTER_IMPORT_ALERT_THRESHOLD;
  if (raw === undefined || raw === '') return WITHHELD_ALERT_THRESHOLD;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`ROSTER_IMPORT_ALERT_THRESHOLD must be a whole number ≥ 1, not ${raw}`);
  return value;
}

/** A row's request mark outlives any rerun of its job (TTL): 30 days, as the job's files. */
const REQUEST_MARK_MS = 30 * 86_400_000;

/** Marks and windows outlive the day they count (TTL): two days. */
const KEEP_MS = 2 * 86_400_000;

const day = (at: Date) => auditTime(at).slice(0, 10);

/**
 * How a run reports its chunks' withheld rows: built once per run from the job's creator as they are
 * now, the grassroots unions (names and paths) and the job's org (the first of its scope).
 */
export async function withheldReporter(deps: ImportDeps, job: ImportJob, owner: Importer, unions: UnionIndex) {
  const anchorId = job.scope.kind === 'official' ? job.scope.orgIds[0] : undefined;
  const orgs = anchorId ? await deps.orgs.getMany([anchorId]) : new Map();
  const anchor = anchorId ? orgs.get(anchorId) : undefined;
  const parentId = anchor?.parentId ?? null;
  const parent = parentId ? (await deps.orgs.getMany([parentId])).get(parentId) : undefined;
  const importingOrg = anchor?.name ?? '平台管理员';
  const actorPath = anchor?.path ?? [];
  const actor = auditActor(job.owner, owner.account.roles, actorPath);

  async function request(row: number, member: MemberElsewhere, at: Date): Promise<void> {
    const union = unions.byId.get(member.orgId);
    const orgPath = union?.path ?? (await deps.orgs.getMany([member.orgId])).get(member.orgId)?.path ?? [member.orgId];
    // One 待办 per job and union (the first row's words); every row is an entry of the union's trail.
    const who = maskName(member.name);
    const message: OfficialMessage = {
      template: 'todo',
      page: 'workbench/audit/index',
      data: {
        thing1: member.left ? '已退会会员重新登记' : '会员转入请求',
        thing2: importingOrg,
        time3: day(at),
        thing4: `请核实${who}等会员，详见操作记录`,
      },
    };
    const audit = auditEntry<RosterImportAuditAction>({
      actor,
      action: 'roster.import-request',
      target: { type: 'member', id: member.memberId },
      orgPath,
      at,
      before: null,
      after: { importId: job.id, row, fromOrgId: anchorId ?? null, fromOrg: importingOrg, memberLeft: member.left },
    });
    const notice = { id: withheldKeys.requestNotice(job.id, member.orgId), orgId: member.orgId, message };
    await deps.withheld.request(withheldKeys.requested(job.id, row), audit, notice, at, new Date(at.getTime() + REQUEST_MARK_MS));
  }

  return async function reportWithheld(chunk: number, rows: readonly WithheldRow[]): Promise<void> {
    if (rows.length === 0 || job.scope.kind === 'admin') return;
    const at = deps.now();
    for (const { row, elsewhere } of rows) if (elsewhere) await request(row, elsewhere, at);
    const window = { openid: job.owner, day: day(at) };
    const expiresAt = new Date(at.getTime() + KEEP_MS);
    const count = await deps.withheld.count(window, withheldKeys.counted(job.id, chunk), rows.length, expiresAt);
    if (count <= deps.withheldAlertThreshold) return;
    const to = parent ?? anchor;
    if (!to) return;
    const message: OfficialMessage = {
      template: 'overdue',
      page: 'workbench/audit/index',
      data: { thing1: '名册导入异常提醒', thing2: importingOrg, time3: window.day, thing4: `今日已有${count}行因涉及其他工会会员被拒` },
    };
    const audit = auditEntry<RosterImportAuditAction>({
      actor,
      action: 'roster.import-alert',
      target: { type: 'account', id: job.owner },
      orgPath: to.path,
      at,
      before: null,
      after: { importId: job.id, day: window.day, refused: count, threshold: deps.withheldAlertThreshold, orgId: anchorId ?? null, org: importingOrg },
    });
    if (await deps.withheld.alert(window, to.id, message, audit, at, expiresAt)) {
      log.warn('roster import: refusals that depend on other unions past the threshold', {
        metric: 'RosterImportWithheldAlert',
        importId: job.id,
        orgId: anchorId ?? null,
        day: window.day,
        refused: count,
        threshold: deps.withheldAlertThreshold,
      });
    }
  };
}

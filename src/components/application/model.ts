import {
  APPLICATION_KIND_LABELS,
  QUEUE_KINDS,
  type QueueKind,
  APPLICATION_STATUS_LABELS,
  BAD_RATING_LEVELS,
  decisionRequest,
  FOLLOW_UP_WORKING_DAYS,
  followUpRequest,
  RATING_LABELS,
  RATING_LEVELS,
  ratingRequest,
  type ApplicationKind,
  type ApplicationStatus,
  type ApplicationSummary,
  type Decision,
  type DecisionRequest,
  type FollowUpRequest,
  type RatingLevel,
  type RatingRequest,
  type StepStatus,
  type StepView,
  type FollowUpView,
  type TimelineEntryView,
} from '../../../functions/applications/contracts/applications';
import type { StatusTone } from '../status-tag';

/**
 * How applications read on screen: deadlines (dates in China, `YYYY-MM-DD`), who decided, the
 * timeline's lines, the tags' colours, and the officials' decision checked before it is sent.
 * Labels of kinds, statuses, steps and actions come from the contract.
 */

export const STATUS_TONES: Record<ApplicationStatus, StatusTone> = {
  pending: 'progress',
  approved: 'success',
  rejected: 'danger',
  cancelled: 'neutral',
};

/** How a step is drawn in the progress list: done, the one running now, refused, or not (or never) reached. */
export type StepTone = 'done' | 'current' | 'refused' | 'idle';

export const STEP_TONES: Record<StepStatus, StepTone> = {
  waiting: 'idle',
  open: 'current',
  approved: 'done',
  rejected: 'refused',
  forwarded: 'done',
  skipped: 'idle',
  cancelled: 'idle',
  withdrawn: 'idle',
};

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "2026-05-20" → "5月20日（周三）", with the year when it is not `now`'s year in China. */
export function formatDate(date: string, now: number = Date.now()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  const thisYear = new Date(now + 8 * 60 * 60 * 1000).getUTCFullYear();
  return `${year === thisYear ? '' : `${year}年`}${month}月${day}日（周${weekday}）`;
}

/**
 * A step's deadline as the member and the officials read it: "5月20日（周三）前办结", or, once the
 * step is open past it, "已超期：应于5月20日（周三）前办结". Null for a step without a deadline
 * (not started yet) and for a step that is no longer open.
 */
export function deadlineLabel(step: Pick<StepView, 'dueDate' | 'overdue' | 'status'>, now: number = Date.now()): string | null {
  if (!step.dueDate || step.status !== 'open') return null;
  const due = `${formatDate(step.dueDate, now)}前办结`;
  return step.overdue ? `已超期：应于${due}` : due;
}

/** The union (or the platform) that decided: "三亚市总工会（上级工会）" when an ancestor decided for the step's union. */
export function decidedByLabel(decidedBy: StepView['decidedBy']): string {
  if (!decidedBy) return '';
  if (decidedBy.role === 'admin' || !decidedBy.org) return '平台管理员';
  return decidedBy.role === 'ancestor' ? `${decidedBy.org.name}（上级工会）` : decidedBy.org.name;
}

/** Who did what on the timeline: "申请人", the union's name, "…（上级工会）" or "平台管理员". */
export function actorLabel(entry: Pick<TimelineEntryView, 'role' | 'org'>): string {
  switch (entry.role) {
    case 'applicant':
      return '申请人';
    case 'admin':
      return '平台管理员';
    default:
      return decidedByLabel({ role: entry.role, org: entry.org });
  }
}

/** "入会申请 · 办理中" and friends, e.g. for a page title or an accessible label. */
export function applicationTitle(kind: ApplicationKind, status: ApplicationStatus): string {
  return `${APPLICATION_KIND_LABELS[kind]} · ${APPLICATION_STATUS_LABELS[status]}`;
}

/** The officials' queue by status (the API's default, 办理中, first) and by kind. */
export const QUEUE_STATUS_TABS: ReadonlyArray<{ value: ApplicationStatus; label: string }> = (
  Object.keys(APPLICATION_STATUS_LABELS) as ApplicationStatus[]
).map((value) => ({ value, label: APPLICATION_STATUS_LABELS[value] }));

/** The queue's kinds (困难帮扶 has its own queue in the hardship subpackage). */
export const KIND_FILTERS: ReadonlyArray<{ value: QueueKind | 'all'; label: string }> = [
  { value: 'all', label: '全部' },
  ...QUEUE_KINDS.map((value) => ({ value, label: APPLICATION_KIND_LABELS[value] })),
];

/** What an official has entered on the decision panel. */
export interface DecisionDraft {
  stepId: string;
  decision: Decision;
  comment: string;
  /** The union chosen to forward to (forward only). */
  toOrgId: string;
}

export type DecisionErrors = Partial<Record<'comment' | 'toOrgId' | 'form', string>>;

/**
 * The decision as the API takes it, checked with the contract and with the rules the API applies on
 * top of it: a rejection and a forward need their reason, a forward its union.
 */
export function validateDecision(draft: DecisionDraft): { ok: true; request: DecisionRequest } | { ok: false; errors: DecisionErrors } {
  const errors: DecisionErrors = {};
  const comment = draft.comment.trim();
  if (draft.decision !== 'approve' && comment === '') errors.comment = draft.decision === 'reject' ? '请填写驳回原因' : '请填写转交原因';
  if (draft.decision === 'forward' && draft.toOrgId === '') errors.toOrgId = '请选择转交的工会';
  const result = decisionRequest.safeParse({
    step: draft.stepId,
    decision: draft.decision,
    ...(comment !== '' && { comment }),
    ...(draft.decision === 'forward' && draft.toOrgId !== '' && { toOrgId: draft.toOrgId }),
  });
  for (const issue of result.success ? [] : result.error.issues) {
    const field = issue.path[0];
    const key = field === 'comment' || field === 'toOrgId' ? field : 'form';
    errors[key] ??= issue.message;
  }
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: result.data };
}

// ---------------------------------------------------------------------------------------------
// 好差评: the applicant's rating of a closed application, and the 回访 a 差评 opens

/** The five levels in the State Council's order, 非常满意 first. */
export const RATING_CHOICES: ReadonlyArray<{ level: RatingLevel; label: string }> = RATING_LEVELS.map((level) => ({
  level,
  label: RATING_LABELS[level],
}));

export const isBadRating = (level: RatingLevel): boolean => BAD_RATING_LEVELS.includes(level);

/** What the applicant is told before sending a 差评: who calls back, and within how long. */
export function badRatingNote(orgName: string): string {
  return `${orgName}将在${FOLLOW_UP_WORKING_DAYS}个工作日内核实处理并回访答复您。`;
}

/** The rating as typed → the request, or the contract's message (a level must be chosen). */
export function validateRating(level: RatingLevel | null, comment: string): { ok: true; request: RatingRequest } | { ok: false; error: string } {
  const trimmed = comment.trim();
  const result = ratingRequest.safeParse({ ...(level !== null && { level }), ...(trimmed !== '' && { comment: trimmed }) });
  return result.success ? { ok: true, request: result.data } : { ok: false, error: result.error.issues[0]?.message ?? '请选择评价等级' };
}

/**
 * Where a 回访 stands: "待回访：X 应于5月20日（周三）前答复", "回访已超期：…", "已回访" (on time or
 * late). Null without one.
 */
export function followUpLabel(
  followUp: (NonNullable<ApplicationSummary['followUp']> & { onTime?: boolean | null }) | null,
  now: number = Date.now(),
): string | null {
  if (!followUp) return null;
  if (followUp.status === 'done') return followUp.onTime === false ? '已回访（超过期限）' : '已回访';
  const due = `${followUp.org.name}应于${formatDate(followUp.dueDate, now)}前答复`;
  return followUp.overdue ? `回访已超期：${due}` : `待回访：${due}`;
}

/** The little note a list card carries about satisfaction: the level given, or that it awaits one. */
export function ratingNote(summary: Pick<ApplicationSummary, 'status' | 'rating'>, forApplicant: boolean): string | null {
  if (summary.rating) return `评价：${RATING_LABELS[summary.rating.level]}`;
  if (forApplicant && (summary.status === 'approved' || summary.status === 'rejected')) return '待评价';
  return null;
}

/** The 回访 note as typed → the request, or the contract's message (required, at most 500 characters). */
export function validateFollowUp(note: string): { ok: true; request: FollowUpRequest } | { ok: false; error: string } {
  const result = followUpRequest.safeParse({ note });
  return result.success ? { ok: true, request: result.data } : { ok: false, error: result.error.issues[0]?.message ?? '请填写回访情况' };
}

/** Who recorded a 回访: the union, "…（上级工会）" or "平台管理员". */
export function followUpByLabel(doneBy: FollowUpView['doneBy']): string {
  return decidedByLabel(doneBy);
}

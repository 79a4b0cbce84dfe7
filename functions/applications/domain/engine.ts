import { AppError } from '../../kernel/errors';
import { invalid, KIND_RULES } from './kinds';
import type {
  Actor,
  Applicant,
  Application,
  ApplicationKind,
  ApplicationRecord,
  DecidedAs,
  Decision,
  OrgOnStep,
  OrgRef,
  Step,
  TimelineEntry,
} from './types';
import { addWorkingDays, shanghaiDate, type WorkCalendar } from './working-days';

/**
 * The application engine: a state machine over plain values. Every function returns the new state
 * (version + 1) and never writes anything; the use cases hand the result to the store, which writes
 * it only if the version read is still current.
 */

/** The moment and the calendar a change is made with. */
export interface Clock {
  now: Date;
  calendar: WorkCalendar;
}

/** Who is entitled to decide a step, as the step records it. */
export interface Authority {
  as: DecidedAs;
  org: OrgRef | null;
}

function openStep(step: Step, clock: Clock): Step {
  return {
    ...step,
    status: 'open',
    openedAt: clock.now.toISOString(),
    dueDate: addWorkingDays(shanghaiDate(clock.now), step.workingDays, clock.calendar),
  };
}

function waitingStep(id: string, org: OrgOnStep, workingDays: number): Step {
  return {
    id,
    org,
    workingDays,
    status: 'waiting',
    openedAt: null,
    dueDate: null,
    decidedBy: null,
    decidedAs: null,
    decidedByOrg: null,
    decidedAt: null,
    comment: null,
    forwardedTo: null,
  };
}

/** The next step's id: one past the highest so far (steps withdrawn long ago may have been dropped). */
const nextStepId = (steps: readonly Step[]) => `s${Math.max(0, ...steps.map((s) => Number(s.id.slice(1)) || 0)) + 1}`;

/**
 * What an application item keeps of a long history, so that it stays far below DynamoDB's 400 KB
 * whatever happens to it (the review: 828 resubmissions of one join outgrew it): the first timeline
 * entry and the last TIMELINE_KEPT ones (the entries dropped between them are counted in
 * `timelineOmitted`), and of the steps a resubmission withdrew only the last WITHDRAWN_STEPS_KEPT.
 * Free text is bounded by the contracts (form fields, comments ≤ 200, 回访 ≤ 500 characters).
 */
export const TIMELINE_KEPT = 40;
export const WITHDRAWN_STEPS_KEPT = 3;

function appendBounded(app: Application, event: TimelineEntry): Pick<Application, 'timeline' | 'timelineOmitted'> {
  const all = [...app.timeline, event];
  if (all.length <= TIMELINE_KEPT + 1) return { timeline: all };
  const dropped = all.length - (TIMELINE_KEPT + 1);
  return { timeline: [all[0] as TimelineEntry, ...all.slice(1 + dropped)], timelineOmitted: (app.timelineOmitted ?? 0) + dropped };
}

/** A timeline entry of a change made now. */
export function entry(clock: Clock, fields: Omit<TimelineEntry, 'at'>): TimelineEntry {
  return { at: clock.now.toISOString(), ...fields };
}

/** The application after a change: the fields changed, the next version, the entry appended. */
export function changed(app: Application, clock: Clock, fields: Partial<Application>, event: TimelineEntry): Application {
  return { ...app, ...fields, version: app.version + 1, updatedAt: clock.now.toISOString(), ...appendBounded(app, event) };
}

export function openStepOf(app: Application): Step | null {
  return app.status === 'pending' ? (app.steps.find((s) => s.status === 'open') ?? null) : null;
}

/** Open past its last working day (the due date is the last day on which it is on time). */
export function isOverdue(step: Step, now: Date): boolean {
  return step.status === 'open' && step.dueDate !== null && shanghaiDate(now) > step.dueDate;
}

/**
 * The org an application is filed under for the officials' lists: while pending, the org of the
 * open step; once closed, the last step that was reached.
 */
export function recordOrg(app: Application): OrgOnStep {
  const reached = app.steps.filter((s) => s.status !== 'waiting' && s.status !== 'skipped');
  return (openStepOf(app) ?? reached.at(-1) ?? (app.steps[0] as Step)).org;
}

/** A new application: its first step opens now, the others wait. */
export function newApplication(
  input: { id: string; kind: ApplicationKind; applicant: Applicant; form: ApplicationRecord; orgs: OrgOnStep[]; previousId: string | null },
  clock: Clock,
): Application {
  const days = KIND_RULES[input.kind].workingDaysPerStep;
  const steps = input.orgs.map((org, i) => {
    const step = waitingStep(`s${i + 1}`, org, days);
    return i === 0 ? openStep(step, clock) : step;
  });
  const at = clock.now.toISOString();
  return {
    id: input.id,
    kind: input.kind,
    status: 'pending',
    version: 1,
    applicant: input.applicant,
    form: input.form,
    steps,
    timeline: [{ at, action: 'submitted', by: input.applicant.openid, role: 'applicant', org: null, stepId: 's1', comment: null }],
    createdAt: at,
    updatedAt: at,
    previousId: input.previousId,
    rating: null,
    followUp: null,
  };
}

/**
 * Who may decide a step: an official of its org, or of an org above it (the nearest one the account
 * holds a role for), or an admin. Null for anybody else.
 */
export function authorityOver(actor: Actor, step: Pick<Step, 'org'>): Omit<Authority, 'org'> & { orgId: string | null } | null {
  let best: { orgId: string; depth: number } | null = null;
  for (const role of actor.roles) {
    if (role.type !== 'official') continue;
    const depth = step.org.path.indexOf(role.orgId);
    if (depth >= 0 && (best === null || depth > best.depth)) best = { orgId: role.orgId, depth };
  }
  if (best) return { as: best.orgId === step.org.id ? 'official' : 'ancestor', orgId: best.orgId };
  if (actor.roles.some((r) => r.type === 'admin')) return { as: 'admin', orgId: null };
  return null;
}

/** The applicant, admins, and officials of any org on its steps or above one. */
export function canRead(app: Application, actor: Actor): boolean {
  if (app.applicant.openid === actor.openid) return true;
  return actor.roles.some(
    (r) => r.type === 'admin' || (r.type === 'official' && app.steps.some((s) => s.org.path.includes(r.orgId))),
  );
}

/**
 * Who must stand aside from an application (conflict of interest): the applicant and whoever granted
 * the applicant's account an official role (`openids`), and the orgs those people are officials of
 * (`orgIds`). A step whose org is one of those orgs or below one is decided from above it: by an
 * official of an org higher than the highest of them on the step's path, or an admin.
 */
export interface Recusal {
  openids: readonly string[];
  orgIds: readonly string[];
}

export const NO_RECUSAL: Recusal = { openids: [], orgIds: [] };

/** The steps' own decisions of this actor (decided, not withdrawn or skipped): nobody decides two steps. */
const decidedBefore = (app: Application, actor: Actor, stepId: string) =>
  app.steps.some((s) => s.id !== stepId && s.decidedBy === actor.openid && (s.status === 'approved' || s.status === 'rejected' || s.status === 'forwarded'));

/**
 * The authority of an actor over a step once the recusal is applied: only their roles strictly
 * above every recused org on the step's path count (admins unaffected); null when none is left.
 */
export function recusedAuthority(actor: Actor, step: Pick<Step, 'org'>, recusal: Recusal): ReturnType<typeof authorityOver> {
  if (recusal.openids.includes(actor.openid)) return null;
  const depths = recusal.orgIds.map((id) => step.org.path.indexOf(id)).filter((d) => d >= 0);
  if (depths.length === 0) return authorityOver(actor, step);
  const limit = Math.min(...depths);
  const roles = actor.roles.filter((r) => r.type !== 'official' || (step.org.path.indexOf(r.orgId) >= 0 && step.org.path.indexOf(r.orgId) < limit));
  return authorityOver({ ...actor, roles }, step);
}

/** The decisions this actor may take on the open step right now (none when they may not decide). */
export function decisionsFor(app: Application, actor: Actor, recusal: Recusal = NO_RECUSAL): Decision[] {
  const step = openStepOf(app);
  if (!step || app.applicant.openid === actor.openid || !recusedAuthority(actor, step, recusal) || decidedBefore(app, actor, step.id)) return [];
  return [...KIND_RULES[app.kind].decisions];
}

export interface DecisionInput {
  stepId: string;
  decision: Decision;
  comment: string;
  /** forward only: the union that reviews next (already checked to be a grassroots union). */
  toOrg: OrgOnStep | null;
}

/**
 * Checks a decision before anything is read for its effect; returns the step and the authority.
 * Money and membership need two people: an actor who decided another step of the application is
 * refused (SAME_OFFICIAL_TWICE), and one the recusal puts aside (the applicant's own org, or the org
 * of whoever granted the applicant a role, at or above the step) is refused with CONFLICT_OF_INTEREST
 * while an official above them may decide.
 */
export function checkDecision(app: Application, input: Omit<DecisionInput, 'toOrg'> & { toOrgId: string | null }, actor: Actor, recusal: Recusal = NO_RECUSAL) {
  const step = app.steps.find((s) => s.id === input.stepId);
  const plain = step ? authorityOver(actor, step) : null;
  if (!step && app.steps.some((s) => authorityOver(actor, s))) throw invalid('step', '该申请没有这个审核环节');
  if (!step || !plain) throw new AppError('FORBIDDEN', { message: '只有该环节工会或其上级工会的工作人员可以审核' });
  if (app.applicant.openid === actor.openid) throw new AppError('FORBIDDEN', { message: '不能审核本人提交的申请' });
  if (step.status === 'waiting' && app.status === 'pending') throw new AppError('STEP_NOT_OPEN');
  if (step.status !== 'open' || app.status !== 'pending') throw new AppError('ALREADY_DECIDED');
  if (decidedBefore(app, actor, step.id)) throw new AppError('SAME_OFFICIAL_TWICE');
  const authority = recusedAuthority(actor, step, recusal);
  if (!authority) throw new AppError('CONFLICT_OF_INTEREST');
  if (!KIND_RULES[app.kind].decisions.includes(input.decision)) throw invalid('decision', '该类申请不能转交其他工会');
  if (input.decision !== 'approve' && input.comment === '') {
    throw invalid('comment', input.decision === 'reject' ? '请填写驳回原因' : '请填写转交原因');
  }
  if (input.decision === 'forward' && !input.toOrgId) throw invalid('toOrgId', '请选择转交的工会');
  if (input.decision !== 'forward' && input.toOrgId) throw invalid('toOrgId', '只有转交时才需选择工会');
  if (input.decision === 'forward' && input.toOrgId === step.org.id) throw invalid('toOrgId', '不能转交给本工会');
  return { step, authority };
}

/**
 * Decides the open step. approve opens the next step, or completes the application when it was the
 * last; reject ends it (later steps are skipped); forward closes the step and opens one at `toOrg`.
 */
export function decide(
  app: Application,
  input: DecisionInput,
  actor: Actor,
  authority: Authority,
  clock: Clock,
  recusal: Recusal = NO_RECUSAL,
): { after: Application; completed: boolean } {
  const { step } = checkDecision(app, { ...input, toOrgId: input.toOrg?.id ?? null }, actor, recusal);
  const at = clock.now.toISOString();
  const decided: Step = {
    ...step,
    status: input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'forwarded',
    decidedBy: actor.openid,
    decidedAs: authority.as,
    decidedByOrg: authority.org,
    decidedAt: at,
    comment: input.comment === '' ? null : input.comment,
    forwardedTo: input.toOrg?.id ?? null,
  };
  let steps = app.steps.map((s) => (s.id === step.id ? decided : s));
  let status = app.status;
  if (input.decision === 'approve') {
    const next = steps.findIndex((s) => s.status === 'waiting');
    if (next >= 0) steps = steps.map((s, i) => (i === next ? openStep(s, clock) : s));
    else status = 'approved';
  } else if (input.decision === 'reject') {
    steps = steps.map((s) => (s.status === 'waiting' ? { ...s, status: 'skipped' } : s));
    status = 'rejected';
  } else {
    const days = KIND_RULES[app.kind].workingDaysPerStep;
    steps = [...steps, openStep(waitingStep(nextStepId(steps), input.toOrg as OrgOnStep, days), clock)];
  }
  const event = entry(clock, {
    action: decided.status === 'approved' ? 'approved' : decided.status === 'rejected' ? 'rejected' : 'forwarded',
    by: actor.openid,
    role: authority.as,
    org: authority.org,
    stepId: step.id,
    comment: decided.comment,
  });
  return { after: changed(app, clock, { steps, status }, event), completed: status === 'approved' };
}

/** The applicant withdraws a pending application: its open step is cancelled, later ones skipped. */
export function cancel(app: Application, actor: Actor, clock: Clock): Application {
  if (app.applicant.openid !== actor.openid) throw new AppError('FORBIDDEN', { message: '只有申请人可以撤回申请' });
  if (app.status !== 'pending') throw new AppError('APPLICATION_NOT_PENDING');
  const open = openStepOf(app);
  const steps = app.steps.map((s): Step => (s.status === 'open' ? { ...s, status: 'cancelled' } : s.status === 'waiting' ? { ...s, status: 'skipped' } : s));
  const event = entry(clock, { action: 'cancelled', by: actor.openid, role: 'applicant', org: null, stepId: open?.id ?? null, comment: null });
  return changed(app, clock, { steps, status: 'cancelled' }, event);
}

/**
 * The applicant sends a new form while the application is pending (joins): the open step is
 * withdrawn and a new one opens at `org` (the union the new form names) with a fresh deadline.
 */
export function resubmit(app: Application, form: ApplicationRecord, org: OrgOnStep, applicantName: string, clock: Clock): Application {
  if (app.status !== 'pending') throw new AppError('APPLICATION_NOT_PENDING');
  const withdrawn = app.steps.map((s): Step => (s.status === 'open' ? { ...s, status: 'withdrawn' } : s));
  const step = openStep(waitingStep(nextStepId(withdrawn), org, KIND_RULES[app.kind].workingDaysPerStep), clock);
  const event = entry(clock, { action: 'resubmitted', by: app.applicant.openid, role: 'applicant', org: null, stepId: step.id, comment: null });
  // Only the last few withdrawn steps are kept (see TIMELINE_KEPT); the others stay as they were.
  const withdrawnIds = withdrawn.filter((s) => s.status === 'withdrawn').map((s) => s.id);
  const dropped = new Set(withdrawnIds.slice(0, Math.max(0, withdrawnIds.length - WITHDRAWN_STEPS_KEPT)));
  const kept = withdrawn.filter((s) => !dropped.has(s.id));
  return changed(app, clock, { form, steps: [...kept, step], applicant: { ...app.applicant, name: applicantName } }, event);
}

/**
 * The notification a change leaves in the outbox (written in the same transaction; one per
 * version, so none is lost and none is written twice). The sender tells the applicant, and the
 * officials of `reviewerOrgId` when a step now waits for them.
 */
export interface Notice {
  applicationId: string;
  version: number;
  kind: ApplicationKind;
  status: Application['status'];
  action: TimelineEntry['action'];
  stepId: string | null;
  applicantOpenid: string;
  reviewerOrgId: string | null;
  at: string;
}

/**
 * What a notice of the outbox says happened: a change's action, or a reminder or escalation of a
 * step or a 回访; `official-notice` for a message another capability wrote whole (OfficialMessage);
 * `member-notice` for one another capability wrote whole to a member (MemberMessage).
 */
export type NoticeAction = Notice['action'] | 'reminded' | 'escalated' | 'follow-up-reminded' | 'follow-up-escalated' | 'official-notice' | 'member-notice';

/**
 * A message to the officials of one org (the notice's `reviewerOrgId`) written whole by another
 * capability, with no application behind it (the roster import's requests and alerts,
 * functions/workbench): the subscription-message template (todo: thing1 事项, thing2 申请人, time3
 * 办理期限, thing4 提示; overdue: thing1 事项, thing2 承办工会, time3 办理期限, thing4 提示), the page it
 * opens and its keywords.
 */
export interface OfficialMessage {
  template: 'todo' | 'overdue';
  page: string;
  data: Record<string, string>;
}

/**
 * A message to one member written whole by another capability, with no application behind it (the
 * payments' 递补 notice, functions/payments): sent as the progress template (thing1 事项, phrase2 结果,
 * thing3 办理单位, time4 时间, thing5 备注) and listed in their 消息中心 (title thing1, result phrase2,
 * by thing3, and `remark`, the whole sentence WeChat's 20 characters cannot hold); `page` is what
 * both open (a mini-program path without the leading slash).
 */
export interface MemberMessage {
  template: 'progress';
  page: string;
  remark: string;
  data: { thing1: string; phrase2: string; thing3: string; time4: string; thing5: string };
}

/** A notice of the outbox: a change's (noticeOf), one the scheduler raised, or an official message (`message`). */
export interface OutboxNotice extends Omit<Notice, 'action'> {
  action: NoticeAction;
  message?: OfficialMessage | MemberMessage;
}

export function noticeOf(after: Application): Notice {
  const last = after.timeline.at(-1) as TimelineEntry;
  return {
    applicationId: after.id,
    version: after.version,
    kind: after.kind,
    status: after.status,
    action: last.action,
    stepId: last.stepId,
    applicantOpenid: after.applicant.openid,
    reviewerOrgId: openStepOf(after)?.org.id ?? null,
    at: last.at,
  };
}

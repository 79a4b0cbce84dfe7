import { AppError } from '../../kernel/errors';
import {
  cancel as engineCancel,
  changed,
  decide as engineDecide,
  entry,
  newApplication,
  openStepOf,
  type Actor,
  type Application,
  type Clock,
  type Step,
} from '../../applications';
import { addWorkingDays, shanghaiDate } from '../../applications';
import { CASE_STEPS, type CaseStatus, type CaseStep, type HardshipCategory } from '../contracts/hardship';
import type { HardshipCase, Objection } from './types';

/**
 * A case's life on the application engine (kind `hardship`): steps s1…s5 are CASE_STEPS in order.
 * The engine decides review, visit, center and approval (the two-person rule: nobody decides two
 * steps); 公示 (s4) is decided by nobody: it runs `publicityDays` calendar days from the day after
 * it opens, an objection pauses it, and once past its end with no objection open it closes itself
 * and 审批 opens (settle()).
 */

export const stepId = (step: CaseStep) => `s${CASE_STEPS.indexOf(step) + 1}`;
export const stepOf = (id: string): CaseStep => CASE_STEPS[Number(id.slice(1)) - 1] as CaseStep;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The status a member and an official see: `paused` while 公示 waits on an objection. */
export function caseStatus(c: HardshipCase): CaseStatus {
  if (c.app.status === 'pending' && c.publicity?.pausedAt) return 'paused';
  return c.app.status;
}

export const currentStep = (c: HardshipCase): CaseStep | null => {
  const open = openStepOf(c.app);
  return open ? stepOf(open.id) : null;
};

/** A new case's application: s1, s2 at the household's grassroots union; s3–s5 at its city federation. */
export function newCaseApplication(
  input: { id: string; applicant: Application['applicant']; householdKey: string; regionCode: string; grassroots: { id: string; name: string; path: string[] }; city: { id: string; name: string; path: string[] } },
  clock: Clock,
): Application {
  const orgs = [input.grassroots, input.grassroots, input.city, input.city, input.city];
  return newApplication(
    { id: input.id, kind: 'hardship', applicant: input.applicant, form: { kind: 'hardship', householdKey: input.householdKey, regionCode: input.regionCode }, orgs, previousId: null },
    clock,
  );
}

/** The engine's refusals in hardship's words (its endpoints declare only these). */
function translate(err: unknown): never {
  if (err instanceof AppError) {
    const map: Record<string, string> = {
      ALREADY_DECIDED: 'HARDSHIP_STEP_NOT_OPEN',
      STEP_NOT_OPEN: 'HARDSHIP_STEP_NOT_OPEN',
      SAME_OFFICIAL_TWICE: 'HARDSHIP_SAME_OFFICIAL_TWICE',
      CONFLICT_OF_INTEREST: 'FORBIDDEN',
      APPLICATION_NOT_PENDING: 'HARDSHIP_CASE_NOT_PENDING',
    };
    const code = map[err.code];
    if (code) throw new AppError(code as never);
  }
  throw err;
}

export interface CaseDecision {
  step: CaseStep;
  decision: 'approve' | 'reject';
  comment: string;
  category: HardshipCategory | undefined;
}

/**
 * Decides the open step. The visit step needs the visit recorded; 公示 is never decided by hand. An
 * approval of 帮扶中心审核 opens 公示 with its dates; the last approval sets the category (the one
 * given, else the one set before, else the computed one).
 */
export function decideCase(c: HardshipCase, input: CaseDecision, actor: Actor, orgId: string | null, clock: Clock, publicityDays: number): { after: HardshipCase; completed: boolean } {
  if (c.app.status !== 'pending') throw new AppError('HARDSHIP_CASE_NOT_PENDING');
  const open = openStepOf(c.app);
  if (!open || open.id !== stepId(input.step)) throw new AppError('HARDSHIP_STEP_NOT_OPEN');
  if (input.step === 'publicity') throw new AppError('HARDSHIP_PUBLICITY_RUNNING');
  if (input.step === 'visit' && input.decision === 'approve' && !c.visit) throw new AppError('HARDSHIP_VISIT_REQUIRED');
  let out: ReturnType<typeof engineDecide>;
  try {
    out = engineDecide(
      c.app,
      { stepId: open.id, decision: input.decision, comment: input.comment, toOrg: null },
      actor,
      { as: actor.roles.some((r) => r.type === 'official' && r.orgId === open.org.id) ? 'official' : orgId ? 'ancestor' : 'admin', org: orgId ? { id: orgId, name: '' } : null },
      clock,
    );
  } catch (err) {
    translate(err);
  }
  let after: HardshipCase = { ...c, app: out.after };
  if (input.category && (input.step === 'center' || input.step === 'approval')) after = { ...after, category: input.category };
  if (input.step === 'center' && input.decision === 'approve') {
    const start = addDays(shanghaiDate(clock.now), 1);
    after = { ...after, publicity: { startDate: start, endDate: addDays(start, publicityDays - 1), pausedAt: null } };
    after = { ...after, app: { ...after.app, steps: after.app.steps.map((s) => (s.id === stepId('publicity') ? { ...s, dueDate: addDays(start, publicityDays - 1) } : s)) } };
  }
  if (out.completed) after = { ...after, category: after.category ?? fallbackCategory(c) };
  return { after, completed: out.completed };
}

const fallbackCategory = (c: HardshipCase): HardshipCategory => (c.form.computedCategory === 'deep' ? 'deep' : c.form.computedCategory === 'relative' ? 'relative' : 'accident');

/**
 * 公示 closes itself: open, not paused, and past its end → approved with no one's name, and 审批
 * opens with its working-day deadline. Returns the case unchanged otherwise.
 */
export function settle(c: HardshipCase, clock: Clock): { after: HardshipCase; moved: boolean } {
  const open = openStepOf(c.app);
  if (!open || open.id !== stepId('publicity') || !c.publicity || c.publicity.pausedAt) return { after: c, moved: false };
  const today = shanghaiDate(clock.now);
  if (today <= c.publicity.endDate) return { after: c, moved: false };
  const at = clock.now.toISOString();
  const steps = c.app.steps.map((s): Step => {
    if (s.id === open.id) return { ...s, status: 'approved', decidedAt: at, comment: '公示期满，无异议' };
    if (s.id === stepId('approval')) return { ...s, status: 'open', openedAt: at, dueDate: addWorkingDays(today, s.workingDays, clock.calendar) };
    return s;
  });
  const app = changed(c.app, clock, { steps }, entry(clock, { action: 'approved', by: 'system', role: 'official', org: null, stepId: open.id, comment: '公示期满，无异议' }));
  return { after: { ...c, app }, moved: true };
}

/** Bumps the version of a change the engine does not know (a visit, an objection). */
function touched(c: HardshipCase, clock: Clock, fields: Partial<HardshipCase>): HardshipCase {
  return { ...c, ...fields, app: { ...c.app, version: c.app.version + 1, updatedAt: clock.now.toISOString() } };
}

export function recordVisit(c: HardshipCase, visit: NonNullable<HardshipCase['visit']>, clock: Clock): HardshipCase {
  if (c.app.status !== 'pending') throw new AppError('HARDSHIP_CASE_NOT_PENDING');
  if (openStepOf(c.app)?.id !== stepId('visit')) throw new AppError('HARDSHIP_STEP_NOT_OPEN', { message: '只有在“入户核查”环节才能录入走访记录' });
  return touched(c, clock, { visit });
}

/** An objection during 公示: recorded, and 公示 pauses until it is resolved. */
/** Objections one account may raise on one case (an objection pauses 公示: no one may hold it up at will). */
export const OBJECTIONS_PER_ACCOUNT = 3;

export function object(c: HardshipCase, objection: Objection, clock: Clock): HardshipCase {
  if (c.objections.filter((o) => o.by === objection.by).length >= OBJECTIONS_PER_ACCOUNT) {
    throw new AppError('TOO_MANY_ATTEMPTS', { message: '您对该公示提出的异议已达上限，请等待帮扶中心核查处理' });
  }
  const open = openStepOf(c.app);
  if (!open || open.id !== stepId('publicity') || !c.publicity) throw new AppError('HARDSHIP_NOT_IN_PUBLICITY');
  const today = shanghaiDate(clock.now);
  if (!c.publicity.pausedAt && (today < c.publicity.startDate || today > c.publicity.endDate)) throw new AppError('HARDSHIP_NOT_IN_PUBLICITY');
  return touched(c, clock, {
    objections: [...c.objections, objection],
    publicity: { ...c.publicity, pausedAt: c.publicity.pausedAt ?? today },
  });
}

/**
 * The 帮扶中心 resolves an objection: upheld ends the case (公示 rejected, 审批 skipped); dismissed
 * resumes 公示 when no other objection is open, its end moved on by the days it was paused.
 */
export function resolveObjection(c: HardshipCase, objectionId: string, outcome: 'upheld' | 'dismissed', comment: string, by: string, clock: Clock): HardshipCase {
  const found = c.objections.find((o) => o.id === objectionId);
  if (!found) throw new AppError('HARDSHIP_OBJECTION_NOT_FOUND');
  if (found.status !== 'open') throw new AppError('HARDSHIP_OBJECTION_DONE');
  const at = clock.now.toISOString();
  const objections = c.objections.map((o) => (o.id === objectionId ? { ...o, status: outcome, resolvedAt: at, resolvedBy: by, comment } : o));
  const today = shanghaiDate(clock.now);
  if (outcome === 'upheld' && c.app.status === 'pending') {
    const steps = c.app.steps.map((s): Step => (s.status === 'open' ? { ...s, status: 'rejected', decidedAt: at, decidedBy: by, comment: `异议成立：${comment}` } : s.status === 'waiting' ? { ...s, status: 'skipped' } : s));
    const app = changed(c.app, clock, { steps, status: 'rejected' }, entry(clock, { action: 'rejected', by, role: 'official', org: null, stepId: stepId('publicity'), comment: `异议成立：${comment}` }));
    return { ...c, app, objections, publicity: c.publicity ? { ...c.publicity, pausedAt: null } : null };
  }
  const stillOpen = objections.some((o) => o.status === 'open');
  let publicity = c.publicity;
  if (publicity?.pausedAt && !stillOpen) {
    const paused = Math.max(0, daysBetween(publicity.pausedAt, today));
    publicity = { ...publicity, endDate: addDays(publicity.endDate, paused), pausedAt: null };
  }
  const app = c.app.status === 'pending' && publicity
    ? { ...c.app, steps: c.app.steps.map((s) => (s.id === stepId('publicity') ? { ...s, dueDate: publicity?.endDate ?? s.dueDate } : s)) }
    : c.app;
  return touched({ ...c, app }, clock, { objections, publicity });
}

export function cancelCase(c: HardshipCase, actor: Actor, clock: Clock): HardshipCase {
  try {
    return { ...c, app: engineCancel(c.app, actor, clock) };
  } catch (err) {
    translate(err);
  }
}

/** In 公示 as written: pending at s4 with its 公示 dates (paused by an objection or not). */
export const isInPublicity = (c: HardshipCase): boolean => c.app.status === 'pending' && c.publicity !== null && openStepOf(c.app)?.id === 's4';

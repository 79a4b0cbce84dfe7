import { log } from '../../kernel/logger';
import type { OrgDirectory } from '../../membership';
import { isOverdue, openStepOf } from '../domain/engine';
import type { Application, OrgOnStep, Step } from '../domain/types';
import { addWorkingDays, shanghaiDate, yearsAround, type WorkCalendar } from '../domain/working-days';
import type { CalendarSource, SatisfactionStore } from './ports';
import { deliverPending, type DeliveryReport, type SenderDeps } from './sender';

/**
 * The scheduler (a `schedule` event in serverless.yml; `npm start` and `npm run schedule:once`
 * locally): reminds the reviewers of a step one working day before its deadline, escalates a step
 * once it is overdue to the officials of the org above the step's, each once per step, then runs the
 * outbox sender. It reads the open steps due by tomorrow from the byDue index: no scan.
 *
 * Overdue means what the member and the officials' queue see (views.ts: engine.isOverdue, open past
 * its due date in China): the scheduler escalates exactly the steps they see flagged, from the first
 * run after the flag appears.
 *
 * The 回访 of a 差评 the same way: reminded to its union a working day before its due date, escalated
 * once overdue (follow-up.ts isFollowUpOverdue, as the views flag it) to the officials of the org
 * above that union, each once per 回访. Every open 回访 has an entry in the satisfaction table under
 * each org of its union's path, root included, sorted by due date: the root's entries due by
 * the next working day are one query per root of the tree (a province has one), no scan and no index of its own.
 */

export type AlertPurpose = 'reminder' | 'escalation';

/** A reminder or escalation to raise for the open step of an application as read. */
export interface Alert {
  app: Application;
  step: Step;
  purpose: AlertPurpose;
  /** Whose officials hear of it: the step's org (reminder), the org above it (escalation). */
  orgId: string;
  at: Date;
}

/**
 * `raised`: the step's mark and the outbox notice were written together; `already`: the step had
 * been reminded/escalated before; `changed`: the application changed since it was read (the step
 * was decided, withdrawn…), nothing written.
 */
export type RaiseOutcome = 'raised' | 'already' | 'changed';

/** A reminder or escalation to raise for the open 回访 of an application as read. */
export interface FollowUpAlert {
  app: Application;
  purpose: AlertPurpose;
  /** Whose officials hear of it: the 回访's union (reminder), the org above it (escalation). */
  orgId: string;
  at: Date;
}

export interface DeadlineStore {
  /** Ids of the applications whose open step is due on or before `date` (byDue, keys only). */
  openStepsDueBy(date: string): Promise<string[]>;
  /** Marks the step and writes the notice, once per step and purpose, only if the step is still open as read. */
  raise(alert: Alert): Promise<RaiseOutcome>;
  /** Which of these applications' 回访 were raised for `purpose` before (their marks, read in batches). */
  followUpsRaised(applicationIds: readonly string[], purpose: AlertPurpose): Promise<Set<string>>;
  /**
   * Marks the 回访 and writes the notice, once per application and purpose, only if the application
   * is still the version read (so its 回访 is still open).
   */
  raiseFollowUp(alert: FollowUpAlert): Promise<RaiseOutcome>;
}

export interface ScheduleDeps extends SenderDeps {
  deadlines: DeadlineStore;
  calendar: Pick<CalendarSource, 'calendar'>;
  /** The roots of the org tree (orgs of kind `province` without a parent). */
  directory: Pick<OrgDirectory, 'listByKind'>;
  satisfaction: Pick<SatisfactionStore, 'openFollowUps' | 'getMany'>;
}

/** How many working days before its deadline a step's reviewers are reminded. */
export const REMINDER_WORKING_DAYS = 1;

/**
 * What an open step needs at `now`: an escalation when it is overdue (engine.isOverdue, as the views
 * flag it), a reminder when its deadline is at most REMINDER_WORKING_DAYS working days away.
 */
export function alertFor(step: Step, now: Date, calendar: WorkCalendar): AlertPurpose | null {
  if (step.status !== 'open' || step.dueDate === null) return null;
  if (isOverdue(step, now)) return 'escalation';
  return step.dueDate <= addWorkingDays(shanghaiDate(now), REMINDER_WORKING_DAYS, calendar) ? 'reminder' : null;
}

/** The org above the step's (the step's own at the root of the tree). */
export function escalationOrgId(step: Step): string {
  return orgAbove(step.org);
}

/** The org above an org on a step or 回访 (itself at the root of the tree). */
export function orgAbove(org: OrgOnStep): string {
  return org.path.at(-2) ?? org.id;
}

/**
 * What an open 回访 due on `dueDate` needs on `today` (dates in China): an escalation once overdue
 * (today past its due date: follow-up.ts isFollowUpOverdue), a reminder when it is due by `horizon`
 * (REMINDER_WORKING_DAYS working days after today).
 */
export function followUpAlertOn(dueDate: string, today: string, horizon: string): AlertPurpose | null {
  if (today > dueDate) return 'escalation';
  return dueDate <= horizon ? 'reminder' : null;
}

/**
 * Open 回访 read per root of the tree and run, latest due first: the ones due soon or overdue since
 * the last run always come in, however many escalated ones stay open behind them.
 */
export const FOLLOW_UPS_PER_RUN = 1000;

export interface ScheduleReport {
  at: string;
  /** The last due date looked at (a working day after today). */
  horizon: string;
  reminded: Array<{ applicationId: string; stepId: string; orgId: string }>;
  escalated: Array<{ applicationId: string; stepId: string; orgId: string }>;
  /** 回访 of 差评 reminded to their union, escalated to the org above it. */
  followUpsReminded: Array<{ applicationId: string; orgId: string }>;
  followUpsEscalated: Array<{ applicationId: string; orgId: string }>;
  /** Steps and 回访 reminded or escalated before, or changed while this run looked at them. */
  unchanged: number;
  errors: number;
  delivery: DeliveryReport;
}

/** One run: reminders and escalations, then the outbox. `stopAt` bounds the sender (the Lambda's time). */
export async function runSchedule(deps: ScheduleDeps, options: { stopAt?: Date } = {}): Promise<ScheduleReport> {
  const now = deps.now();
  const today = shanghaiDate(now);
  const calendar = await deps.calendar.calendar(yearsAround(today));
  const horizon = addWorkingDays(today, REMINDER_WORKING_DAYS, calendar);
  const report: Omit<ScheduleReport, 'delivery'> = {
    at: now.toISOString(),
    horizon,
    reminded: [],
    escalated: [],
    followUpsReminded: [],
    followUpsEscalated: [],
    unchanged: 0,
    errors: 0,
  };

  for (const id of await deps.deadlines.openStepsDueBy(horizon)) {
    try {
      const app = await deps.applications.get(id);
      const step = app ? openStepOf(app) : null;
      const purpose = step ? alertFor(step, now, calendar) : null;
      if (!app || !step || !purpose) continue;
      const orgId = purpose === 'reminder' ? step.org.id : escalationOrgId(step);
      const outcome = await deps.deadlines.raise({ app, step, purpose, orgId, at: now });
      if (outcome !== 'raised') report.unchanged += 1;
      else (purpose === 'reminder' ? report.reminded : report.escalated).push({ applicationId: id, stepId: step.id, orgId });
    } catch (err) {
      report.errors += 1;
      log.error('schedule: application skipped', { applicationId: id, error: err });
    }
  }

  await raiseFollowUps(deps, now, today, horizon, report);

  const delivery = await deliverPending(deps, options);
  const summary = {
    ...report,
    reminded: report.reminded.length,
    escalated: report.escalated.length,
    followUpsReminded: report.followUpsReminded.length,
    followUpsEscalated: report.followUpsEscalated.length,
    delivery,
  };
  const raised = summary.reminded + summary.escalated + summary.followUpsReminded + summary.followUpsEscalated;
  const eventful = raised + summary.errors + delivery.claimed + delivery.errors > 0;
  (eventful ? log.info : log.debug)('schedule run', summary);
  return { ...report, delivery };
}

/**
 * The 回访 part of a run: per root of the tree, its open 回访 due by `horizon` (one query), those
 * not reminded/escalated before (their marks, read in batches), read (a batch read) and raised if
 * still open and due as their entries say.
 */
async function raiseFollowUps(deps: ScheduleDeps, now: Date, today: string, horizon: string, report: Omit<ScheduleReport, 'delivery'>): Promise<void> {
  let roots: string[];
  try {
    roots = (await deps.directory.listByKind('province')).flatMap((org) => (org.parentId === null ? [org.id] : []));
  } catch (err) {
    report.errors += 1;
    log.error('schedule: the roots of the org tree could not be read (回访 skipped)', { error: err });
    return;
  }
  for (const rootId of roots) {
    let apps: Application[];
    const due = new Map<string, AlertPurpose>();
    try {
      const entries = await deps.satisfaction.openFollowUps(rootId, { dueBy: horizon, limit: FOLLOW_UPS_PER_RUN, latestFirst: true });
      if (entries.length === FOLLOW_UPS_PER_RUN) log.warn('schedule: more open 回访 due than one run reads (those due earliest are left out)', { rootId, read: entries.length });
      for (const entry of entries) {
        const purpose = followUpAlertOn(entry.dueDate, today, horizon);
        if (purpose) due.set(entry.applicationId, purpose);
      }
      const raised = new Set<string>();
      for (const purpose of ['reminder', 'escalation'] as const) {
        const ids = [...due].flatMap(([id, p]) => (p === purpose ? [id] : []));
        if (ids.length > 0) for (const id of await deps.deadlines.followUpsRaised(ids, purpose)) raised.add(id);
      }
      report.unchanged += raised.size;
      apps = (await deps.satisfaction.getMany([...due.keys()].filter((id) => !raised.has(id)))).filter(
        (app) => app.followUp?.status === 'open' && followUpAlertOn(app.followUp.dueDate, today, horizon) === due.get(app.id),
      );
    } catch (err) {
      report.errors += 1;
      log.error('schedule: open 回访 skipped', { rootId, error: err });
      continue;
    }
    for (const app of apps) {
      try {
        const followUp = app.followUp as NonNullable<Application['followUp']>;
        const purpose = due.get(app.id) as AlertPurpose;
        const orgId = purpose === 'reminder' ? followUp.org.id : orgAbove(followUp.org);
        const outcome = await deps.deadlines.raiseFollowUp({ app, purpose, orgId, at: now });
        if (outcome !== 'raised') report.unchanged += 1;
        else (purpose === 'reminder' ? report.followUpsReminded : report.followUpsEscalated).push({ applicationId: app.id, orgId });
      } catch (err) {
        report.errors += 1;
        log.error('schedule: 回访 skipped', { applicationId: app.id, error: err });
      }
    }
  }
}

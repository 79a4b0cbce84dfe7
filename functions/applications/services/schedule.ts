import { log } from '../../kernel/logger';
import { isOverdue, openStepOf } from '../domain/engine';
import type { Application, Step } from '../domain/types';
import { addWorkingDays, shanghaiDate, yearsAround, type WorkCalendar } from '../domain/working-days';
import type { CalendarSource } from './ports';
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

export interface DeadlineStore {
  /** Ids of the applications whose open step is due on or before `date` (byDue, keys only). */
  openStepsDueBy(date: string): Promise<string[]>;
  /** Marks the step and writes the notice, once per step and purpose, only if the step is still open as read. */
  raise(alert: Alert): Promise<RaiseOutcome>;
}

export interface ScheduleDeps extends SenderDeps {
  deadlines: DeadlineStore;
  calendar: Pick<CalendarSource, 'calendar'>;
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
  return step.org.path.at(-2) ?? step.org.id;
}

export interface ScheduleReport {
  at: string;
  /** The last due date looked at (a working day after today). */
  horizon: string;
  reminded: Array<{ applicationId: string; stepId: string; orgId: string }>;
  escalated: Array<{ applicationId: string; stepId: string; orgId: string }>;
  /** Steps reminded or escalated before, or changed while this run looked at them. */
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
  const report: Omit<ScheduleReport, 'delivery'> = { at: now.toISOString(), horizon, reminded: [], escalated: [], unchanged: 0, errors: 0 };

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

  const delivery = await deliverPending(deps, options);
  const summary = { ...report, reminded: report.reminded.length, escalated: report.escalated.length, delivery };
  const eventful = summary.reminded + summary.escalated + summary.errors + delivery.claimed + delivery.errors > 0;
  (eventful ? log.info : log.debug)('schedule run', summary);
  return { ...report, delivery };
}

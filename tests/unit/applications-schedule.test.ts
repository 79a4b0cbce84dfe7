import { describe, expect, it, vi } from 'vitest';
import { newApplication, type Clock } from '../../functions/applications/domain/engine';
import type { Application, OrgOnStep, Step } from '../../functions/applications/domain/types';
import { buildCalendar, type CalendarYear } from '../../functions/applications/domain/working-days';
import { alertFor, escalationOrgId, runSchedule, type Alert, type RaiseOutcome, type ScheduleDeps } from '../../functions/applications/services/schedule';
import { summaryView } from '../../functions/applications/services/views';

/**
 * The scheduler's rules over plain values and fakes: when a step is reminded or escalated (working
 * days, holidays, swapped working days), that "overdue" is exactly what the views flag, whose
 * officials hear of it, and one run over fakes.
 */

/** 2026 as announced: 国庆 1–8 October off, Saturday 10 October a working day. */
const YEAR_2026: CalendarYear = {
  year: 2026,
  status: 'official',
  source: 'test',
  holidays: [{ name: '国庆节、中秋节', from: '2026-10-01', to: '2026-10-08' }],
  workdays: [{ name: '国庆节、中秋节', date: '2026-10-10' }],
};
const calendar = buildCalendar([YEAR_2026]);

const org = (id: string, path: string[]): OrgOnStep => ({ id, name: `${id}工会`, path: [...path, id] });
const bus = org('bus', ['hn', 'hk']);
const hotel = org('hotel', ['hn', 'sy']);

function filedAt(iso: string, id = '01SCHEDULE0000000000000000'): Application {
  const clock: Clock = { now: new Date(iso), calendar };
  return newApplication(
    {
      id,
      kind: 'transfer',
      applicant: { openid: 'o-applicant', memberId: 'm1', name: '林晓燕' },
      form: { kind: 'transfer', fromOrgId: bus.id, toOrgId: hotel.id, reason: '调动' },
      orgs: [bus, hotel],
      previousId: null,
    },
    clock,
  );
}
const stepOf = (app: Application) => app.steps[0] as Step;
const china = (local: string) => new Date(`${local}+08:00`);

describe('when a step is reminded or escalated', () => {
  it('reminds on the working day before the deadline, across weekends and holidays', () => {
    // Filed Friday 25 September: Mon 28, Tue 29, Wed 30, (1–8 October off), Fri 9, Sat 10 (working) → due 10 October.
    const step = stepOf(filedAt('2026-09-25T10:00:00+08:00'));
    expect(step.dueDate).toBe('2026-10-10');
    const at = (local: string) => alertFor(step, china(local), calendar);
    expect(at('2026-09-30T10:00:00')).toBeNull(); // next working day: 9 October
    expect(at('2026-10-05T10:00:00')).toBeNull(); // in the holiday, the next working day is 9 October
    expect(at('2026-10-08T23:59:00')).toBeNull();
    expect(at('2026-10-09T00:00:00')).toBe('reminder'); // 9 October: the working day before
    expect(at('2026-10-10T18:00:00')).toBe('reminder'); // the due date itself (a run missed the day before)
    expect(at('2026-10-10T23:59:59')).toBe('reminder');
    expect(at('2026-10-11T00:00:00')).toBe('escalation');
    // Due on a Monday: reminded from the Friday before.
    const monday = stepOf(filedAt('2026-05-11T10:00:00+08:00'));
    expect(monday.dueDate).toBe('2026-05-18');
    expect(alertFor(monday, china('2026-05-14T10:00:00'), calendar)).toBeNull();
    expect(alertFor(monday, china('2026-05-15T10:00:00'), calendar)).toBe('reminder');
    expect(alertFor(monday, china('2026-05-16T10:00:00'), calendar)).toBe('reminder');
  });

  it('escalates exactly when the member and the officials’ queue see the step overdue', () => {
    const app = filedAt('2026-09-25T10:00:00+08:00');
    const start = china('2026-10-08T00:00:00').getTime();
    for (let hour = 0; hour < 24 * 6; hour += 1) {
      const now = new Date(start + hour * 3_600_000);
      const flagged = summaryView(app, now).currentStep?.overdue;
      expect(alertFor(stepOf(app), now, calendar) === 'escalation', now.toISOString()).toBe(flagged);
    }
  });

  it('leaves closed and waiting steps alone', () => {
    const app = filedAt('2026-05-11T10:00:00+08:00');
    const late = china('2027-01-01T10:00:00');
    expect(alertFor({ ...stepOf(app), status: 'approved' }, late, calendar)).toBeNull();
    expect(alertFor(app.steps[1] as Step, late, calendar)).toBeNull();
  });

  it('escalates to the org above the step’s, or to the step’s own at the root', () => {
    expect(escalationOrgId(stepOf(filedAt('2026-05-11T10:00:00+08:00')))).toBe('hk');
    expect(escalationOrgId({ ...stepOf(filedAt('2026-05-11T10:00:00+08:00')), org: org('hn', []) })).toBe('hn');
  });
});

describe('a run over fakes', () => {
  it('raises what is due, counts what was raised before, survives a broken application, then runs the sender', async () => {
    const overdue = filedAt('2026-05-04T10:00:00+08:00', '01OVERDUE00000000000000000'); // due 11 May
    const dueTomorrow = filedAt('2026-05-08T10:00:00+08:00', '01TOMORROW0000000000000000'); // due 15 May
    const reminded = filedAt('2026-05-08T10:00:00+08:00', '01REMINDED0000000000000000');
    const apps = new Map([overdue, dueTomorrow, reminded].map((a) => [a.id, a]));
    const raised: Alert[] = [];
    const outcomes: Record<string, RaiseOutcome> = { [reminded.id]: 'already' };
    const deliverable = vi.fn(async () => []);
    const deps = {
      applications: {
        get: async (id: string) => {
          if (id === '01BROKEN') throw new Error('read failed');
          return apps.get(id) ?? null;
        },
      },
      calendar: { calendar: async () => calendar },
      deadlines: {
        openStepsDueBy: async (date: string) => (date === '2026-05-15' ? [overdue.id, '01BROKEN', dueTomorrow.id, reminded.id, '01GONE'] : []),
        raise: async (alert: Alert) => {
          raised.push(alert);
          return outcomes[alert.app.id] ?? 'raised';
        },
      },
      outbox: { deliverable },
      now: () => china('2026-05-14T09:00:00'),
    } as unknown as ScheduleDeps;
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);

    const report = await runSchedule(deps);
    expect(report).toMatchObject({
      horizon: '2026-05-15',
      reminded: [{ applicationId: dueTomorrow.id, stepId: 's1', orgId: 'bus' }],
      escalated: [{ applicationId: overdue.id, stepId: 's1', orgId: 'hk' }],
      unchanged: 1,
      errors: 1,
    });
    expect(raised.map((a) => [a.app.id, a.purpose, a.orgId, a.at.toISOString()])).toEqual([
      [overdue.id, 'escalation', 'hk', '2026-05-14T01:00:00.000Z'],
      [dueTomorrow.id, 'reminder', 'bus', '2026-05-14T01:00:00.000Z'],
      [reminded.id, 'reminder', 'bus', '2026-05-14T01:00:00.000Z'],
    ]);
    expect(deliverable).toHaveBeenCalledOnce();
    vi.restoreAllMocks();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { newApplication, type Clock } from '../../functions/applications/domain/engine';
import type { Application, OrgOnStep, Step } from '../../functions/applications/domain/types';
import { buildCalendar, type CalendarYear } from '../../functions/applications/domain/working-days';
import { isFollowUpOverdue } from '../../functions/applications/domain/follow-up';
import {
  alertFor,
  escalationOrgId,
  FOLLOW_UPS_PER_RUN,
  followUpAlertOn,
  runSchedule,
  type Alert,
  type AlertPurpose,
  type FollowUpAlert,
  type RaiseOutcome,
  type ScheduleDeps,
} from '../../functions/applications/services/schedule';
import { messageFor, recipientsOf, type OutboxNotice } from '../../functions/applications/services/sender';
import { summaryView } from '../../functions/applications/services/views';
import type { Org } from '../../functions/membership';

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
      directory: { listByKind: async () => [] },
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

/** A closed transfer rated 非常不满意: its 回访 at 鹿岭酒店 (above it 三亚), due on `dueDate`. */
function badlyRated(id: string, dueDate: string, status: 'open' | 'done' = 'open'): Application {
  const app = filedAt('2026-04-01T10:00:00+08:00', id);
  return {
    ...app,
    status: 'approved',
    version: 4,
    followUp: {
      org: hotel,
      status,
      openedAt: '2026-04-10T02:00:00.000Z',
      dueDate,
      note: status === 'done' ? '已回访' : null,
      doneAt: null,
      doneBy: null,
      doneAs: null,
      doneByOrg: null,
      onTime: null,
    },
  };
}

describe('the 回访 of a 差评', () => {
  it('is reminded when due by the horizon and escalated exactly when the views flag it overdue', () => {
    const today = (local: string) => local.slice(0, 10);
    const followUp = badlyRated('01FU', '2026-10-10').followUp as NonNullable<Application['followUp']>;
    const start = china('2026-10-08T00:00:00').getTime();
    for (let hour = 0; hour < 24 * 5; hour += 1) {
      const now = new Date(start + hour * 3_600_000);
      const local = new Date(now.getTime() + 8 * 3_600_000).toISOString();
      const purpose = followUpAlertOn(followUp.dueDate, today(local), '2026-10-10');
      expect(purpose === 'escalation', local).toBe(isFollowUpOverdue(followUp, now));
    }
    expect(followUpAlertOn('2026-10-10', '2026-10-08', '2026-10-09')).toBeNull();
    expect(followUpAlertOn('2026-10-10', '2026-10-09', '2026-10-10')).toBe('reminder');
    expect(followUpAlertOn('2026-10-10', '2026-10-10', '2026-10-12')).toBe('reminder');
    expect(followUpAlertOn('2026-10-10', '2026-10-11', '2026-10-12')).toBe('escalation');
  });

  it('a run: reads the root’s open 回访 due by the horizon, skips those raised before or recorded since, raises the rest', async () => {
    const overdue = badlyRated('01FU-OVERDUE', '2026-05-13');
    const overdueBefore = badlyRated('01FU-ESCALATED', '2026-05-06');
    const dueTomorrow = badlyRated('01FU-TOMORROW', '2026-05-15');
    const recorded = badlyRated('01FU-RECORDED', '2026-05-12', 'done');
    const changed = badlyRated('01FU-CHANGED', '2026-05-11');
    const apps = new Map([overdue, overdueBefore, dueTomorrow, recorded, changed].map((a) => [a.id, a]));
    const root: Org = { id: 'hn', name: '省总工会', parentId: null, kind: 'province', regionCode: null, workUnit: null, path: ['hn'] };
    const queried: unknown[] = [];
    const raised: FollowUpAlert[] = [];
    const asked: Array<[string[], AlertPurpose]> = [];
    const deps = {
      applications: { get: async () => null },
      calendar: { calendar: async () => calendar },
      deadlines: {
        openStepsDueBy: async () => [],
        followUpsRaised: async (ids: readonly string[], purpose: AlertPurpose) => {
          asked.push([[...ids], purpose]);
          return new Set(ids.filter((id) => id === overdueBefore.id));
        },
        raiseFollowUp: async (alert: FollowUpAlert) => {
          raised.push(alert);
          return alert.app.id === changed.id ? 'changed' : 'raised';
        },
      },
      directory: { listByKind: async (kind: string) => (kind === 'province' ? [root, { ...root, id: 'not-a-root', parentId: 'hn' }] : []) },
      satisfaction: {
        openFollowUps: async (orgId: string, options: unknown) => {
          queried.push([orgId, options]);
          return [dueTomorrow, overdue, recorded, changed, overdueBefore, { id: '01FU-GONE', followUp: { dueDate: '2026-05-01' } }].map((a) => ({
            applicationId: a.id,
            dueDate: a.followUp?.dueDate as string,
          }));
        },
        getMany: async (ids: readonly string[]) => ids.flatMap((id) => apps.get(id) ?? []),
      },
      outbox: { deliverable: async () => [], oldestUndeliveredAt: async () => null },
      now: () => china('2026-05-14T09:00:00'),
    } as unknown as ScheduleDeps;
    vi.spyOn(console, 'log').mockImplementation(() => undefined);

    const report = await runSchedule(deps);
    expect(queried).toEqual([['hn', { dueBy: '2026-05-15', limit: FOLLOW_UPS_PER_RUN, latestFirst: true }]]);
    expect(asked).toEqual([
      [[dueTomorrow.id], 'reminder'],
      [[overdue.id, recorded.id, changed.id, overdueBefore.id, '01FU-GONE'], 'escalation'],
    ]);
    expect(raised.map((a) => [a.app.id, a.purpose, a.orgId, a.at.toISOString()])).toEqual([
      [dueTomorrow.id, 'reminder', 'hotel', '2026-05-14T01:00:00.000Z'],
      [overdue.id, 'escalation', 'sy', '2026-05-14T01:00:00.000Z'],
      [changed.id, 'escalation', 'sy', '2026-05-14T01:00:00.000Z'],
    ]);
    expect(report).toMatchObject({
      followUpsReminded: [{ applicationId: dueTomorrow.id, orgId: 'hotel' }],
      followUpsEscalated: [{ applicationId: overdue.id, orgId: 'sy' }],
      unchanged: 2, // raised before, changed meanwhile
      errors: 0,
    });
    vi.restoreAllMocks();
  });

  it('its notices: a reminder to the 回访’s union (todo), an escalation to the officials above it (overdue)', async () => {
    const app = badlyRated('01FU-NOTICE', '2026-05-13');
    const notice = (action: OutboxNotice['action'], reviewerOrgId: string): OutboxNotice => ({
      applicationId: app.id,
      version: 4.4,
      kind: 'transfer',
      status: 'approved',
      action,
      stepId: null,
      applicantOpenid: 'o-applicant',
      reviewerOrgId,
      at: '2026-05-14T01:00:00.000Z',
    });
    const officials = { officialsOf: async (orgId: string) => ({ hotel: ['o-hotel-1'], sy: ['o-sy-1', 'o-applicant'] })[orgId] ?? [] };
    const reminded = notice('follow-up-reminded', 'hotel');
    const escalated = notice('follow-up-escalated', 'sy');
    expect((await recipientsOf(reminded, officials)).map((r) => r.key)).toEqual(['todo:o-hotel-1']);
    // The applicant hears nothing of either, even as an official above.
    expect((await recipientsOf(escalated, officials)).map((r) => r.key)).toEqual(['overdue:o-sy-1']);
    expect(messageFor(reminded, app, { key: 'k', openid: 'o-hotel-1', template: 'todo' }).data).toEqual({
      thing1: '会员关系转接差评回访',
      thing2: '林晓燕',
      time3: '2026-05-13',
      thing4: '回访即将到期，请及时回访',
    });
    expect(messageFor(escalated, app, { key: 'k', openid: 'o-sy-1', template: 'overdue' })).toEqual({
      touser: 'o-sy-1',
      template: 'overdue',
      page: `staff/application/index?id=${app.id}`,
      data: { thing1: '会员关系转接回访超期', thing2: 'hotel工会', time3: '2026-05-13', thing4: '差评回访已超期，请督促办理' },
    });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { applicationKeys } from '../../../functions/applications/data/keys';
import { buildCalendar, type CalendarYear } from '../../../functions/applications/domain/working-days';
import type { CalendarSource } from '../../../functions/applications/services/ports';
import type { OutgoingMessage } from '../../../functions/applications/services/sender';
import { at, boundMember } from './world';
import { outboxWorld, recordingMessenger, runDeps, type OutboxWorld } from './outbox-world';

/**
 * The scheduler on DynamoDB Local (tables of this file's own, see outbox-world.ts): a reminder to
 * the step's union one working day before its deadline (holidays and swapped working days counted),
 * once; an escalation of an overdue step to the officials of the org above it, once however many
 * runs (also side by side), exactly when the member and the officials' queue see it overdue; a step
 * decided, withdrawn or changed meanwhile is left alone.
 *
 * Each test works in an earlier year than the one before, so that a run never reaches the steps
 * an earlier test left open (their deadlines lie beyond its horizon).
 */
let w: OutboxWorld;

/** 2013 as the State Council announced it: 清明 4–6 April off, Sunday 7 April a working day. */
const YEAR_2013: CalendarYear = {
  year: 2013,
  status: 'official',
  source: '国办发明电〔2012〕35号',
  holidays: [{ name: '清明节', from: '2013-04-04', to: '2013-04-06' }],
  workdays: [{ name: '清明节', date: '2013-04-07' }],
};
const calendar: CalendarSource = { calendar: async () => buildCalendar([YEAR_2013]), putYear: async () => undefined };

beforeAll(async () => {
  w = await outboxWorld('schedule');
}, 60_000);

/** Deps of the application use cases at `iso`, on this file's calendar. */
const useCasesAt = (iso: string) => ({ ...at(w.deps, iso), calendar });

async function fileTransfer(iso: string, from: 'bus' | 'food' = 'bus', to: 'hotel' | 'food' | 'bus' = 'hotel') {
  const m = await boundMember(w, w.unions[from].id);
  const filed = await w.uc.submitApplication(useCasesAt(iso), m.openid, { kind: 'transfer', form: { toOrgId: w.unions[to].id, reason: '工作调动' } });
  return { id: filed.response.application.id, applicant: m.openid, dueDate: filed.response.application.steps[0]?.dueDate };
}

/** One scheduler run at `iso` (China time written with +08:00), with its own recorder. */
async function runAt(iso: string) {
  const recorder = recordingMessenger();
  const report = await w.schedule.runSchedule({ ...runDeps(w, () => new Date(iso), recorder.messenger), calendar });
  return { report, sent: recorder.sent };
}

const about = (id: string) => (m: OutgoingMessage) => m.page.endsWith(`id=${id}`);
const alertsOf = (report: Awaited<ReturnType<typeof runAt>>['report'], id: string) => ({
  reminded: report.reminded.filter((r) => r.applicationId === id).map((r) => [r.stepId, r.orgId]),
  escalated: report.escalated.filter((r) => r.applicationId === id).map((r) => [r.stepId, r.orgId]),
});

describe('reminders', () => {
  it('remind the step’s union once, on the working day before its deadline (清明 2013: holiday and swapped Sunday counted)', async () => {
    const t = await fileTransfer('2013-04-01T10:00:00+08:00');
    // Tue 2, Wed 3, (4–6 off), Sun 7 (working), Mon 8, Tue 9: five working days.
    expect(t.dueDate).toBe('2013-04-09');

    for (const quiet of ['2013-04-03T10:00:00+08:00', '2013-04-04T10:00:00+08:00', '2013-04-06T10:00:00+08:00', '2013-04-07T10:00:00+08:00']) {
      const { report, sent } = await runAt(quiet);
      expect(alertsOf(report, t.id), quiet).toEqual({ reminded: [], escalated: [] });
      expect(sent.filter(about(t.id)).map((m) => m.data.thing4), quiet).not.toContain('即将到期，请及时办理');
    }

    const monday = await runAt('2013-04-08T09:00:00+08:00');
    expect(alertsOf(monday.report, t.id)).toEqual({ reminded: [['s1', w.unions.bus.id]], escalated: [] });
    const reminders = monday.sent.filter(about(t.id)).filter((m) => m.data.thing4 === '即将到期，请及时办理');
    expect(reminders.map((m) => m.touser).sort()).toEqual([w.officials.bus, w.busDeputy].sort());
    expect(reminders[0]).toMatchObject({
      template: 'todo',
      page: `staff/application/index?id=${t.id}`,
      data: { thing1: '会员关系转接待审核', thing2: '林小海', time3: '2013-04-09' },
    });

    for (const again of ['2013-04-08T09:15:00+08:00', '2013-04-08T18:00:00+08:00', '2013-04-09T10:00:00+08:00']) {
      const { report, sent } = await runAt(again);
      expect(alertsOf(report, t.id), again).toEqual({ reminded: [], escalated: [] });
      expect(sent.filter(about(t.id)), again).toEqual([]);
    }
    expect((await w.deps.applications.notices(t.id)).map((n) => [n.version, n.action, n.stepId, n.reviewerOrgId])).toEqual([
      [1, 'submitted', 's1', w.unions.bus.id],
      [1.1, 'reminded', 's1', w.unions.bus.id],
    ]);
  });
});

describe('escalation', () => {
  it('escalates an overdue step once, to the officials of the org above it, exactly when the member and the queue see it overdue', async () => {
    const t = await fileTransfer('2012-03-05T10:00:00+08:00'); // Monday; 2012 counts weekends only here
    expect(t.dueDate).toBe('2012-03-12');
    const view = async (iso: string) => (await w.uc.getApplication(useCasesAt(iso), t.applicant, t.id)).application;
    const queue = async (iso: string) => (await w.uc.listQueue(useCasesAt(iso), w.officials.haikou, {})).items.find((a) => a.id === t.id);

    // The last minutes of the due date: on time for everybody, nothing escalated.
    const lastMinute = '2012-03-12T23:59:00+08:00';
    expect((await view(lastMinute)).overdue).toBe(false);
    expect(alertsOf((await runAt(lastMinute)).report, t.id).escalated).toEqual([]);

    // Past midnight: overdue in the member's view and the queue, and escalated by the next run.
    const overdue = '2012-03-13T00:15:00+08:00';
    expect(await view(overdue)).toMatchObject({ overdue: true, steps: [{ id: 's1', overdue: true }, { id: 's2', overdue: false }] });
    expect((await queue(overdue))?.currentStep).toMatchObject({ id: 's1', overdue: true });
    const first = await runAt(overdue);
    expect(alertsOf(first.report, t.id)).toEqual({ reminded: [], escalated: [['s1', w.haikou.id]] });
    expect(first.sent.filter(about(t.id))).toEqual([
      {
        touser: w.officials.haikou,
        template: 'overdue',
        page: `staff/application/index?id=${t.id}`,
        // WeChat takes at most 20 characters of a `thing`: the test org's long name is cut.
        data: { thing1: '会员关系转接审核超期', thing2: `${Array.from(w.unions.bus.name).slice(0, 19).join('')}…`, time3: '2012-03-12', thing4: '已超过办理期限，请督促办理' },
      },
    ]);
    expect(await w.deadlineStore.openStepsDueBy('2012-03-13')).toContain(t.id);

    // Later runs, two of them side by side, escalate nothing more.
    const runs = [await runAt('2012-03-13T00:30:00+08:00'), ...(await Promise.all([runAt('2012-03-13T09:00:00+08:00'), runAt('2012-03-13T09:00:00+08:00')]))];
    for (const run of runs) {
      expect(alertsOf(run.report, t.id)).toEqual({ reminded: [], escalated: [] });
      expect(run.sent.filter(about(t.id))).toEqual([]);
    }
    const notices = await w.deps.applications.notices(t.id);
    expect(notices.filter((n) => n.action === ('escalated' as never)).map((n) => [n.version, n.stepId, n.reviewerOrgId])).toEqual([[1.2, 's1', w.haikou.id]]);

    // Decided late: step 2 opens with its own deadline, its own reminder and escalation (to 三亚).
    await w.uc.decideApplication(useCasesAt('2012-03-13T10:00:00+08:00'), w.officials.bus, t.id, { step: 's1', decision: 'approve', comment: '' });
    const opened = await view('2012-03-13T10:05:00+08:00');
    expect(opened).toMatchObject({ overdue: false, currentStepId: 's2', steps: [{ status: 'approved', overdue: false }, { dueDate: '2012-03-20' }] });
    expect(alertsOf((await runAt('2012-03-13T10:10:00+08:00')).report, t.id)).toEqual({ reminded: [], escalated: [] });
    expect(alertsOf((await runAt('2012-03-19T10:00:00+08:00')).report, t.id)).toEqual({ reminded: [['s2', w.unions.hotel.id]], escalated: [] });
    const second = await runAt('2012-03-21T10:00:00+08:00');
    expect(alertsOf(second.report, t.id)).toEqual({ reminded: [], escalated: [['s2', w.sanya.id]] });
    expect(second.sent.filter(about(t.id)).map((m) => [m.template, m.touser])).toEqual([['overdue', w.officials.sanya]]);
    expect(alertsOf((await runAt('2012-03-22T10:00:00+08:00')).report, t.id)).toEqual({ reminded: [], escalated: [] });
  });
});

describe('steps that moved on', () => {
  it('leaves alone a withdrawn application and a step changed since the run read it', async () => {
    const withdrawn = await fileTransfer('2011-03-07T10:00:00+08:00');
    await w.uc.cancelApplication(useCasesAt('2011-03-08T10:00:00+08:00'), withdrawn.applicant, withdrawn.id);
    const open = await fileTransfer('2011-03-07T10:00:00+08:00', 'food', 'bus');
    expect(await w.deadlineStore.openStepsDueBy('2011-03-31')).not.toContain(withdrawn.id);

    // The run read `open` at version 1; meanwhile its first step is decided: nothing is written.
    const stale = await w.deps.applications.get(open.id);
    const step = stale?.steps[0];
    await w.uc.decideApplication(useCasesAt('2011-03-09T10:00:00+08:00'), w.officials.food, open.id, { step: 's1', decision: 'approve', comment: '' });
    if (!stale || !step) throw new Error('application not found');
    const outcome = await w.deadlineStore.raise({ app: stale, step, purpose: 'escalation', orgId: w.haikou.id, at: new Date('2011-03-20T02:00:00Z') });
    expect(outcome).toBe('changed');
    const { GuardModel } = await import('../../../functions/kernel/data/guard-model');
    expect(await GuardModel.get({ key: applicationKeys.escalated(open.id, 's1') }, { consistent: true })).toBeUndefined();
    expect((await w.deps.applications.notices(open.id)).map((n) => n.action)).toEqual(['submitted', 'approved']);

    const run = await runAt('2011-03-21T10:00:00+08:00');
    expect(alertsOf(run.report, withdrawn.id)).toEqual({ reminded: [], escalated: [] });
    // Step 2 of `open` (at 椰城公交, opened 9 March, due 16 March) is what is overdue now.
    expect(alertsOf(run.report, open.id)).toEqual({ reminded: [], escalated: [['s2', w.haikou.id]] });
  });
});

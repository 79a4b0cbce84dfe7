import { beforeAll, describe, expect, it } from 'vitest';
import { applicationKeys } from '../../../functions/applications/data/keys';
import type { SatisfactionDeps } from '../../../functions/applications/services/ports';
import type { OutgoingMessage } from '../../../functions/applications/services/sender';
import type { OfficialStore } from '../../../functions/membership';
import { account, at, boundMember } from './world';
import { outboxWorld, recordingMessenger, runDeps, type OutboxWorld } from './outbox-world';

/**
 * The 回访 of a 差评 in the scheduler, on DynamoDB Local (tables of this file's own, see
 * outbox-world.ts): reminded to the 回访's union a working day before its due date, escalated once
 * overdue — exactly when the views flag it — to the officials of the org above that union, found
 * through membership's officials index (officialStore.officialsOf, not a fixed list), once however
 * many runs (also side by side); a 回访 recorded in time is neither; one recorded while the run looked
 * at it is left alone.
 *
 * The years before 2025 have no holiday data here: weekends only. Each test works in an earlier
 * year than the one before, so that a run never reaches what an earlier test left open.
 */
let w: OutboxWorld;
let officials: OfficialStore;
let sanyaDeputy: string;
let uc: typeof import('../../../functions/applications/services/ratings') & typeof import('../../../functions/applications/services/follow-up');

beforeAll(async () => {
  w = await outboxWorld('followups');
  ({ officialStore: officials } = await import('../../../functions/membership'));
  // A second official of 三亚, written like every role: through accounts.createIfAbsent (the seed's path).
  sanyaDeputy = await account(w, 'off-sy2', [{ type: 'official', orgId: w.sanya.id }]);
  const [ratings, followUp] = await Promise.all([
    import('../../../functions/applications/services/ratings'),
    import('../../../functions/applications/services/follow-up'),
  ]);
  uc = { ...ratings, ...followUp };
}, 60_000);

const when = (iso: string): SatisfactionDeps => ({ ...at(w.deps, iso), satisfaction: w.satisfactionStore as SatisfactionDeps['satisfaction'] });

/** A transfer 椰城公交 → 鹿岭酒店 filed, approved and accepted at `iso`, then rated 非常不满意: a 回访 for the hotel union. */
async function badlyRated(iso: string) {
  const d = when(iso);
  const m = await boundMember(w, w.unions.bus.id);
  const id = (await w.uc.submitApplication(d, m.openid, { kind: 'transfer', form: { toOrgId: w.unions.hotel.id, reason: '工作调动' } })).response.application.id;
  await w.uc.decideApplication(d, w.officials.bus, id, { step: 's1', decision: 'approve' });
  await w.uc.decideApplication(d, w.officials.hotel, id, { step: 's2', decision: 'approve' });
  const rated = await uc.rateApplication(d, m.openid, id, { level: 1, comment: '等了很久' });
  await drain(iso);
  return { id, applicant: m.openid, dueDate: rated.application.followUp?.dueDate };
}

/** Delivers (and drops) the notices of the changes so far, so that a run's messages are its own alerts'. */
async function drain(iso: string) {
  await w.sender.deliverPending(runDeps(w, () => new Date(iso), recordingMessenger().messenger));
}

/** One scheduler run at `iso`, the officials found through membership's index. */
async function runAt(iso: string) {
  const recorder = recordingMessenger();
  const report = await w.schedule.runSchedule({ ...runDeps(w, () => new Date(iso), recorder.messenger), officials });
  return { report, sent: recorder.sent };
}

const about = (id: string) => (m: OutgoingMessage) => m.page.endsWith(`id=${id}`);
const alertsOf = (report: Awaited<ReturnType<typeof runAt>>['report'], id: string) => ({
  reminded: report.followUpsReminded.filter((r) => r.applicationId === id).map((r) => r.orgId),
  escalated: report.followUpsEscalated.filter((r) => r.applicationId === id).map((r) => r.orgId),
});
const scheduledNotices = async (id: string) =>
  (await w.deps.applications.notices(id)).filter((n) => String(n.action).startsWith('follow-up-')).map((n) => [n.version, n.action, n.reviewerOrgId]);

describe('an overdue 回访', () => {
  it('is reminded to its union the working day before, and escalated once to the officials of the org above it when the views flag it', async () => {
    const t = await badlyRated('2014-03-03T10:00:00+08:00'); // Monday
    expect(t.dueDate).toBe('2014-03-24'); // 15 working days: three weeks later
    expect(await officials.officialsOf(w.sanya.id)).toEqual(expect.arrayContaining([w.officials.sanya, sanyaDeputy]));

    const thursday = await runAt('2014-03-20T10:00:00+08:00');
    expect(alertsOf(thursday.report, t.id)).toEqual({ reminded: [], escalated: [] });
    expect(thursday.sent.filter(about(t.id))).toEqual([]);

    // Friday: the next working day is the due date.
    const friday = await runAt('2014-03-21T09:00:00+08:00');
    expect(alertsOf(friday.report, t.id)).toEqual({ reminded: [w.unions.hotel.id], escalated: [] });
    expect(friday.sent.filter(about(t.id))).toEqual([
      {
        touser: w.officials.hotel,
        template: 'todo',
        page: `staff/application/index?id=${t.id}`,
        data: { thing1: '会员关系转接差评回访', thing2: '林小海', time3: '2014-03-24', thing4: '回访即将到期，请及时回访' },
      },
    ]);

    // The last minute of the due date: open, not overdue, nothing more.
    const lastMinute = '2014-03-24T23:59:00+08:00';
    expect((await w.uc.getApplication(at(w.deps, lastMinute), t.applicant, t.id)).application.followUp?.overdue).toBe(false);
    const due = await runAt(lastMinute);
    expect(alertsOf(due.report, t.id)).toEqual({ reminded: [], escalated: [] });
    expect(due.sent.filter(about(t.id))).toEqual([]);

    // Past midnight: overdue in the view, escalated to 三亚 (above 鹿岭酒店) — both its officials.
    const overdue = '2014-03-25T00:15:00+08:00';
    expect((await w.uc.getApplication(at(w.deps, overdue), t.applicant, t.id)).application.followUp?.overdue).toBe(true);
    const first = await runAt(overdue);
    expect(alertsOf(first.report, t.id)).toEqual({ reminded: [], escalated: [w.sanya.id] });
    const escalations = first.sent.filter(about(t.id));
    expect(escalations.map((m) => m.touser).sort()).toEqual([w.officials.sanya, sanyaDeputy].sort());
    expect(escalations[0]).toMatchObject({
      template: 'overdue',
      page: `staff/application/index?id=${t.id}`,
      data: { thing1: '会员关系转接回访超期', thing2: `${Array.from(w.unions.hotel.name).slice(0, 19).join('')}…`, time3: '2014-03-24', thing4: '差评回访已超期，请督促办理' },
    });

    // Later runs, two of them side by side, escalate nothing more.
    const runs = [await runAt('2014-03-25T00:30:00+08:00'), ...(await Promise.all([runAt('2014-03-26T09:00:00+08:00'), runAt('2014-03-26T09:00:00+08:00')]))];
    for (const run of runs) {
      expect(alertsOf(run.report, t.id)).toEqual({ reminded: [], escalated: [] });
      expect(run.sent.filter(about(t.id))).toEqual([]);
    }
    const version = (await w.deps.applications.get(t.id))?.version as number;
    expect(await scheduledNotices(t.id)).toEqual([
      [applicationKeys.followUpNoticeVersion(version, 'reminder'), 'follow-up-reminded', w.unions.hotel.id],
      [applicationKeys.followUpNoticeVersion(version, 'escalation'), 'follow-up-escalated', w.sanya.id],
    ]);
    const queued = await uc.listOfficialQueue(when('2014-03-26T09:00:00+08:00'), w.officials.sanya, { followUp: 'open' });
    expect(queued.items.find((a) => a.id === t.id)).toBeDefined();
  });

  it('is not reminded nor escalated once recorded; one recorded while the run looked at it is left alone', async () => {
    const recorded = await badlyRated('2013-03-04T10:00:00+08:00');
    const raced = await badlyRated('2013-03-04T10:00:00+08:00');
    expect([recorded.dueDate, raced.dueDate]).toEqual(['2013-03-25', '2013-03-25']);
    await uc.followUpApplication(when('2013-03-20T10:00:00+08:00'), w.officials.hotel, recorded.id, '已电话回访，说明了办理依据');
    await drain('2013-03-20T10:00:00+08:00');

    // The run read `raced` with its 回访 open; meanwhile 三亚 records it: nothing is written.
    const stale = await w.deps.applications.get(raced.id);
    if (!stale) throw new Error('application not found');
    await uc.followUpApplication(when('2013-03-21T08:00:00+08:00'), w.officials.sanya, raced.id, '上级工会已回访');
    await drain('2013-03-21T08:00:00+08:00');
    expect(await w.deadlineStore.raiseFollowUp({ app: stale, purpose: 'reminder', orgId: w.unions.hotel.id, at: new Date('2013-03-22T01:00:00Z') })).toBe('changed');
    expect(await w.deadlineStore.followUpsRaised([raced.id], 'reminder')).toEqual(new Set());

    for (const iso of ['2013-03-22T09:00:00+08:00', '2013-03-26T09:00:00+08:00', '2013-04-15T09:00:00+08:00']) {
      const run = await runAt(iso);
      for (const id of [recorded.id, raced.id]) {
        expect(alertsOf(run.report, id), iso).toEqual({ reminded: [], escalated: [] });
        expect(run.sent.filter(about(id)), iso).toEqual([]);
      }
    }
    expect(await scheduledNotices(recorded.id)).toEqual([]);
    expect(await scheduledNotices(raced.id)).toEqual([]);
  });

  it('is escalated at once when the scheduler first sees it overdue (no reminder after the fact), to the officials of 三亚 only', async () => {
    const t = await badlyRated('2012-03-05T10:00:00+08:00');
    expect(t.dueDate).toBe('2012-03-26');
    const late = await runAt('2012-04-02T10:00:00+08:00');
    expect(alertsOf(late.report, t.id)).toEqual({ reminded: [], escalated: [w.sanya.id] });
    expect(late.sent.filter(about(t.id)).map((m) => [m.template, m.touser]).sort()).toEqual(
      [['overdue', w.officials.sanya], ['overdue', sanyaDeputy]].sort(),
    );
    expect(await w.deadlineStore.followUpsRaised([t.id], 'escalation')).toEqual(new Set([t.id]));
    expect(await w.deadlineStore.followUpsRaised([t.id], 'reminder')).toEqual(new Set());
  });
});

import { describe, expect, it } from 'vitest';
import { formatRate, SATISFACTION_FORMULAS } from '../../functions/applications/contracts/satisfaction';
import { BUILT_IN_YEARS } from '../../functions/applications/data/built-in-calendar';
import { authorityOver, cancel, decide, newApplication, type Authority, type Clock } from '../../functions/applications/domain/engine';
import { checkFollowUp, isFollowUpOverdue, mayFollowUp, recordFollowUp } from '../../functions/applications/domain/follow-up';
import { canRate, decidingStep, rate } from '../../functions/applications/domain/ratings';
import { figuresOf, NO_COUNTS, sumCounts, type SatisfactionCounts } from '../../functions/applications/domain/satisfaction';
import type { Actor, Application, OrgOnStep } from '../../functions/applications/domain/types';
import { buildCalendar } from '../../functions/applications/domain/working-days';
import type { SatisfactionStore } from '../../functions/applications/services/ports';
import { getSatisfaction } from '../../functions/applications/services/satisfaction';
import { applicationView } from '../../functions/applications/services/views';
import type { AppError } from '../../functions/kernel/errors';
import type { Org, StoredRole } from '../../functions/membership/domain/types';

/**
 * 好差评 over plain values: the figures and their formulas, who may rate (and when), what a rating
 * writes (counters of the deciding union and every org above it, a 回访 for 差评 due in 15 working
 * days), who may record a 回访 (and when it counts as on time), and the figures an official reads.
 */
const calendar = buildCalendar(BUILT_IN_YEARS);
const clock = (iso: string): Clock => ({ now: new Date(iso), calendar });
// Friday 18 September 2026, 10:00 in China.
const FILED = clock('2026-09-18T02:00:00Z');

const org = (id: string, path: string[]): OrgOnStep => ({ id, name: `${id}工会`, path: [...path, id] });
const province = org('hn', []);
const haikou = org('hk', province.path);
const sanya = org('sy', province.path);
const bus = org('bus', haikou.path);
const food = org('food', haikou.path);
const hotel = org('hotel', sanya.path);

const official = (openid: string, orgId: string): Actor => ({ openid, roles: [{ type: 'official', orgId }] });
const admin: Actor = { openid: 'admin', roles: [{ type: 'admin' }] };
const member: Actor = { openid: 'member', roles: [] };

function transfer(): Application {
  return newApplication(
    {
      id: '01TRANSFER',
      kind: 'transfer',
      applicant: { openid: member.openid, memberId: 'm1', name: '邢志强' },
      form: { kind: 'transfer', fromOrgId: bus.id, toOrgId: hotel.id, reason: '工作调动' },
      orgs: [bus, hotel],
      previousId: null,
    },
    FILED,
  );
}

function decideAs(actor: Actor, app: Application, stepId: string, decision: 'approve' | 'reject' = 'approve'): Application {
  const step = app.steps.find((s) => s.id === stepId) as Application['steps'][number];
  const found = authorityOver(actor, step);
  if (!found) throw new Error('no authority');
  const authority: Authority = { as: found.as, org: found.orgId ? { id: found.orgId, name: `${found.orgId}工会` } : null };
  return decide(app, { stepId, decision, comment: decision === 'reject' ? '材料不全' : '', toOrg: null }, actor, authority, FILED).after;
}

/** A transfer accepted by the target union (s2 decided by the hotel union). */
const accepted = () => decideAs(official('o-hotel', hotel.id), decideAs(official('o-bus', bus.id), transfer(), 's1'), 's2');
/** A transfer rejected at s1 by the Haikou federation, for the bus union (an ancestor's decision). */
const rejectedByAncestor = () => decideAs(official('o-hk', haikou.id), transfer(), 's1', 'reject');

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (err) {
    const { code, message } = err as AppError;
    return { code, message };
  }
  throw new Error('expected a refusal');
}

const counts = (c: Partial<SatisfactionCounts>): SatisfactionCounts => ({ ...NO_COUNTS, ...c });

describe('the figures', () => {
  it('satisfaction rate = (非常满意 + 满意 + 基本满意) ÷ all ratings; on-time share = on time ÷ 差评', () => {
    const f = figuresOf(counts({ level5: 40, level4: 50, level3: 6, level2: 3, level1: 1, followedUp: 3, followedUpOnTime: 2 }));
    expect(f).toEqual({
      rated: 100,
      levels: [
        { level: 5, count: 40 },
        { level: 4, count: 50 },
        { level: 3, count: 6 },
        { level: 2, count: 3 },
        { level: 1, count: 1 },
      ],
      good: 96,
      bad: 4,
      satisfactionRate: 0.96,
      followedUp: 3,
      followedUpOnTime: 2,
      followUpOnTimeRate: 0.5,
    });
    // The federation's 2021 headline figure: 4,800 good of 4,900.
    const headline = figuresOf(counts({ level5: 4000, level4: 700, level3: 100, level2: 60, level1: 40 }));
    expect(headline.satisfactionRate).toBe(0.9796);
    expect(formatRate(headline.satisfactionRate)).toBe('97.96%');
    expect(SATISFACTION_FORMULAS.satisfactionRate).toBe('满意率 = (非常满意 + 满意 + 基本满意) ÷ 全部评价');
    expect(SATISFACTION_FORMULAS.followUpOnTimeRate).toContain('15个工作日内');
  });

  it('has no rate without ratings, no on-time share without 差评, and sums counters field by field', () => {
    expect(figuresOf(NO_COUNTS)).toMatchObject({ rated: 0, satisfactionRate: null, followUpOnTimeRate: null });
    expect(figuresOf(counts({ level3: 2 }))).toMatchObject({ satisfactionRate: 1, bad: 0, followUpOnTimeRate: null });
    expect(formatRate(null)).toBe('—');
    expect(formatRate(1)).toBe('100.00%');
    expect(sumCounts([counts({ level5: 1, followedUp: 2 }), counts({ level5: 2, level1: 1 }), NO_COUNTS])).toEqual(
      counts({ level5: 3, level1: 1, followedUp: 2 }),
    );
  });
});

describe('who may rate, and when', () => {
  it('only the applicant, only once the application is approved or rejected, only once', () => {
    const pending = transfer();
    expect(refusal(() => rate(pending, member, { level: 5, comment: '' }, FILED))).toEqual({
      code: 'NOT_RATABLE',
      message: '该申请尚未办结，办结（通过或未通过）后才能评价',
    });
    const withdrawn = cancel(transfer(), member, FILED);
    expect(refusal(() => rate(withdrawn, member, { level: 5, comment: '' }, FILED))).toEqual({ code: 'NOT_RATABLE', message: '已撤回的申请不能评价' });
    const done = accepted();
    for (const other of [official('o-hotel', hotel.id), admin, { openid: 'someone', roles: [] }]) {
      expect(refusal(() => rate(done, other, { level: 5, comment: '' }, FILED)).code).toBe('FORBIDDEN');
      expect(canRate(done, other)).toBe(false);
    }
    expect(canRate(pending, member)).toBe(false);
    expect(canRate(done, member)).toBe(true);
    expect(canRate(rejectedByAncestor(), member)).toBe(true);
    const rated = rate(done, member, { level: 4, comment: '' }, FILED).after;
    expect(canRate(rated, member)).toBe(false);
    expect(refusal(() => rate(rated, member, { level: 1, comment: '再评一次' }, FILED)).code).toBe('ALREADY_RATED');
  });

  it('the deciding step is the last approved or rejected one', () => {
    expect(decidingStep(transfer())).toBeNull();
    expect(decidingStep(accepted())?.id).toBe('s2');
    expect(decidingStep(rejectedByAncestor())?.id).toBe('s1');
  });
});

describe('what a rating writes', () => {
  it('a good rating: the counters of the deciding union and every org above it, no 回访', () => {
    const done = accepted();
    const at = clock('2026-09-30T02:00:00Z');
    const { after, notice, counters, openFollowUp, closeFollowUp } = rate(done, member, { level: 3, comment: '还行' }, at);
    expect(after).toMatchObject({
      version: done.version + 1,
      rating: { level: 3, comment: '还行', at: '2026-09-30T02:00:00.000Z', month: '2026-09' },
      followUp: null,
      status: 'approved',
    });
    expect(after.timeline.at(-1)).toMatchObject({ action: 'rated', role: 'applicant', comment: '还行' });
    expect(counters).toEqual({ orgIds: ['hn', 'sy', 'hotel'], kind: 'transfer', month: '2026-09', add: { level3: 1 } });
    expect(openFollowUp).toBeNull();
    expect(closeFollowUp).toBeNull();
    expect(notice).toMatchObject({ version: after.version, action: 'rated', status: 'approved', reviewerOrgId: null });
    expect(rate(done, member, { level: 5, comment: '' }, at).after.rating?.comment).toBeNull();
  });

  it('a 差评 opens a 回访 for the union of the deciding step (not the ancestor who decided), due in 15 working days', () => {
    // Wednesday 30 September 2026: the National Day week (1–7 October) and the swapped Saturday 10 October.
    const at = clock('2026-09-30T02:00:00Z');
    const { after, notice, counters, openFollowUp } = rate(rejectedByAncestor(), member, { level: 1, comment: '驳回理由不清楚' }, at);
    expect(after.followUp).toEqual({
      org: bus,
      status: 'open',
      openedAt: '2026-09-30T02:00:00.000Z',
      dueDate: '2026-10-27',
      note: null,
      doneAt: null,
      doneBy: null,
      doneAs: null,
      doneByOrg: null,
      onTime: null,
    });
    expect(counters).toEqual({ orgIds: ['hn', 'hk', 'bus'], kind: 'transfer', month: '2026-09', add: { level1: 1 } });
    expect(openFollowUp).toEqual({ applicationId: '01TRANSFER', orgIds: ['hn', 'hk', 'bus'], dueDate: '2026-10-27' });
    expect(notice).toMatchObject({ action: 'rated', status: 'rejected', reviewerOrgId: 'bus' });
    // 不满意 too; the month is China's (1 October 00:30 in Shanghai is still 30 September in UTC),
    // and rated on a day off inside the holiday week the deadline is the same; rated on Friday
    // 9 October, the swapped working Saturday (10 October) is its first day.
    const late = rate(accepted(), member, { level: 2, comment: '' }, clock('2026-09-30T16:30:00Z'));
    expect(late.after.rating?.month).toBe('2026-10');
    expect(late.after.followUp).toMatchObject({ org: hotel, dueDate: '2026-10-27' });
    expect(rate(accepted(), member, { level: 2, comment: '' }, clock('2026-10-09T02:00:00Z')).after.followUp?.dueDate).toBe('2026-10-29');
  });
});

describe('who may record a 回访, and when it is on time', () => {
  const badlyRated = () => rate(accepted(), member, { level: 2, comment: '太慢' }, clock('2026-09-30T02:00:00Z')).after;
  const authorityOf = (actor: Actor, app: Application): Authority => {
    const { authority } = checkFollowUp(app, actor);
    return { as: authority.as, org: authority.orgId ? { id: authority.orgId, name: `${authority.orgId}工会` } : null };
  };

  it('officials of the deciding union or above (recorded as such) and admins; not other unions, not the applicant', () => {
    const app = badlyRated();
    for (const [actor, as] of [
      [official('o-hotel', hotel.id), 'official'],
      [official('o-sy', sanya.id), 'ancestor'],
      [official('o-hn', province.id), 'ancestor'],
      [admin, 'admin'],
    ] as const) {
      expect(checkFollowUp(app, actor).authority.as).toBe(as);
      expect(mayFollowUp(app, actor)).toBe(true);
    }
    // The union the member left (s1's), a sibling union, another city: FORBIDDEN.
    for (const actor of [official('o-bus', bus.id), official('o-food', food.id), official('o-hk', haikou.id), member]) {
      expect(refusal(() => checkFollowUp(app, actor)).code).toBe('FORBIDDEN');
      expect(mayFollowUp(app, actor)).toBe(false);
    }
    // An official who is the applicant may not answer their own 差评.
    const selfRated = { ...app, applicant: { ...app.applicant, openid: 'o-hotel' } };
    expect(refusal(() => checkFollowUp(selfRated, official('o-hotel', hotel.id))).message).toBe('申请人不能为自己的评价登记回访');
    // Without a 差评 there is nothing to record.
    const good = rate(accepted(), member, { level: 5, comment: '' }, FILED).after;
    expect(refusal(() => checkFollowUp(good, official('o-hotel', hotel.id))).code).toBe('NO_FOLLOW_UP');
    expect(refusal(() => checkFollowUp(accepted(), admin)).code).toBe('NO_FOLLOW_UP');
  });

  it('is recorded once: on its due date on time, the day after late; overdue only while open past the due date', () => {
    const app = badlyRated(); // due 2026-10-27
    const hotelOfficial = official('o-hotel', hotel.id);
    expect(isFollowUpOverdue(app.followUp as NonNullable<Application['followUp']>, new Date('2026-10-27T15:59:00Z'))).toBe(false);
    expect(isFollowUpOverdue(app.followUp as NonNullable<Application['followUp']>, new Date('2026-10-27T16:00:00Z'))).toBe(true);

    const onTime = recordFollowUp(app, hotelOfficial, authorityOf(hotelOfficial, app), '已电话回访并致歉', clock('2026-10-27T09:00:00Z'));
    expect(onTime.after.followUp).toMatchObject({ status: 'done', note: '已电话回访并致歉', doneBy: 'o-hotel', doneAs: 'official', onTime: true });
    expect(onTime.after.followUp && isFollowUpOverdue(onTime.after.followUp, new Date('2027-01-01T00:00:00Z'))).toBe(false);
    expect(onTime.counters).toEqual({ orgIds: ['hn', 'sy', 'hotel'], kind: 'transfer', month: '2026-09', add: { followedUp: 1, followedUpOnTime: 1 } });
    expect(onTime.closeFollowUp).toEqual({ applicationId: '01TRANSFER', orgIds: ['hn', 'sy', 'hotel'], dueDate: '2026-10-27' });
    expect(onTime.openFollowUp).toBeNull();
    expect(onTime.notice).toMatchObject({ action: 'followed-up', reviewerOrgId: null, version: app.version + 1 });
    expect(onTime.after.timeline.at(-1)).toMatchObject({ action: 'followed-up', role: 'official', comment: '已电话回访并致歉' });
    expect(refusal(() => checkFollowUp(onTime.after, admin)).code).toBe('FOLLOW_UP_ALREADY_DONE');
    expect(mayFollowUp(onTime.after, hotelOfficial)).toBe(false);

    const city = official('o-sy', sanya.id);
    const late = recordFollowUp(app, city, authorityOf(city, app), '已核实整改', clock('2026-10-27T16:00:00Z'));
    expect(late.after.followUp).toMatchObject({ onTime: false, doneAs: 'ancestor', doneByOrg: { id: 'sy' } });
    // Counted in the rating's month (September), even when recorded in October.
    expect(late.counters).toEqual({ orgIds: ['hn', 'sy', 'hotel'], kind: 'transfer', month: '2026-09', add: { followedUp: 1 } });
  });

  it('shows in the view with its overdue flag and what the reader may do', () => {
    const app = badlyRated();
    const now = new Date('2026-10-28T02:00:00Z');
    const forMember = applicationView(app, member, now, null);
    expect(forMember.rating).toEqual({ level: 2, label: '不满意', comment: '太慢', at: '2026-09-30T10:00:00.000+08:00' });
    expect(forMember.followUp).toMatchObject({ org: { id: 'hotel', name: 'hotel工会' }, status: 'open', dueDate: '2026-10-27', overdue: true, doneBy: null });
    expect(forMember.can).toEqual({ cancel: false, decide: [], rate: false, followUp: false });
    expect(applicationView(app, official('o-sy', sanya.id), now, null).can).toEqual({ cancel: false, decide: [], rate: false, followUp: true });
    expect(applicationView(accepted(), member, now, null)).toMatchObject({ rating: null, followUp: null, can: { rate: true, followUp: false } });
  });
});

describe('the figures an official reads', () => {
  const orgs = [province, haikou, sanya, bus, food, hotel].map(
    (o): Org => ({ id: o.id, name: o.name, parentId: o.path.at(-2) ?? null, kind: o.path.length === 1 ? 'province' : o.path.length === 2 ? 'city' : 'grassroots', regionCode: null, workUnit: null, path: o.path }),
  );
  const accounts = new Map<string, StoredRole[]>([
    ['nested', [{ type: 'official', orgId: haikou.id }, { type: 'official', orgId: bus.id }]],
    ['two-cities', [{ type: 'official', orgId: haikou.id }, { type: 'official', orgId: hotel.id }]],
    ['admin', [{ type: 'admin' }]],
    ['member', []],
    ['clerk', [{ type: 'clerk', merchantId: 'm' }]],
  ]);
  const stored = new Map<string, Map<'join' | 'transfer', SatisfactionCounts>>([
    ['hk', new Map([['transfer', counts({ level5: 3, level2: 1, followedUp: 1, followedUpOnTime: 1 })], ['join', counts({ level4: 2 })]])],
    ['hotel', new Map([['transfer', counts({ level1: 1 })]])],
    ['hn', new Map([['join', counts({ level5: 10 })]])],
  ]);
  const read: string[] = [];
  const satisfaction = {
    counters: async (orgId: string, month: string) => (read.push(`${orgId}@${month}`), stored.get(orgId) ?? new Map()),
  } as unknown as SatisfactionStore;
  const deps = {
    accounts: { get: async (openid: string) => (accounts.has(openid) ? { openid, memberId: null, roles: accounts.get(openid) ?? [], createdAt: '' } : null) },
    orgs: { getMany: async (ids: string[]) => new Map(orgs.filter((o) => ids.includes(o.id)).map((o) => [o.id, o])) },
    directory: { listByKind: async (kind: string) => orgs.filter((o) => o.kind === kind) },
    now: () => new Date('2026-11-30T17:00:00Z'), // 1 December in China
    satisfaction,
  } as unknown as Parameters<typeof getSatisfaction>[0];

  it('reads one partition per subtree (nested roles once; an admin the province), this month in China by default', async () => {
    read.length = 0;
    const nested = await getSatisfaction(deps, 'nested', {});
    expect(read).toEqual(['hk@2026-12']);
    expect(nested).toMatchObject({ month: '2026-12', scope: [{ id: 'hk', name: 'hk工会' }], formulas: SATISFACTION_FORMULAS });
    expect(nested.byKind.map((k) => [k.kind, k.rated, k.good, k.bad, k.satisfactionRate, k.followUpOnTimeRate])).toEqual([
      ['join', 2, 2, 0, 1, null],
      ['transfer', 4, 3, 1, 0.75, 1],
      ['subsidy', 0, 0, 0, null, null],
      // 困难帮扶 runs on the engine but is not rated yet (functions/hardship has no 好差评): an empty row.
      ['hardship', 0, 0, 0, null, null],
    ]);
    expect(nested.total).toMatchObject({ rated: 6, good: 5, bad: 1, satisfactionRate: 0.8333, followedUp: 1, followedUpOnTime: 1 });

    read.length = 0;
    const two = await getSatisfaction(deps, 'two-cities', { month: '2026-10', kind: 'transfer' });
    expect(read.sort()).toEqual(['hk@2026-10', 'hotel@2026-10']);
    expect(two.byKind).toHaveLength(1);
    expect(two.total).toMatchObject({ rated: 5, bad: 2, followedUp: 1, followedUpOnTime: 1, followUpOnTimeRate: 0.5 });

    read.length = 0;
    expect((await getSatisfaction(deps, 'admin', { kind: 'join' })).total.rated).toBe(10);
    expect(read).toEqual(['hn@2026-12']);
  });

  it('refuses members and clerks', async () => {
    for (const who of ['member', 'clerk']) {
      await expect(getSatisfaction(deps, who, {})).rejects.toMatchObject({ code: 'FORBIDDEN', message: '只有工会工作人员可以查看满意度统计' });
    }
    await expect(getSatisfaction(deps, 'nobody', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

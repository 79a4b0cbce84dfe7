import { beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationKind, RatingLevel } from '../../../functions/applications/contracts/applications';
import type { SatisfactionDeps } from '../../../functions/applications/services/ports';
import { satisfactionKeys } from '../../../functions/applications/data/keys';
import { outcomeOf, refusalOf } from '../../support/outcome';
import { account, applicationWorld, at, boundMember, joinForm, rawItem, type ApplicationWorld } from './world';

/**
 * 好差评 on DynamoDB Local: a closed application rated once by its applicant (also when two ratings
 * race), refusals that write nothing, a 差评 opening a 回访 for the deciding union due in 15 working
 * days, listed in the officials' 回访 queue of the subtree, recorded exactly once by the right
 * officials, and the counters of the union, city and province adding up — read from the counter
 * items of the reader's own org.
 */
let w: ApplicationWorld;
let deps: SatisfactionDeps;
let uc: Awaited<ReturnType<typeof useCases>>;

async function useCases() {
  const [ratings, followUp, satisfaction] = await Promise.all([
    import('../../../functions/applications/services/ratings'),
    import('../../../functions/applications/services/follow-up'),
    import('../../../functions/applications/services/satisfaction'),
  ]);
  return { ...ratings, ...followUp, ...satisfaction };
}

beforeAll(async () => {
  w = await applicationWorld('ratings');
  const { satisfactionStore } = await import('../../../functions/applications/data/satisfaction-store');
  deps = { ...w.deps, satisfaction: satisfactionStore };
  uc = await useCases();
}, 60_000);

/** The deps at a fixed instant (as `at` of world.ts does for the engine's deps). */
const when = (iso: string): SatisfactionDeps => ({ ...at(deps, iso), satisfaction: deps.satisfaction });

const rateAs = (openid: string, id: string, level: RatingLevel, comment?: string, d = deps) =>
  uc.rateApplication(d, openid, id, { level, ...(comment ? { comment } : {}) });
const followUpAs = (openid: string, id: string, note = '已电话回访，说明了办理依据', d = deps) => uc.followUpApplication(d, openid, id, note);
const read = (openid: string, id: string) => w.uc.getApplication(deps, openid, id).then((r) => r.application);
const notices = (id: string) => w.deps.applications.notices(id);
const counterItem = (orgId: string, month: string, kind: ApplicationKind) =>
  rawItem('satisfaction', { pk: { S: satisfactionKeys.counters(orgId) }, sk: { S: satisfactionKeys.counter(month, kind) } });
const openQueue = (openid: string) => uc.listOfficialQueue(deps, openid, { followUp: 'open' }).then((r) => r.items);

/** A transfer bus → hotel by a new member, filed and decided at `iso`: accepted by the hotel union, or rejected by the bus union. */
async function closedTransfer(iso: string, outcome: 'accepted' | 'rejected' = 'accepted', to = w.unions.hotel.id) {
  const d = when(iso);
  const m = await boundMember(w, w.unions.bus.id);
  const id = (await w.uc.submitApplication(d, m.openid, { kind: 'transfer', form: { toOrgId: to, reason: '工作调动' } })).response.application.id;
  if (outcome === 'rejected') {
    await w.uc.decideApplication(d, w.officials.bus, id, { step: 's1', decision: 'reject', comment: '劳动关系尚未转出' });
  } else {
    await w.uc.decideApplication(d, w.officials.bus, id, { step: 's1', decision: 'approve' });
    await w.uc.decideApplication(d, to === w.unions.hotel.id ? w.officials.hotel : w.officials.food, id, { step: 's2', decision: 'approve' });
  }
  return { id, openid: m.openid };
}

/** A join to `orgId` by a new account, filed and decided (approved or rejected) at `iso` by that union's official. */
async function closedJoin(iso: string, orgId: string, official: string, decision: 'approve' | 'reject' = 'approve') {
  const d = when(iso);
  const openid = await account(w, 'joiner');
  const id = (await w.uc.submitApplication(d, openid, { kind: 'join', form: joinForm(orgId) })).response.application.id;
  await w.uc.decideApplication(d, official, id, { step: 's1', decision, comment: decision === 'reject' ? '请补充工作证明' : '' });
  return { id, openid };
}

describe('rating', () => {
  it('once, by the applicant, on an approved application; it shows in the application and writes one notice', async () => {
    const { id, openid } = await closedTransfer('2026-11-02T02:00:00Z');
    const before = await read(openid, id);
    expect(before).toMatchObject({ rating: null, followUp: null, can: { rate: true, followUp: false } });
    const rated = await rateAs(openid, id, 5, '办理很快，点赞', when('2026-11-03T02:00:00Z'));
    expect(rated.application).toMatchObject({
      status: 'approved',
      rating: { level: 5, label: '非常满意', comment: '办理很快，点赞', at: '2026-11-03T10:00:00.000+08:00' },
      followUp: null,
      can: { rate: false, followUp: false },
    });
    expect(rated.application.timeline.at(-1)).toMatchObject({ action: 'rated', role: 'applicant', comment: '办理很快，点赞' });
    for (const who of [openid, w.officials.hotel, w.officials.province, w.admin]) {
      expect((await read(who, id)).rating?.level, who).toBe(5);
    }
    expect((await refusalOf(rateAs(openid, id, 1, '改个差评'))).code).toBe('ALREADY_RATED');
    expect((await read(openid, id)).rating?.level).toBe(5);
    expect((await notices(id)).map((n) => [n.version, n.action, n.reviewerOrgId])).toEqual([
      [1, 'submitted', w.unions.bus.id],
      [2, 'approved', w.unions.hotel.id],
      [3, 'approved', null],
      [4, 'rated', null],
    ]);
  });

  it('of two (or three) ratings sent at once, exactly one is written and counted', async () => {
    const { id, openid } = await closedTransfer('2026-07-06T02:00:00Z', 'accepted', w.unions.food.id);
    const d = when('2026-07-07T02:00:00Z');
    const levels: RatingLevel[] = [5, 2, 1];
    const outcomes = await Promise.all(levels.map((level) => outcomeOf(rateAs(openid, id, level, undefined, d))));
    expect([...outcomes].sort()).toEqual(['ALREADY_RATED', 'ALREADY_RATED', 'accepted']);
    const winner = levels[outcomes.indexOf('accepted')] as RatingLevel;
    const app = await read(openid, id);
    expect(app.rating?.level).toBe(winner);
    expect(app.timeline.filter((e) => e.action === 'rated')).toHaveLength(1);
    expect((await notices(id)).filter((n) => n.action === 'rated')).toHaveLength(1);
    // One count in the food union, Haikou and the province; a 回访 only if the winner was a 差评.
    for (const orgId of [w.unions.food.id, w.haikou.id, w.province.id]) {
      const item = await counterItem(orgId, '2026-07', 'transfer');
      expect(levels.map((l) => Number(item?.[`level${l}`]?.N ?? 0)), orgId).toEqual(levels.map((l) => (l === winner ? 1 : 0)));
    }
    expect(app.followUp?.status ?? null).toBe(winner <= 2 ? 'open' : null);
  });

  it('is refused while pending, once withdrawn, to other members and to officials, and writes nothing', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const pending = (await w.uc.submitApplication(deps, m.openid, { kind: 'transfer', form: { toOrgId: w.unions.hotel.id, reason: '调动' } })).response.application.id;
    const refusedPending = await refusalOf(rateAs(m.openid, pending, 4));
    expect([refusedPending.code, refusedPending.status, refusedPending.message]).toEqual(['NOT_RATABLE', 409, '该申请尚未办结，办结（通过或未通过）后才能评价']);
    await w.uc.cancelApplication(deps, m.openid, pending);
    expect((await refusalOf(rateAs(m.openid, pending, 4))).message).toBe('已撤回的申请不能评价');

    const { id } = await closedTransfer('2026-11-02T02:00:00Z', 'rejected');
    const other = await boundMember(w, w.unions.bus.id);
    expect((await refusalOf(rateAs(other.openid, id, 1))).code).toBe('NOT_FOUND');
    expect((await refusalOf(rateAs(w.officials.food, id, 1))).code).toBe('NOT_FOUND');
    for (const official of [w.officials.bus, w.officials.haikou, w.admin]) {
      expect((await refusalOf(rateAs(official, id, 1))).code, official).toBe('FORBIDDEN');
    }
    expect((await refusalOf(rateAs('nobody-at-all', id, 1))).code).toBe('UNAUTHENTICATED');
    expect((await refusalOf(rateAs(m.openid, '01ARZ3NDEKTSV4RRFFQ69G5FAV', 1))).code).toBe('NOT_FOUND');
    expect((await read(w.admin, id)).rating).toBeNull();
    expect((await notices(id)).map((n) => n.action)).toEqual(['submitted', 'rejected']);
    expect((await notices(pending)).map((n) => n.action)).toEqual(['submitted', 'cancelled']);
  });
});

describe('a 差评 and its 回访', () => {
  it('opens a 回访 for the union that decided, due on the 15th working day, listed for that subtree', async () => {
    // Rejected by the bus union; rated 不满意 on Wednesday 30 September 2026: 1–7 October are
    // National Day, Saturday 10 October a swapped working day → due Tuesday 27 October.
    const { id, openid } = await closedTransfer('2026-09-29T02:00:00Z', 'rejected');
    const rated = await rateAs(openid, id, 2, '驳回理由没有说清楚', when('2026-09-30T02:00:00Z'));
    expect(rated.application.followUp).toEqual({
      org: { id: w.unions.bus.id, name: w.unions.bus.name },
      status: 'open',
      openedAt: '2026-09-30T10:00:00.000+08:00',
      dueDate: '2026-10-27',
      overdue: false,
      note: null,
      doneAt: null,
      doneBy: null,
      onTime: null,
    });
    expect((await notices(id)).at(-1)).toMatchObject({ action: 'rated', reviewerOrgId: w.unions.bus.id });
    // Read today (after 27 October 2026), it is overdue.
    expect((await read(w.officials.bus, id)).followUp).toMatchObject({ status: 'open', overdue: true });
    expect((await read(w.officials.bus, id)).can.followUp).toBe(true);
    expect((await read(openid, id)).can.followUp).toBe(false);
    // One entry per org on the union's path, in the 回访 queue of each of them (and admins) only.
    for (const orgId of [w.unions.bus.id, w.haikou.id, w.province.id]) {
      expect(await rawItem('satisfaction', { pk: { S: satisfactionKeys.openFollowUps(orgId) }, sk: { S: satisfactionKeys.openFollowUp('2026-10-27', id) } }), orgId).not.toBeNull();
    }
    for (const who of [w.officials.bus, w.officials.haikou, w.officials.province, w.admin]) {
      const item = (await openQueue(who)).find((a) => a.id === id);
      expect(item, who).toMatchObject({ status: 'rejected', rating: { level: 2 }, followUp: { org: { id: w.unions.bus.id }, dueDate: '2026-10-27', overdue: true } });
    }
    for (const who of [w.officials.food, w.officials.hotel, w.officials.sanya]) {
      expect((await openQueue(who)).map((a) => a.id), who).not.toContain(id);
    }
    expect((await uc.listOfficialQueue(deps, w.officials.bus, { followUp: 'open', kind: 'join' })).items.map((a) => a.id)).not.toContain(id);
    expect((await uc.listOfficialQueue(deps, w.officials.bus, { followUp: 'open', status: 'approved' })).items.map((a) => a.id)).not.toContain(id);
    // The ordinary review queue is unchanged by it.
    expect((await w.uc.listQueue(w.deps, w.officials.bus, {})).items.map((a) => a.id)).not.toContain(id);
    expect((await refusalOf(uc.listOfficialQueue(deps, openid, { followUp: 'open' }))).code).toBe('FORBIDDEN');
  });

  it('is recorded exactly once, also when two officials record it at once, and leaves the queue', async () => {
    const { id, openid } = await closedTransfer('2026-10-12T02:00:00Z'); // accepted by the hotel union
    await rateAs(openid, id, 1, '等了很久', when('2026-10-13T02:00:00Z')); // due 2 November
    const d = when('2026-10-20T02:00:00Z');
    const outcomes = await Promise.all([
      outcomeOf(followUpAs(w.officials.hotel, id, '已回访：说明了接收流程并致歉', d)),
      outcomeOf(followUpAs(w.officials.sanya, id, '市总已回访', d)),
    ]);
    expect([...outcomes].sort()).toEqual(['FOLLOW_UP_ALREADY_DONE', 'accepted']);
    const app = await read(openid, id);
    expect(app.followUp).toMatchObject({ status: 'done', onTime: true, overdue: false, doneAt: '2026-10-20T10:00:00.000+08:00' });
    expect(app.followUp?.doneBy?.role).toBe(outcomes[0] === 'accepted' ? 'official' : 'ancestor');
    expect(app.timeline.filter((e) => e.action === 'followed-up')).toHaveLength(1);
    expect((await notices(id)).at(-1)).toMatchObject({ action: 'followed-up', reviewerOrgId: null });
    expect((await refusalOf(followUpAs(w.admin, id))).code).toBe('FOLLOW_UP_ALREADY_DONE');
    for (const who of [w.officials.hotel, w.officials.sanya, w.officials.province]) {
      expect((await openQueue(who)).map((a) => a.id), who).not.toContain(id);
    }
    for (const orgId of [w.unions.hotel.id, w.sanya.id, w.province.id]) {
      expect(await rawItem('satisfaction', { pk: { S: satisfactionKeys.openFollowUps(orgId) }, sk: { S: satisfactionKeys.openFollowUp('2026-11-02', id) } })).toBeNull();
      const counter = await counterItem(orgId, '2026-10', 'transfer');
      expect([counter?.level1?.N, counter?.followedUp?.N, counter?.followedUpOnTime?.N], orgId).toEqual(['1', '1', '1']);
    }
  });

  it('is refused to the wrong union, to the member, and when there is none; the right ones may', async () => {
    const { id, openid } = await closedTransfer('2026-10-12T02:00:00Z'); // decided by the hotel union
    expect((await refusalOf(followUpAs(w.officials.hotel, id))).code).toBe('NO_FOLLOW_UP'); // not rated yet
    await rateAs(openid, id, 2, undefined, when('2026-10-13T02:00:00Z'));
    // The union the member left (on step 1) and Haikou can read it, but the 回访 is the hotel union's.
    for (const who of [w.officials.bus, w.officials.haikou, openid]) {
      expect((await refusalOf(followUpAs(who, id))).code, who).toBe('FORBIDDEN');
    }
    expect((await refusalOf(followUpAs(w.officials.food, id))).code).toBe('NOT_FOUND');
    expect((await refusalOf(followUpAs((await boundMember(w, w.unions.bus.id)).openid, id))).code).toBe('NOT_FOUND');
    expect((await read(w.admin, id)).followUp?.status).toBe('open');
    const byAdmin = await followUpAs(w.admin, id, '平台已核实并答复会员', when('2026-11-20T02:00:00Z')); // after the due date
    expect(byAdmin.application.followUp).toMatchObject({ status: 'done', onTime: false, doneBy: { role: 'admin', org: null } });

    const good = await closedTransfer('2026-10-12T02:00:00Z');
    await rateAs(good.openid, good.id, 3);
    expect((await refusalOf(followUpAs(w.officials.hotel, good.id))).code).toBe('NO_FOLLOW_UP');
  });
});

describe('the satisfaction figures', () => {
  it("add up for the union, city and province officials (and one with two cities' roles), from their own counters", async () => {
    // August 2026: ratings on Monday 10 August, 回访 due Monday 31 August.
    const [decided, rated] = ['2026-08-03T02:00:00Z', '2026-08-10T02:00:00Z'];
    const hotelTransfer = await closedTransfer(decided); // hotel decides
    const foodTransfer = await closedTransfer(decided, 'accepted', w.unions.food.id); // food decides
    const busTransfer = await closedTransfer(decided, 'rejected'); // bus decides
    const foodJoin = await closedJoin(decided, w.unions.food.id, w.officials.food);
    const hotelJoin = await closedJoin(decided, w.unions.hotel.id, w.officials.hotel, 'reject');
    const unrated = await closedJoin(decided, w.unions.hotel.id, w.officials.hotel);
    await rateAs(hotelTransfer.openid, hotelTransfer.id, 5, undefined, when(rated));
    await rateAs(foodTransfer.openid, foodTransfer.id, 4, undefined, when(rated));
    await rateAs(busTransfer.openid, busTransfer.id, 1, '不合理', when(rated));
    await rateAs(foodJoin.openid, foodJoin.id, 2, '审核太慢', when(rated));
    await rateAs(hotelJoin.openid, hotelJoin.id, 3, undefined, when(rated));
    expect((await read(unrated.openid, unrated.id)).can.rate).toBe(true);
    await followUpAs(w.officials.haikou, busTransfer.id, '市总已回访', when('2026-08-31T09:00:00Z')); // on time (17:00 of the due date)
    await followUpAs(w.officials.food, foodJoin.id, '已回访', when('2026-09-01T02:00:00Z')); // a day late

    const figures = (openid: string, kind?: ApplicationKind) => uc.getSatisfaction(deps, openid, { month: '2026-08', ...(kind ? { kind } : {}) });
    const levels = (f: Awaited<ReturnType<typeof figures>>['total']) => f.levels.map((l) => l.count);

    const province = await figures(w.officials.province);
    expect(province.scope).toEqual([{ id: w.province.id, name: w.province.name }]);
    expect(province.formulas.satisfactionRate).toBe('满意率 = (非常满意 + 满意 + 基本满意) ÷ 全部评价');
    expect(province.total).toMatchObject({ rated: 5, good: 3, bad: 2, satisfactionRate: 0.6, followedUp: 2, followedUpOnTime: 1, followUpOnTimeRate: 0.5 });
    expect(levels(province.total)).toEqual([1, 1, 1, 1, 1]);
    expect(province.byKind.map((k) => [k.kind, levels(k)])).toEqual([
      ['join', [0, 0, 1, 1, 0]],
      ['transfer', [1, 1, 0, 0, 1]],
      ['subsidy', [0, 0, 0, 0, 0]],
      // 困难帮扶 is listed with the engine's kinds; its cases are not rated yet (README › 困难帮扶).
      ['hardship', [0, 0, 0, 0, 0]],
    ]);

    const haikou = await figures(w.officials.haikou);
    expect(haikou.total).toMatchObject({ rated: 3, good: 1, bad: 2, satisfactionRate: 0.3333, followedUp: 2, followedUpOnTime: 1 });
    const sanya = await figures(w.officials.sanya);
    expect(sanya.total).toMatchObject({ rated: 2, good: 2, bad: 0, satisfactionRate: 1, followUpOnTimeRate: null });
    expect((await figures(w.officials.food)).byKind.map((k) => [k.kind, levels(k), k.followedUp, k.followedUpOnTime])).toEqual([
      ['join', [0, 0, 0, 1, 0], 1, 0],
      ['transfer', [0, 1, 0, 0, 0], 0, 0],
      ['subsidy', [0, 0, 0, 0, 0], 0, 0],
      ['hardship', [0, 0, 0, 0, 0], 0, 0],
    ]);
    expect((await figures(w.officials.bus)).total).toMatchObject({ rated: 1, bad: 1, followedUp: 1, followedUpOnTime: 1, followUpOnTimeRate: 1 });
    expect((await figures(w.officials.hotel, 'transfer')).byKind).toMatchObject([{ kind: 'transfer', rated: 1, good: 1 }]);

    // Two roles in two cities: both subtrees, summed; a nested role adds nothing.
    const twoCities = await account(w, 'off-two', [
      { type: 'official', orgId: w.haikou.id },
      { type: 'official', orgId: w.unions.bus.id },
      { type: 'official', orgId: w.sanya.id },
    ]);
    const both = await figures(twoCities);
    expect(both.scope.map((o) => o.id).sort()).toEqual([w.haikou.id, w.sanya.id].sort());
    expect(both.total).toEqual(province.total);
    // An admin sees every province federation: this test's among them.
    expect((await figures(w.admin)).total.rated).toBeGreaterThanOrEqual(5);
    // Another month, nothing; members are refused.
    expect((await uc.getSatisfaction(deps, w.officials.province, { month: '2026-06' })).total).toMatchObject({ rated: 0, satisfactionRate: null });
    expect((await refusalOf(uc.getSatisfaction(deps, hotelTransfer.openid, {}))).code).toBe('FORBIDDEN');
  });
});

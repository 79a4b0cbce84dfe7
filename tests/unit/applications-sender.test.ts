import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { decide, newApplication, noticeOf, type Clock } from '../../functions/applications/domain/engine';
import type { Application, OrgOnStep } from '../../functions/applications/domain/types';
import { buildCalendar } from '../../functions/applications/domain/working-days';
import {
  deliverPending,
  messageFor,
  recipientsOf,
  retryDelayMs,
  SENDER,
  templateMessenger,
  type Delivery,
  type Messenger,
  type NoticeKey,
  type OfficialDirectory,
  type OutboxEntry,
  type OutboxNotice,
  type OutboxStore,
  type SenderDeps,
} from '../../functions/applications/services/sender';
import { createWeChatSubscribeClient } from '../../functions/kernel/wechat';
import { FAKE_WECHAT_TIMEOUT_MS, startFakeWeChat, type FakeWeChat } from '../support/fake-wechat';

/**
 * The outbox sender over an in-memory outbox (with the store's conditions) and the real
 * subscription client against the fake WeChat server: success, 43101, -1 and time-outs, bounded
 * retries with growing pauses, a lease running short, and who hears of what in which words.
 * The fake server answers by touser: `o-…` sent, `unsubscribed-…` 43101, `busy-…` -1, `silent-…` never.
 */

let wx: FakeWeChat;
beforeAll(async () => {
  wx = await startFakeWeChat();
});
afterAll(() => wx.close());

let errors: string[];
beforeEach(() => {
  wx.reset();
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const TEMPLATES = { progress: 'tpl-progress', todo: 'tpl-todo', overdue: 'tpl-overdue' };
const wechat = () =>
  templateMessenger(createWeChatSubscribeClient({ appId: 'wx-app', appSecret: 'app-secret', apiBase: wx.base, timeoutMs: FAKE_WECHAT_TIMEOUT_MS }), TEMPLATES);

const org = (id: string, name: string, path: string[]): OrgOnStep => ({ id, name, path: [...path, id] });
const haikou = org('hk', '海口市总工会', ['hn']);
const bus = org('bus', '海口椰城公共交通有限公司工会', ['hn', 'hk']);
const hotel = org('hotel', '三亚鹿岭度假酒店有限公司工会', ['hn', 'sy']);

const clockAt = (iso: string): Clock => ({ now: new Date(iso), calendar: buildCalendar([]) });
const FILED = '2026-05-11T02:00:00.000Z'; // Monday 10:00 in China

/** A transfer from 椰城公交 to 鹿岭酒店 filed by `applicant`, and the notices of its changes. */
function transfer(applicant = 'o-applicant'): { apps: Application[]; notices: OutboxNotice[] } {
  const filed = newApplication(
    {
      id: `01TRANSFER${applicant.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(16, '0')}`.slice(0, 26),
      kind: 'transfer',
      applicant: { openid: applicant, memberId: 'm1', name: '林晓燕' },
      form: { kind: 'transfer', fromOrgId: bus.id, toOrgId: hotel.id, reason: '工作调动' },
      orgs: [bus, hotel],
      previousId: null,
    },
    clockAt(FILED),
  );
  const official = { openid: 'o-bus-1', roles: [{ type: 'official' as const, orgId: bus.id }] };
  const approved = decide(filed, { stepId: 's1', decision: 'approve', comment: '', toOrg: null }, official, { as: 'official', org: { id: bus.id, name: bus.name } }, clockAt('2026-05-12T02:00:00.000Z')).after;
  const target = { openid: 'o-hotel-1', roles: [{ type: 'official' as const, orgId: hotel.id }] };
  const rejected = decide(approved, { stepId: 's2', decision: 'reject', comment: '本单位暂无接收计划，请与转入单位确认劳动关系后再申请', toOrg: null }, target, { as: 'official', org: { id: hotel.id, name: hotel.name } }, clockAt('2026-05-13T02:00:00.000Z')).after;
  const apps = [filed, approved, rejected];
  return { apps, notices: apps.map(noticeOf) };
}

/** The officials of each org, by the openids the fake server answers for. */
function directory(byOrg: Record<string, string[]>): OfficialDirectory {
  return { officialsOf: async (orgId) => byOrg[orgId] ?? [] };
}

/** An in-memory outbox with the store's conditions: a claim only on the state read, writes only under the lease. */
function memoryOutbox() {
  const entries = new Map<string, OutboxEntry>();
  const id = (k: NoticeKey) => `${k.applicationId}#${k.version}`;
  const held = (k: NoticeKey, token: string) => {
    const e = entries.get(id(k));
    return e && e.state === 'sending' && e.lease === token ? e : null;
  };
  const store: OutboxStore = {
    async deliverable(now, limit) {
      const { isDeliverable } = await import('../../functions/applications/services/sender');
      return [...entries.values()].filter((e) => e.notice.at <= now.toISOString() && isDeliverable(e, now)).slice(0, limit).map((e) => structuredClone(e));
    },
    async claim(read, lease) {
      const e = entries.get(id(read.notice));
      if (!e || e.state !== read.state || e.attempts !== read.attempts || e.lease !== read.lease) return null;
      Object.assign(e, { state: 'sending', lease: lease.token, leaseUntil: lease.until.toISOString(), attempts: e.attempts + 1, retryAt: null });
      return structuredClone(e);
    },
    async record(k, token, deliveries) {
      const e = held(k, token);
      if (e) e.deliveries = structuredClone(deliveries);
      return e !== null;
    },
    async settle(k, token, s) {
      const e = held(k, token);
      if (!e) return false;
      Object.assign(e, { state: s.state, lease: null, leaseUntil: null, deliveries: structuredClone(s.deliveries) });
      if (s.state === 'pending') Object.assign(e, { retryAt: s.retryAt.toISOString(), lastError: s.error });
      else if (s.state === 'failed') Object.assign(e, { lastError: s.error, doneAt: s.at.toISOString() });
      else Object.assign(e, { reason: s.reason, doneAt: s.at.toISOString() });
      return true;
    },
    async get(k) {
      const e = entries.get(id(k));
      return e ? structuredClone(e) : null;
    },
    async failed() {
      return [...entries.values()].filter((e) => e.state === 'failed');
    },
    async oldestUndeliveredAt() {
      const waiting = [...entries.values()].filter((e) => e.state === 'pending' || e.state === 'sending').map((e) => e.notice.at);
      return waiting.sort()[0] ?? null;
    },
  };
  const add = (notice: OutboxNotice) =>
    entries.set(id(notice), { notice, state: 'pending', attempts: 0, lease: null, leaseUntil: null, retryAt: null, deliveries: {}, lastError: null, reason: null, doneAt: null });
  return { store, entries, add };
}

function setup(options: { officials: Record<string, string[]>; messenger?: Messenger; apps?: Application[] }) {
  const outbox = memoryOutbox();
  let now = new Date('2026-05-13T03:00:00.000Z');
  let tokens = 0;
  const apps = new Map((options.apps ?? []).map((a) => [a.id, a]));
  const deps: SenderDeps = {
    outbox: outbox.store,
    applications: { get: async (appId) => apps.get(appId) ?? null },
    officials: directory(options.officials),
    messenger: options.messenger ?? wechat(),
    newId: () => `lease-${(tokens += 1)}`,
    now: () => now,
  };
  return {
    deps,
    outbox,
    setNow: (iso: string | Date) => void (now = new Date(iso)),
    later: (ms: number) => void (now = new Date(now.getTime() + ms)),
    entry: (n: OutboxNotice) => outbox.store.get(n) as Promise<OutboxEntry>,
  };
}

const sentTo = () => wx.state.subscribeRequests.map((r) => r.body.touser as string);

describe('the sender, against the fake WeChat server', () => {
  it('delivers an official message (another capability’s words: the roster import’s request) to the officials of its org, reading no application', async () => {
    const s = setup({ officials: { hotel: ['o-hotel-1', 'o-hotel-2'], bus: ['o-bus-1'] } });
    const notice: OutboxNotice = {
      applicationId: 'import-request#job-1#2',
      version: 0,
      kind: 'notice' as OutboxNotice['kind'],
      status: 'pending',
      action: 'official-notice',
      stepId: null,
      applicantOpenid: '-',
      reviewerOrgId: 'hotel',
      at: '2026-05-13T02:00:00.000Z',
      message: { template: 'todo', page: 'workbench/member/index?id=m1', data: { thing1: '会员转入请求', thing2: bus.name, time3: '2026-05-13', thing4: '请联系会员林*燕核实单位' } },
    };
    s.outbox.add(notice);
    const report = await deliverPending({ ...s.deps, applications: { get: async () => Promise.reject(new Error('no application is read')) } });
    expect(report).toMatchObject({ claimed: 1, sent: 1, messages: 2, errors: 0, retried: 0 });
    const bodies = wx.state.subscribeRequests.map((r) => r.body as { touser: string; template_id: string; page: string; data: Record<string, { value: string }> });
    expect(bodies.map((b) => `${b.touser} ${b.template_id} ${b.page}`).sort()).toEqual(['o-hotel-1 tpl-todo workbench/member/index?id=m1', 'o-hotel-2 tpl-todo workbench/member/index?id=m1']);
    expect(bodies[0]?.data.thing2?.value).toBe('海口椰城公共交通有限公司工会');
    expect((await s.entry(notice)).state).toBe('sent');
  });

  it('claims each notice, sends each recipient its template, page and data once, and marks it sent', async () => {
    const { apps, notices } = transfer();
    const s = setup({ officials: { bus: ['o-bus-1', 'o-bus-2'], hotel: ['o-hotel-1'] }, apps: [apps.at(-1) as Application] });
    notices.forEach(s.outbox.add);
    const report = await deliverPending(s.deps);
    expect(report).toMatchObject({ claimed: 3, sent: 3, messages: 5, refusals: 0, retried: 0, failed: 0, errors: 0 });
    // Notices go side by side (SENDER.concurrency): compare without order.
    expect(wx.state.subscribeRequests.map((r) => `${r.body.touser} ${r.body.template_id}`).sort()).toEqual(
      ['o-bus-1 tpl-todo', 'o-bus-2 tpl-todo', 'o-applicant tpl-progress', 'o-hotel-1 tpl-todo', 'o-applicant tpl-progress'].sort(),
    );
    const bodies = wx.state.subscribeRequests.map((r) => r.body as { touser: string; data: Record<string, { value: string }> });
    const submitted = bodies.find((b) => b.touser === 'o-bus-1');
    const approved = bodies.find((b) => b.data.phrase2?.value === '审核通过');
    const rejected = bodies.find((b) => b.data.phrase2?.value === '未通过');
    expect(submitted).toMatchObject({
      page: `staff/application/index?id=${notices[0]?.applicationId}`,
      data: { thing1: { value: '会员关系转接待审核' }, thing2: { value: '林晓燕' }, time3: { value: '2026-05-18' }, thing4: { value: '有新的申请待您审核' } },
    });
    expect(approved).toMatchObject({
      page: `apply/application/index?id=${notices[0]?.applicationId}`,
      data: { phrase2: { value: '审核通过' }, thing3: { value: bus.name }, time4: { value: '2026-05-12 10:00' }, thing5: { value: `待${hotel.name}办理` } },
    });
    // A rejection carries its reason, cut to WeChat's 20 characters.
    expect(rejected?.data).toMatchObject({ phrase2: { value: '未通过' }, thing5: { value: '本单位暂无接收计划，请与转入单位确认劳…' } });
    for (const n of notices) expect(await s.entry(n)).toMatchObject({ state: 'sent', attempts: 1, lease: null, retryAt: null });
    expect(Object.keys((await s.entry(notices[0] as OutboxNotice)).deliveries)).toEqual(['todo:o-bus-1', 'todo:o-bus-2']);

    // Nothing is due any more: a second run sends nothing.
    s.later(24 * 3_600_000);
    expect((await deliverPending(s.deps)).claimed).toBe(0);
    expect(wx.state.subscribeRequests).toHaveLength(5);
  });

  it('skips a recipient who has not subscribed (43101) for good; a notice nobody could get is skipped with the reason', async () => {
    const { apps, notices } = transfer('unsubscribed-applicant');
    const s = setup({ officials: { bus: ['o-bus-1', 'unsubscribed-bus-2'], hotel: ['unsubscribed-hotel'] }, apps: [apps.at(-1) as Application] });
    notices.forEach(s.outbox.add);
    const report = await deliverPending(s.deps);
    expect(report).toMatchObject({ claimed: 3, sent: 1, skipped: 2, messages: 1, refusals: 4, retried: 0 });
    const [first, second] = [await s.entry(notices[0] as OutboxNotice), await s.entry(notices[1] as OutboxNotice)];
    expect(first.state).toBe('sent');
    expect(first.deliveries['todo:unsubscribed-bus-2']).toMatchObject({ status: 'skipped', reason: 'user has not subscribed to this template (43101)' });
    expect(second).toMatchObject({ state: 'skipped', reason: 'user has not subscribed to this template (43101)', attempts: 1 });
    s.later(24 * 3_600_000);
    await deliverPending(s.deps);
    expect(wx.state.subscribeRequests).toHaveLength(5); // never asked again
  });

  it('retries after -1 with growing pauses, never re-sending to recipients already served, and fails after SENDER.maxAttempts', async () => {
    const { apps, notices } = transfer();
    const s = setup({ officials: { bus: ['o-bus-1', 'busy-bus-2'] }, apps: [apps[0] as Application] });
    const filed = notices[0] as OutboxNotice;
    s.outbox.add(filed);
    const retries: string[] = [];
    let now = Date.parse('2026-05-13T03:00:00.000Z');
    for (let attempt = 1; attempt <= SENDER.maxAttempts; attempt += 1) {
      s.setNow(new Date(now));
      await deliverPending(s.deps);
      const e = await s.entry(filed);
      if (e.retryAt) {
        retries.push(`${(Date.parse(e.retryAt) - now) / 60_000} min`);
        s.setNow(new Date(Date.parse(e.retryAt) - 1));
        expect((await deliverPending(s.deps)).claimed, 'not before its pause is over').toBe(0);
        now = Date.parse(e.retryAt);
      }
    }
    expect(retries).toEqual(['5 min', '10 min', '20 min', '40 min', '80 min']);
    const failed = await s.entry(filed);
    expect(failed).toMatchObject({ state: 'failed', attempts: SENDER.maxAttempts, lastError: 'WECHAT_UNAVAILABLE' });
    expect(failed.deliveries).toEqual({ 'todo:o-bus-1': expect.objectContaining({ status: 'sent' }) as Delivery });
    expect(sentTo().filter((t) => t === 'o-bus-1')).toHaveLength(1);
    expect(sentTo().filter((t) => t === 'busy-bus-2')).toHaveLength(SENDER.maxAttempts);
    expect(errors.filter((l) => l.includes('"metric":"NoticeFailed"'))).toHaveLength(1);
    s.later(24 * 3_600_000);
    expect((await deliverPending(s.deps)).claimed).toBe(0);
    expect(await s.outbox.store.failed(10)).toHaveLength(1);
  });

  it('logs the age of the oldest notice still to deliver after every run, 0 once the outbox is empty (OutboxOldestAge alarm)', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'info';
    try {
      const backlog = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.metric === 'OutboxOldestAge');
      const { apps, notices } = transfer();
      const filed = notices[0] as OutboxNotice;
      const waiting = setup({ officials: { bus: ['busy-bus-1'] }, apps: [apps[0] as Application] });
      waiting.outbox.add(filed);
      await deliverPending(waiting.deps); // -1: pending again, to retry
      expect(backlog()).toEqual([
        expect.objectContaining({ ageSeconds: (Date.parse('2026-05-13T03:00:00.000Z') - Date.parse(filed.at)) / 1000 }),
      ]);

      const served = setup({ officials: { bus: ['o-bus-1'] }, apps: [apps[0] as Application] });
      served.outbox.add(filed);
      await deliverPending(served.deps);
      expect(backlog().at(-1)).toMatchObject({ ageSeconds: 0 });
      expect(backlog()).toHaveLength(2);
    } finally {
      if (previous === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previous;
    }
  });

  it('treats a time-out like -1: retried later', async () => {
    const { apps, notices } = transfer();
    const s = setup({ officials: { bus: ['silent-bus-1'] }, apps: [apps[0] as Application] });
    s.outbox.add(notices[0] as OutboxNotice);
    const started = Date.now();
    expect(await deliverPending(s.deps)).toMatchObject({ claimed: 1, retried: 1, messages: 0 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await s.entry(notices[0] as OutboxNotice)).toMatchObject({ state: 'pending', attempts: 1, lastError: 'WECHAT_UNAVAILABLE', retryAt: '2026-05-13T03:05:00.000Z' });
  });

  it('stops sending when its lease runs short, and the next sender finishes after it expired, without duplicates', async () => {
    const { apps, notices } = transfer();
    const client = wechat();
    let s: ReturnType<typeof setup> | undefined;
    // Each message takes WeChat 30 s in this world.
    const slow: Messenger = { send: async (m) => (s?.later(30_000), client.send(m)) };
    s = setup({ officials: { bus: ['o-bus-1', 'o-bus-2', 'o-bus-3'] }, apps: [apps[0] as Application], messenger: slow });
    const t0 = Date.parse('2026-05-13T03:00:00.000Z');
    s.setNow(new Date(t0));
    s.outbox.add(notices[0] as OutboxNotice);
    // Lease until t0 + 60 s: the third message would start at t0 + 60 s, with no time left.
    expect(await deliverPending(s.deps)).toMatchObject({ claimed: 1, sent: 0, messages: 2 });
    expect(sentTo()).toEqual(['o-bus-1', 'o-bus-2']);
    expect(await s.entry(notices[0] as OutboxNotice)).toMatchObject({ state: 'sending', leaseUntil: '2026-05-13T03:01:00.000Z' });
    // While the lease may still be in use, nobody else takes the notice.
    s.setNow(new Date(t0 + 59_000));
    expect((await deliverPending(s.deps)).claimed).toBe(0);
    s.setNow(new Date(t0 + 61_000));
    expect(await deliverPending(s.deps)).toMatchObject({ claimed: 1, sent: 1, messages: 1 });
    expect(sentTo()).toEqual(['o-bus-1', 'o-bus-2', 'o-bus-3']);
    expect(await s.entry(notices[0] as OutboxNotice)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('skips a kind of message whose template id is not configured, without asking WeChat', async () => {
    const { apps, notices } = transfer();
    const client = createWeChatSubscribeClient({ appId: 'wx-app', appSecret: 'app-secret', apiBase: wx.base, timeoutMs: FAKE_WECHAT_TIMEOUT_MS });
    const s = setup({ officials: { bus: ['o-bus-1'] }, apps: [apps[0] as Application], messenger: templateMessenger(client, { ...TEMPLATES, todo: '' }) });
    s.outbox.add(notices[0] as OutboxNotice);
    await deliverPending(s.deps);
    expect(await s.entry(notices[0] as OutboxNotice)).toMatchObject({ state: 'skipped', reason: 'no template id configured for todo' });
    expect(wx.state.subscribeRequests).toEqual([]);
  });

  it('gives up a notice whose last permitted attempt vanished (its lease expired)', async () => {
    const { apps, notices } = transfer();
    const s = setup({ officials: { bus: ['o-bus-1'] }, apps: [apps[0] as Application] });
    const filed = notices[0] as OutboxNotice;
    s.outbox.add(filed);
    const entry = s.outbox.entries.get(`${filed.applicationId}#1`) as OutboxEntry;
    Object.assign(entry, { state: 'sending', attempts: SENDER.maxAttempts, lease: 'gone', leaseUntil: '2026-05-13T02:00:00.000Z', lastError: 'WECHAT_UNAVAILABLE' });
    expect(await deliverPending(s.deps)).toMatchObject({ claimed: 0, failed: 1 });
    expect(await s.entry(filed)).toMatchObject({ state: 'failed', attempts: SENDER.maxAttempts });
    expect(wx.state.subscribeRequests).toEqual([]);
  });
});

describe('who hears of what', () => {
  const officials = directory({ bus: ['o-bus-1'], hotel: ['o-hotel-1', 'o-applicant'], hk: ['o-hk-1'] });
  const heard = async (n: OutboxNotice) => (await recipientsOf(n, officials)).map((r) => r.key);

  it('tells the reviewers of a new step, the applicant of decisions, nobody of the applicant’s own actions', async () => {
    const { notices } = transfer();
    const [filed, approved, rejected] = notices as [OutboxNotice, OutboxNotice, OutboxNotice];
    expect(await heard(filed)).toEqual(['todo:o-bus-1']);
    // An applicant who is also an official of the next union is told once, as applicant.
    expect(await heard(approved)).toEqual(['progress:o-applicant', 'todo:o-hotel-1']);
    expect(await heard(rejected)).toEqual(['progress:o-applicant']);
    expect(await heard({ ...filed, action: 'cancelled', status: 'cancelled', reviewerOrgId: null })).toEqual([]);
    expect(await heard({ ...filed, action: 'resubmitted' })).toEqual(['todo:o-bus-1']);
    expect(await heard({ ...filed, action: 'reminded' })).toEqual(['todo:o-bus-1']);
    expect(await heard({ ...filed, action: 'escalated', reviewerOrgId: haikou.id })).toEqual(['overdue:o-hk-1']);
  });

  it('tells the 回访 union of a 差评, and the applicant of the 回访 recorded (好差评)', async () => {
    const { apps, notices } = transfer();
    const closed = notices[2] as OutboxNotice;
    const followUp: NonNullable<Application['followUp']> = {
      org: bus,
      status: 'done',
      openedAt: '2026-05-14T02:00:00.000Z',
      dueDate: '2026-06-03',
      note: '已电话联系会员，说明接收条件',
      doneAt: '2026-05-20T02:00:00.000Z',
      doneBy: 'o-bus-1',
      doneAs: 'official',
      doneByOrg: { id: bus.id, name: bus.name },
      onTime: true,
    };
    const app = { ...(apps[2] as Application), followUp };
    const rated = { ...closed, version: 4, action: 'rated' as const, reviewerOrgId: bus.id };
    const followedUp = { ...closed, version: 5, action: 'followed-up' as const, reviewerOrgId: null };
    expect(await heard(rated)).toEqual(['todo:o-bus-1']);
    expect(await heard({ ...rated, reviewerOrgId: null })).toEqual([]); // a good rating opens no 回访
    expect(await heard(followedUp)).toEqual(['progress:o-applicant']);
    // The applicant closed their account meanwhile (PIPL): the application keeps a placeholder, nobody is told.
    expect(await heard({ ...followedUp, applicantOpenid: 'closed:01JCLOSEDACCOUNT0000000000' })).toEqual([]);
    expect(await heard({ ...rated, applicantOpenid: 'closed:01JCLOSEDACCOUNT0000000000' })).toEqual(['todo:o-bus-1']);
    expect(messageFor(rated, app, { key: 'k', openid: 'o-bus-1', template: 'todo' }).data).toEqual({
      thing1: '会员关系转接差评回访',
      thing2: '林晓燕',
      time3: '2026-06-03',
      thing4: '收到差评，请及时回访',
    });
    expect(messageFor(followedUp, app, { key: 'k', openid: 'o-applicant', template: 'progress' }).data).toMatchObject({
      phrase2: '已回访',
      thing3: bus.name,
      thing5: '已电话联系会员，说明接收条件',
    });
  });

  it('words each message within WeChat’s limits', () => {
    const { apps, notices } = transfer();
    const app = apps[0] as Application;
    const reminded = { ...(notices[0] as OutboxNotice), action: 'reminded' as const };
    expect(messageFor(reminded, app, { key: 'k', openid: 'o-bus-1', template: 'todo' }).data).toEqual({
      thing1: '会员关系转接待审核',
      thing2: '林晓燕',
      time3: '2026-05-18',
      thing4: '即将到期，请及时办理',
    });
    const escalated = { ...(notices[0] as OutboxNotice), action: 'escalated' as const, reviewerOrgId: haikou.id };
    const overdue = messageFor(escalated, app, { key: 'k', openid: 'o-hk-1', template: 'overdue' });
    expect(overdue).toMatchObject({ template: 'overdue', page: `staff/application/index?id=${app.id}` });
    expect(overdue.data.thing2).toBe('海口椰城公共交通有限公司工会');
    for (const value of Object.values(overdue.data)) expect(Array.from(value).length).toBeLessThanOrEqual(20);
  });

  it('pauses 5 min after the first failure, doubling, at most 2 h', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => retryDelayMs(n) / 60_000)).toEqual([5, 10, 20, 40, 80, 120, 120]);
  });
});

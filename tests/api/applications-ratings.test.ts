import { beforeAll, describe, expect, it } from 'vitest';
import { joinForm } from '../integration/applications/world';
import { call, loginAs, unique } from './client';

/**
 * 好差评 over HTTP (serverless-offline + DynamoDB Local with the demo data): rating a closed
 * application, the 回访 of a 差评 and the satisfaction figures — who may call each, bad input, and
 * never a 5xx.
 *
 * Applications used: joins filed by new log-ins to 海口椰城公交工会 (org-g-hk-bus) and decided by
 * its official `bus`; above it 海口市总 (`haikou`), 省总 (`province`) and `admin`. `sanya` and
 * `hotel` are officials elsewhere. Only this file rates, so the figures' changes are exact.
 */
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];
const BUS = 'org-g-hk-bus';

beforeAll(async () => {
  for (const who of ['admin', 'province', 'haikou', 'sanya', 'bus', 'hotel', 'member', 'guest', 'clerk']) tokens[who] = await loginAs(who);
}, 60_000);

/** A join to the bus union by a new log-in; decided by `bus` unless `decision` is null. */
async function join(decision: 'approve' | 'reject' | null = 'approve') {
  const token = await loginAs(unique('rate'));
  const filed = await call('POST', '/api/applications', { token, json: { kind: 'join', form: joinForm(BUS) } });
  expect(filed.status, filed.text).toBe(201);
  const id = filed.body.application.id as string;
  if (decision) {
    const decided = await call('POST', `/api/applications/${id}/decisions`, {
      token: as('bus'),
      json: { step: 's1', decision, ...(decision === 'reject' ? { comment: '请补充工作单位证明' } : {}) },
    });
    expect(decided.status, decided.text).toBe(200);
  }
  return { token, id };
}

const rate = (token: string | undefined, id: string, json: unknown) => call('POST', `/api/applications/${id}/rating`, { token, json });
const followUp = (token: string | undefined, id: string, json: unknown) => call('POST', `/api/applications/${id}/follow-up`, { token, json });
const followUpQueue = async (who: string, query = '') => {
  const answer = await call('GET', `/api/admin/applications?followUp=open${query}`, { token: as(who) });
  expect(answer.status, answer.text).toBe(200);
  return answer.body.items as Array<{ id: string; followUp: unknown; rating: unknown }>;
};

describe('POST /api/applications/{id}/rating', () => {
  it('rates a closed application once, by its applicant only', async () => {
    const pending = await join(null);
    const notYet = await rate(pending.token, pending.id, { level: 5 });
    expect(refusal(notYet)).toEqual([409, 'NOT_RATABLE']);
    expect(notYet.body.error.message).toMatch(/办结/);

    const { token, id } = await join('approve');
    for (const who of ['member', 'guest', 'clerk', 'sanya', 'hotel']) {
      expect(refusal(await rate(as(who), id, { level: 1 })), who).toEqual([404, 'NOT_FOUND']);
    }
    for (const who of ['bus', 'haikou', 'province', 'admin']) {
      expect(refusal(await rate(as(who), id, { level: 1 })), who).toEqual([403, 'FORBIDDEN']);
    }
    expect(refusal(await rate(undefined, id, { level: 1 }))).toEqual([401, 'UNAUTHENTICATED']);

    const rated = await rate(token, id, { level: 4, comment: '  办理顺利  ' });
    expect(rated.status, rated.text).toBe(200);
    expect(rated.body.application).toMatchObject({
      status: 'approved',
      rating: { level: 4, label: '满意', comment: '办理顺利' },
      followUp: null,
      can: { rate: false, followUp: false },
    });
    expect(rated.body.application.rating.at).toMatch(/\+08:00$/);
    const again = await rate(token, id, { level: 5 });
    expect(refusal(again)).toEqual([409, 'ALREADY_RATED']);
    expect(again.body.error.message).toMatch(/只能评价一次/);
    const read = await call('GET', `/api/applications/${id}`, { token: as('bus') });
    expect(read.body.application.rating).toMatchObject({ level: 4, comment: '办理顺利' });
    const mine = await call('GET', '/api/me/applications', { token });
    expect(mine.body.items[0]).toMatchObject({ id, rating: { level: 4 }, followUp: null });
  });

  it('of two ratings sent at once, exactly one is taken', async () => {
    const { token, id } = await join('approve');
    const answers = await Promise.all([rate(token, id, { level: 5 }), rate(token, id, { level: 3 })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.error.code).toBe('ALREADY_RATED');
    const read = await call('GET', `/api/applications/${id}`, { token });
    expect(read.body.application.rating.level).toBe(answers.find((a) => a.status === 200)?.body.application.rating.level);
    expect(read.body.application.timeline.filter((e: { action: string }) => e.action === 'rated')).toHaveLength(1);
  });

  it('refuses bad bodies in Chinese, and unknown applications', async () => {
    const { token, id } = await join('approve');
    for (const json of [{}, { level: 0 }, { level: 6 }, { level: '5' }, { level: 3.5 }, { level: null }, { level: 5, extra: 1 }, { level: 5, comment: 'x'.repeat(201) }, { level: 5, comment: 5 }, []]) {
      const answer = await rate(token, id, json);
      expect(refusal(answer), JSON.stringify(json)).toEqual([400, 'INVALID_INPUT']);
      expect(answer.body.error.message, JSON.stringify(json)).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(refusal(await call('POST', `/api/applications/${id}/rating`, { token, raw: '{"level":' }))).toEqual([400, 'INVALID_JSON']);
    expect(refusal(await call('POST', `/api/applications/${id}/rating`, { token, raw: 'level=5', headers: { 'content-type': 'text/plain' } }))).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
    expect(refusal(await rate(token, 'not-an-id', { level: 5 }))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await rate(token, '01ARZ3NDEKTSV4RRFFQ69G5FAV', { level: 5 }))).toEqual([404, 'NOT_FOUND']);
    expect((await call('GET', `/api/applications/${id}`, { token })).body.application.rating).toBeNull();
  });
});

describe('POST /api/applications/{id}/follow-up', () => {
  it('a 差评 opens a 回访 for the deciding union, in its queue and above; recorded once by its officials or those above', async () => {
    const { token, id } = await join('reject');
    const rated = await rate(token, id, { level: 1, comment: '驳回理由看不懂' });
    expect(rated.status, rated.text).toBe(200);
    const opened = rated.body.application.followUp;
    expect(opened).toMatchObject({ org: { id: BUS, name: '海口椰城公共交通有限公司工会' }, status: 'open', overdue: false, note: null, doneBy: null, onTime: null });
    expect(opened.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // 15 working days span at least two weekends: 19 calendar days or more from today's date (minus
    // the part of today gone), at most about six weeks (the longest holiday is a week or so).
    const days = (Date.parse(opened.dueDate) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(17);
    expect(days).toBeLessThan(45);

    for (const who of ['bus', 'haikou', 'province', 'admin']) {
      expect((await followUpQueue(who)).find((a) => a.id === id), who).toMatchObject({ rating: { level: 1 }, followUp: { status: 'open', dueDate: opened.dueDate } });
    }
    for (const who of ['sanya', 'hotel']) expect((await followUpQueue(who)).map((a) => a.id), who).not.toContain(id);
    expect((await followUpQueue('bus', '&kind=transfer')).map((a) => a.id)).not.toContain(id);
    expect((await followUpQueue('bus', '&status=rejected&kind=join')).map((a) => a.id)).toContain(id);
    expect((await call('GET', '/api/admin/applications', { token: as('bus') })).body.items.map((a: { id: string }) => a.id)).not.toContain(id);

    for (const json of [{}, { note: '' }, { note: '   ' }, { note: 'x'.repeat(501) }, { note: '已回访', extra: true }, { note: 7 }]) {
      expect(refusal(await followUp(as('bus'), id, json)), JSON.stringify(json)).toEqual([400, 'INVALID_INPUT']);
    }
    for (const who of ['sanya', 'hotel', 'member', 'guest', 'clerk']) {
      expect(refusal(await followUp(as(who), id, { note: '已回访' })), who).toEqual([404, 'NOT_FOUND']);
    }
    expect(refusal(await followUp(token, id, { note: '我自己回访' }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await followUp(undefined, id, { note: '已回访' }))).toEqual([401, 'UNAUTHENTICATED']);

    const done = await followUp(as('haikou'), id, { note: '市总工会已电话回访，解释了驳回原因并指导补充材料' });
    expect(done.status, done.text).toBe(200);
    expect(done.body.application.followUp).toMatchObject({
      status: 'done',
      onTime: true,
      overdue: false,
      note: '市总工会已电话回访，解释了驳回原因并指导补充材料',
      doneBy: { role: 'ancestor', org: { id: 'org-haikou', name: '海口市总工会' } },
    });
    expect(done.body.application.can.followUp).toBe(false);
    expect(refusal(await followUp(as('bus'), id, { note: '再登记一次' }))).toEqual([409, 'FOLLOW_UP_ALREADY_DONE']);
    expect((await followUpQueue('bus')).map((a) => a.id)).not.toContain(id);
    expect((await call('GET', `/api/applications/${id}`, { token })).body.application.followUp.note).toMatch(/电话回访/);
  });

  it('answers NO_FOLLOW_UP without a 差评, and refuses a bad queue filter and callers who are not officials', async () => {
    const { token, id } = await join('approve');
    expect(refusal(await followUp(as('bus'), id, { note: '已回访' }))).toEqual([409, 'NO_FOLLOW_UP']);
    await rate(token, id, { level: 3 });
    expect(refusal(await followUp(as('bus'), id, { note: '已回访' }))).toEqual([409, 'NO_FOLLOW_UP']);
    expect(refusal(await followUp(as('bus'), '01ARZ3NDEKTSV4RRFFQ69G5FAV', { note: '已回访' }))).toEqual([404, 'NOT_FOUND']);
    for (const who of ['member', 'guest', 'clerk']) {
      expect(refusal(await call('GET', '/api/admin/applications?followUp=open', { token: as(who) })), who).toEqual([403, 'FORBIDDEN']);
    }
    for (const query of ['?followUp=closed', '?followUp=', '?followUp=open&page=2']) {
      expect(refusal(await call('GET', `/api/admin/applications${query}`, { token: as('bus') })), query).toEqual([400, 'INVALID_INPUT']);
    }
  });
});

describe('GET /api/admin/satisfaction', () => {
  type Figures = { rated: number; good: number; bad: number; followedUp: number; followedUpOnTime: number; levels: Array<{ level: number; count: number }> };
  const figures = async (who: string, query: string) => {
    const answer = await call('GET', `/api/admin/satisfaction${query}`, { token: as(who) });
    expect(answer.status, answer.text).toBe(200);
    return answer.body as { month: string; scope: Array<{ id: string }>; formulas: Record<string, string>; total: Figures; byKind: Array<Figures & { kind: string }> };
  };
  const join_ = (f: Awaited<ReturnType<typeof figures>>) => f.byKind.find((k) => k.kind === 'join') as Figures;
  const shape = (f: Figures) => [f.rated, f.good, f.bad, f.followedUp, f.followedUpOnTime, ...f.levels.map((l) => l.count)];
  const minus = (a: number[], b: number[]) => a.map((n, i) => n - (b[i] as number));

  it('counts ratings and 回访 of the subtree for the union, the city, the province and admins; nothing for another city', async () => {
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const who = ['bus', 'haikou', 'province', 'admin', 'sanya'];
    const before = await Promise.all(who.map((w) => figures(w, `?month=${month}`)));

    const good = await join('approve');
    const bad = await join('reject');
    const first = await rate(good.token, good.id, { level: 5 });
    expect(first.body.application.rating.at.slice(0, 7)).toBe(month);
    await rate(bad.token, bad.id, { level: 2, comment: '没说清楚' });
    expect((await followUp(as('bus'), bad.id, { note: '已回访答复' })).status).toBe(200);

    const after = await Promise.all(who.map((w) => figures(w, `?month=${month}`)));
    // rated, good, bad, followedUp, on time, then levels 5…1.
    for (const [i, name] of who.entries()) {
      const delta = minus(shape(join_(after[i] as Awaited<ReturnType<typeof figures>>)), shape(join_(before[i] as Awaited<ReturnType<typeof figures>>)));
      expect(delta, name).toEqual(name === 'sanya' ? [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] : [2, 1, 1, 1, 1, 1, 0, 0, 1, 0]);
    }
    const province = after[2] as Awaited<ReturnType<typeof figures>>;
    expect(province).toMatchObject({ month, scope: [{ id: 'org-hainan', name: '海南省总工会' }] });
    expect(province.formulas).toEqual({
      satisfactionRate: '满意率 = (非常满意 + 满意 + 基本满意) ÷ 全部评价',
      followUpOnTimeRate: expect.stringContaining('15个工作日内完成回访的差评'),
    });
    expect(province.byKind.map((k) => k.kind)).toEqual(['join', 'transfer', 'subsidy', 'hardship']);
    const total = province.total as Figures & { satisfactionRate: number };
    expect(total.satisfactionRate).toBeCloseTo(total.good / total.rated, 4);
    expect((await figures('haikou', '')).month).toBe(month);
    expect((await figures('province', `?month=${month}&kind=join`)).byKind.map((k) => k.kind)).toEqual(['join']);
    expect((await figures('province', '?month=2020-01')).total).toMatchObject({ rated: 0, satisfactionRate: null, followUpOnTimeRate: null });
  });

  it('refuses members, clerks, anonymous callers and bad queries', async () => {
    for (const who of ['member', 'guest', 'clerk']) {
      expect(refusal(await call('GET', '/api/admin/satisfaction', { token: as(who) })), who).toEqual([403, 'FORBIDDEN']);
    }
    expect(refusal(await call('GET', '/api/admin/satisfaction'))).toEqual([401, 'UNAUTHENTICATED']);
    for (const query of ['?month=2026-13', '?month=202611', '?month=2026-1', '?month=', '?kind=loan', '?orgId=org-haikou']) {
      const answer = await call('GET', `/api/admin/satisfaction${query}`, { token: as('province') });
      expect(refusal(answer), query).toEqual([400, 'INVALID_INPUT']);
      expect(answer.body.error.message, query).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('junk', () => {
  it('never answers junk with a 5xx', async () => {
    const junk = ['', ' ', '{}', '[]', '"x"', '1e999', '{"level":{"$gt":0}}', '\u0000', '{"note":[]}', '{"level":5,"comment":null}'];
    for (const path of ['/api/applications/01ARZ3NDEKTSV4RRFFQ69G5FAV/rating', '/api/applications/01ARZ3NDEKTSV4RRFFQ69G5FAV/follow-up']) {
      for (const raw of junk) {
        const answer = await call('POST', path, { raw, token: as('member') });
        expect(answer.status, `${path} ${raw}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${path} ${raw}`).toBeLessThan(500);
      }
    }
  });
});

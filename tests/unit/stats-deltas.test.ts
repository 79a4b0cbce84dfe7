import { describe, expect, it } from 'vitest';
import { chunks, notApplied, paddedSeq, type SourceChange } from '../../functions/stats/domain/batch';
import {
  applicationFigures,
  chinaMonth,
  difference,
  groupByItem,
  memberFigures,
  secondsToDecide,
  type ApplicationImage,
  type Delta,
  type MemberImage,
} from '../../functions/stats/domain/deltas';
import { dashboard, dayBefore, monthsEnding, sumItems } from '../../functions/stats/domain/figures';
import { applyStreamRecords, type StreamRecordInput } from '../../functions/stats/services/stream';
import type { StatsStore, StreamDeps } from '../../functions/stats/services/ports';
import { cachedOrgPaths } from '../../functions/stats/services/org-paths';
import type { Chunk } from '../../functions/stats/domain/batch';

/**
 * The dashboard's counters without a database: what one stored member or application contributes,
 * what a stream record (old → new image) changes, batches as transactions, retried batches applied
 * once, and the answer composed from counter items.
 */

const path = ['p', 'hk', 'bus'];
const member = (over: Partial<MemberImage> = {}): MemberImage => ({ id: 'm1', orgId: 'bus', createdAt: '2026-10-31T17:00:00.000Z', ...over });
const sortDeltas = (ds: Delta[]) => [...ds].sort((a, b) => `${a.orgId}${a.sk}${a.attribute}`.localeCompare(`${b.orgId}${b.sk}${b.attribute}`));

describe('a member’s figures', () => {
  it('counts a member for each org of their union’s path: total, bound, joined in the month of the entry (China)', () => {
    // 17:00 UTC on Oct 31 is Nov 1 in China.
    expect(chinaMonth('2026-10-31T17:00:00.000Z')).toBe('2026-11');
    const figures = memberFigures(member({ openid: 'o1' }), path);
    expect(sortDeltas(figures)).toEqual(
      sortDeltas(
        path.flatMap((orgId) => [
          { orgId, sk: 'members#all', attribute: 'total', n: 1 },
          { orgId, sk: 'members#all', attribute: 'bound', n: 1 },
          { orgId, sk: 'members#2026-11', attribute: 'joined', n: 1 },
        ]),
      ),
    );
    expect(memberFigures(member(), path).filter((d) => d.attribute === 'bound')).toEqual([]);
    expect(memberFigures(null, path)).toEqual([]);
    expect(memberFigures(member(), null)).toEqual([]);
  });

  it('binding adds bound only; a transfer moves every figure from the old path to the new one', () => {
    expect(difference(memberFigures(member(), path), memberFigures(member({ openid: 'o1' }), path))).toEqual(
      path.map((orgId) => ({ orgId, sk: 'members#all', attribute: 'bound', n: 1 })),
    );
    const moved = difference(memberFigures(member({ openid: 'o1' }), path), memberFigures(member({ openid: 'o1', orgId: 'hotel' }), ['p', 'sy', 'hotel']));
    // The province keeps the member; Haikou and the bus union lose them, Sanya and the hotel gain them.
    expect(moved.filter((d) => d.orgId === 'p')).toEqual([]);
    expect(moved.filter((d) => d.orgId === 'hk').map((d) => d.n)).toEqual([-1, -1, -1]);
    expect(moved.filter((d) => d.orgId === 'hotel').map((d) => d.n)).toEqual([1, 1, 1]);
  });

  it('leaving (退会) takes the member out of total, bound and joined and counts them as left in the month it took effect', () => {
    expect(memberFigures(member({ status: 'left', leftAt: '2026-12-02T03:00:00.000Z', leftOn: '2026-10-31' }), ['p'])).toEqual([
      { orgId: 'p', sk: 'members#2026-10', attribute: 'left', n: 1 },
    ]);
    const left = member({ openid: 'o1', status: 'left', leftAt: '2026-12-02T03:00:00.000Z' });
    expect(memberFigures(left, path)).toEqual(path.map((orgId) => ({ orgId, sk: 'members#2026-12', attribute: 'left', n: 1 })));
    const change = difference(memberFigures(member({ openid: 'o1' }), path), memberFigures(left, path));
    expect(change.filter((d) => d.orgId === 'bus').map((d) => `${d.sk}.${d.attribute}${d.n}`).sort()).toEqual(
      ['members#2026-11.joined-1', 'members#2026-12.left1', 'members#all.bound-1', 'members#all.total-1'].sort(),
    );
  });

  it('a change that moves no figure (a name, a card number) changes nothing', () => {
    expect(difference(memberFigures(member(), path), memberFigures({ ...member(), cardNumber: '46' } as MemberImage, path))).toEqual([]);
  });
});

const steps = (...s: Array<{ status: string; decidedAt?: string }>) => JSON.stringify(s.map((x) => ({ decidedAt: null, ...x })));
const app = (over: Partial<ApplicationImage> = {}): ApplicationImage => ({
  id: 'a1',
  kind: 'transfer',
  status: 'pending',
  createdAt: '2026-11-02T02:00:00.000Z',
  steps: steps({ status: 'open' }, { status: 'waiting' }),
  orgL0: 'p',
  orgL1: 'hk',
  orgL2: 'bus',
  openDueDate: '2026-11-09',
  ...over,
});

describe('an application’s figures', () => {
  it('counts a pending application by kind and status, in its month, and by the due date of its open step, for each org it is filed under', () => {
    const bus = applicationFigures(app()).filter((d) => d.orgId === 'bus');
    expect(bus).toEqual([
      { orgId: 'bus', sk: 'apps#all', attribute: 'transfer_pending', n: 1 },
      { orgId: 'bus', sk: 'apps#2026-11', attribute: 'filed_transfer', n: 1 },
      { orgId: 'bus', sk: 'due#2026-11-09', attribute: 'open', n: 1 },
    ]);
    expect(new Set(applicationFigures(app()).map((d) => d.orgId))).toEqual(new Set(path));
  });

  it('step 1 approved: the application moves to the target union’s path and its new due date', () => {
    const before = app();
    const after = app({ steps: steps({ status: 'approved', decidedAt: '2026-11-03T02:00:00.000Z' }, { status: 'open' }), orgL1: 'sy', orgL2: 'hotel', openDueDate: '2026-11-10' });
    const change = difference(applicationFigures(before), applicationFigures(after));
    expect(change.filter((d) => d.orgId === 'p')).toEqual([
      { orgId: 'p', sk: 'due#2026-11-09', attribute: 'open', n: -1 },
      { orgId: 'p', sk: 'due#2026-11-10', attribute: 'open', n: 1 },
    ]);
    expect(change.filter((d) => d.orgId === 'bus').every((d) => d.n === -1)).toBe(true);
    expect(change.filter((d) => d.orgId === 'hotel').every((d) => d.n === 1)).toBe(true);
  });

  it('a decision counts the days from filing to the last decision, in the month decided; a later rating changes nothing', () => {
    const decided = app({
      status: 'approved',
      steps: steps({ status: 'approved', decidedAt: '2026-11-03T02:00:00.000Z' }, { status: 'approved', decidedAt: '2026-12-01T02:00:00.000Z' }),
      updatedAt: '2026-12-01T02:00:00.000Z',
      openDueDate: undefined,
    });
    expect(secondsToDecide(decided)).toBe(29 * 86_400);
    const bus = applicationFigures(decided).filter((d) => d.orgId === 'bus');
    expect(bus).toEqual([
      { orgId: 'bus', sk: 'apps#all', attribute: 'transfer_approved', n: 1 },
      { orgId: 'bus', sk: 'apps#2026-11', attribute: 'filed_transfer', n: 1 },
      { orgId: 'bus', sk: 'apps#all', attribute: 'decided', n: 1 },
      { orgId: 'bus', sk: 'apps#all', attribute: 'decideSeconds', n: 29 * 86_400 },
      { orgId: 'bus', sk: 'apps#2026-12', attribute: 'decided_transfer', n: 1 },
      { orgId: 'bus', sk: 'apps#2026-12', attribute: 'decideSeconds_transfer', n: 29 * 86_400 },
    ]);
    expect(difference(applicationFigures(decided), applicationFigures({ ...decided, updatedAt: '2026-12-20T00:00:00.000Z' }))).toEqual([]);
  });

  it('a withdrawal is no decision: pending → cancelled, the due date released', () => {
    const change = difference(applicationFigures(app()), applicationFigures(app({ status: 'cancelled', openDueDate: undefined, steps: steps({ status: 'withdrawn' }, { status: 'cancelled' }) })));
    expect(change.filter((d) => d.orgId === 'bus').map((d) => `${d.sk}.${d.attribute}${d.n}`)).toEqual([
      'apps#all.transfer_pending-1',
      'due#2026-11-09.open-1',
      'apps#all.transfer_cancelled1',
    ]);
  });

  it('insert and removal count and uncount the whole item', () => {
    expect(difference([], applicationFigures(app()))).toHaveLength(9);
    expect(difference(applicationFigures(app()), []).every((d) => d.n === -1)).toBe(true);
  });
});

describe('a stream batch as transactions', () => {
  const change = (itemKey: string, seq: string, orgs: string[]): SourceChange => ({
    itemKey,
    seq,
    deltas: orgs.map((orgId) => ({ orgId, sk: 'members#all', attribute: 'total', n: 1 })),
  });

  it('compares sequence numbers as numbers, whatever their length', () => {
    expect(paddedSeq('900') < paddedSeq('1000')).toBe(true);
    expect(() => paddedSeq('12a')).toThrow(RangeError);
  });

  it('drops the records at or before their item’s mark', () => {
    const batch = [change('m1', '100', ['p']), change('m1', '200', ['p']), change('m2', '150', ['p'])];
    expect(notApplied(batch, new Map([['m1', '100']])).map((c) => c.seq)).toEqual(['200', '150']);
  });

  it('sums a batch per counter item — one update each — and marks each item with its last record', () => {
    const [only, ...more] = chunks([change('m1', '1', ['p', 'hk']), change('m2', '2', ['p', 'hk']), change('m1', '3', ['p'])]);
    expect(more).toEqual([]);
    expect(only?.updates).toEqual([
      { orgId: 'p', sk: 'members#all', add: { total: 3 } },
      { orgId: 'hk', sk: 'members#all', add: { total: 2 } },
    ]);
    expect(only?.marks).toEqual([
      { itemKey: 'm1', seq: '3' },
      { itemKey: 'm2', seq: '2' },
    ]);
  });

  it('splits a batch that would need more than 100 items, in stream order', () => {
    const batch = Array.from({ length: 60 }, (_, i) => change(`m${i}`, String(i + 1), [`org${i}`]));
    const parts = chunks(batch);
    expect(parts.map((c) => c.records)).toEqual([50, 10]);
    for (const c of parts) expect(c.updates.length + c.marks.length).toBeLessThanOrEqual(100);
    expect(parts[1]?.marks[0]).toEqual({ itemKey: 'm50', seq: '51' });
  });
});

/** A stats table in memory, with the conditions of the real one. */
function memoryStats() {
  const counters = new Map<string, Record<string, number>>();
  const marks = new Map<string, string>();
  let transactions = 0;
  const store: StatsStore = {
    async read() {
      throw new Error('not used');
    },
    async openDueThrough() {
      throw new Error('not used');
    },
    async marks(source, keys) {
      return new Map(keys.flatMap((k) => (marks.has(`${source}#${k}`) ? [[k, marks.get(`${source}#${k}`) as string]] : [])));
    },
    async apply(source, chunk: Chunk, previous) {
      for (const m of chunk.marks) if ((marks.get(`${source}#${m.itemKey}`) ?? null) !== (previous.get(m.itemKey) ?? null)) return 'changed';
      transactions += 1;
      for (const u of chunk.updates) {
        const item = counters.get(`${u.orgId}|${u.sk}`) ?? {};
        for (const [a, n] of Object.entries(u.add)) item[a] = (item[a] ?? 0) + n;
        counters.set(`${u.orgId}|${u.sk}`, item);
      }
      for (const m of chunk.marks) marks.set(`${source}#${m.itemKey}`, m.seq);
      return 'done';
    },
  };
  return { store, counters, transactions: () => transactions };
}

const S = (value: string) => ({ S: value });
const record = (seq: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null): StreamRecordInput => {
  const img = (m: Record<string, unknown> | null) => (m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, S(String(v))])) : undefined);
  const id = (after ?? before)?.id as string;
  return { eventName: 'MODIFY', dynamodb: { Keys: { id: S(id) }, SequenceNumber: seq, OldImage: img(before), NewImage: img(after) } };
};

describe('applying a stream batch', () => {
  const orgs = { getMany: async (ids: readonly string[]) => new Map(ids.flatMap((id) => (id === 'bus' ? [[id, { path }]] : id === 'hotel' ? [[id, { path: ['p', 'sy', 'hotel'] }]] : []))) };

  it('counts a batch once, even when it is delivered again (whole, or its second half)', async () => {
    const { store, counters, transactions } = memoryStats();
    const deps: StreamDeps = { stats: store, orgPaths: cachedOrgPaths(orgs as never, 60_000), now: () => new Date() };
    const m = { id: 'm1', orgId: 'bus', createdAt: '2026-11-02T00:00:00.000Z' };
    const batch = [
      record('101', null, m),
      record('102', m, { ...m, openid: 'o1' }),
      record('103', { ...m, openid: 'o1' }, { ...m, openid: 'o1', orgId: 'hotel' }),
      record('104', null, { id: 'm2', orgId: 'bus', createdAt: '2026-11-03T00:00:00.000Z' }),
    ];
    const first = await applyStreamRecords(deps, 'members', batch);
    expect(first).toMatchObject({ records: 4, applied: 4, skipped: 0, transactions: 1 });
    expect(await applyStreamRecords(deps, 'members', batch)).toMatchObject({ applied: 0, skipped: 4, transactions: 0 });
    expect(await applyStreamRecords(deps, 'members', batch.slice(2))).toMatchObject({ applied: 0, skipped: 2 });
    expect(transactions()).toBe(1);
    expect(counters.get('p|members#all')).toEqual({ total: 2, bound: 1 });
    expect(counters.get('bus|members#all')).toEqual({ total: 1 }); // bound +1 and −1 in one batch: no update of it
    expect(counters.get('hotel|members#all')).toEqual({ total: 1, bound: 1 });
  });

  it('counts a member of an unknown org nowhere, and goes on', async () => {
    const { store, counters } = memoryStats();
    const deps: StreamDeps = { stats: store, orgPaths: cachedOrgPaths(orgs as never, 60_000), now: () => new Date() };
    const report = await applyStreamRecords(deps, 'members', [record('7', null, { id: 'm9', orgId: 'nowhere', createdAt: '2026-11-02T00:00:00.000Z' })]);
    expect(report.applied).toBe(0);
    expect(counters.size).toBe(0);
  });
});

describe('the dashboard from counter items', () => {
  it('12 months ending with the one asked, across a year', () => {
    expect(monthsEnding('2026-03')).toEqual([
      '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
    ]);
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
  });

  it('sums the roots, computes rates and means, and fills months without items with 0', () => {
    const a = new Map<string, Record<string, number>>([
      ['members#all', { total: 3, bound: 1 }],
      ['apps#all', { join_pending: 2, transfer_approved: 1, decided: 2, decideSeconds: 3 * 86_400 }],
      ['apps#2026-11', { filed_join: 2, decided_transfer: 1, decideSeconds_transfer: 86_400 }],
      ['members#2026-11', { joined: 3 }],
    ]);
    const b = new Map<string, Record<string, number>>([['members#all', { total: 1, bound: 1 }], ['apps#all', { join_rejected: 1 }]]);
    const answer = dashboard({
      month: '2026-11',
      scope: [],
      counters: sumItems([a, b]),
      overdue: 1,
      benefits: { count: 0, stock: 0, claimed: 0, redeemed: 0, redemptionRate: null, byRegion: [], unreserved: 0 },
      satisfaction: { rated: 0, levels: [], good: 0, bad: 0, satisfactionRate: null, followedUp: 0, followedUpOnTime: 0, followUpOnTimeRate: null },
    });
    expect(answer.members).toMatchObject({ total: 4, bound: 2, bindingRate: 0.5 });
    expect(answer.members.byMonth.at(-1)).toEqual({ month: '2026-11', joined: 3, left: 0 });
    expect(answer.members.byMonth[0]).toEqual({ month: '2025-12', joined: 0, left: 0 });
    expect(answer.applications.byKind.find((k) => k.kind === 'join')).toEqual({ kind: 'join', pending: 2, approved: 0, rejected: 1, cancelled: 0, total: 3 });
    expect(answer.applications).toMatchObject({ pending: 2, overdue: 1, decided: 2, meanDaysToDecide: 1.5 });
    expect(answer.applications.byMonth.at(-1)).toEqual({ month: '2026-11', filed: { join: 2, transfer: 0, subsidy: 0, total: 2 }, decided: 1, meanDaysToDecide: 1 });
  });
});

it('groups deltas per counter item and drops sums of zero', () => {
  expect(
    groupByItem([
      { orgId: 'p', sk: 'x', attribute: 'a', n: 1 },
      { orgId: 'p', sk: 'x', attribute: 'a', n: -1 },
      { orgId: 'p', sk: 'x', attribute: 'b', n: 2 },
      { orgId: 'q', sk: 'x', attribute: 'a', n: 0 },
    ]),
  ).toEqual([{ orgId: 'p', sk: 'x', add: { b: 2 } }]);
});

it('reads an org’s path once per cache period, and again after it', async () => {
  let reads = 0;
  let t = 0;
  const orgs = {
    getMany: async (ids: readonly string[]) => {
      reads += 1;
      return new Map(ids.map((id) => [id, { path: ['p', id] }]));
    },
  };
  const paths = cachedOrgPaths(orgs as never, 1_000, () => t);
  expect(await paths.pathsOf(['a', 'b', 'a'])).toEqual(new Map([['a', ['p', 'a']], ['b', ['p', 'b']]]));
  await paths.pathsOf(['a']);
  expect(reads).toBe(1);
  t = 1_001;
  await paths.pathsOf(['a']);
  expect(reads).toBe(2);
});

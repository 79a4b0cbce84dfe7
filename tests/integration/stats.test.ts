import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { StatsResponse } from '../../functions/stats/contracts/stats';
import type { DashboardDeps } from '../../functions/stats/services/ports';
import { createStreamPoller, type StreamPoller } from '../../scripts/lib/streams';
import { refusalOf } from '../support/outcome';
import { makeIdNumber, makePhone } from '../support/ids';
import { account, applicationWorld, at, boundMember, joinForm, rawClient, type ApplicationWorld } from './applications/world';

/**
 * The dashboard's counters on DynamoDB Local, fed by the members' and applications' streams
 * through the same handler Lambda runs (scripts/lib/streams.ts reads the streams): after a mixed
 * workload every counter equals a full recount of the tables (which only this test scans), a second
 * delivery of the whole streams changes nothing, an official sees their subtree only, and the
 * dashboard costs the same fixed reads however many members there are.
 */
let w: ApplicationWorld;
let poller: StreamPoller;
let getStats: (deps: DashboardDeps, openid: string, query: { month?: string }) => Promise<StatsResponse>;
let dashboardDeps: DashboardDeps;
let handler: (event: never) => Promise<void>;
const prefix = () => inject('tablePrefix');

const newPoller = () =>
  createStreamPoller({
    endpoint: inject('dynamodbEndpoint'),
    tables: [`${prefix()}members`, `${prefix()}applications`],
    handle: (event) => handler(event as never),
  });

beforeAll(async () => {
  w = await applicationWorld('stats');
  ({ handler } = (await import('../../functions/stats/api/stats-stream/handler')) as unknown as { handler: typeof handler });
  ({ getStats } = await import('../../functions/stats/services/dashboard'));
  dashboardDeps = await (await import('../../functions/stats/services/deps')).productionDeps();
  poller = newPoller();
}, 60_000);

async function scan(table: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await rawClient().send(new ScanCommand({ TableName: `${prefix()}${table}`, ConsistentRead: true, ...(start && { ExclusiveStartKey: start }) }));
    out.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The month / date in China of an instant, written here independently of the code under test. */
const cnDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const cnMonth = (iso: string) => cnDate(iso).slice(0, 7);

type Items = Map<string, Map<string, Record<string, number>>>;

/** Every counter of this test's orgs, recounted from the members and applications tables. */
async function recount(): Promise<Items> {
  const orgs = [w.province, w.haikou, w.sanya, ...Object.values(w.unions)];
  const pathOf = new Map(orgs.map((o) => [o.id, o.path]));
  const out: Items = new Map(orgs.map((o) => [o.id, new Map()]));
  const add = (orgId: string, sk: string, attribute: string, n = 1) => {
    const items = out.get(orgId);
    if (!items) return;
    const item = items.get(sk) ?? {};
    item[attribute] = (item[attribute] ?? 0) + n;
    items.set(sk, item);
  };
  for (const m of await scan('members')) {
    const path = pathOf.get(m.orgId as string);
    if (!path) continue;
    for (const orgId of path) {
      if (m.status === 'left' || m.leftAt) {
        add(orgId, `members#${m.leftOn ? (m.leftOn as string).slice(0, 7) : cnMonth(m.leftAt as string)}`, 'left');
        continue;
      }
      add(orgId, 'members#all', 'total');
      if (m.openid) add(orgId, 'members#all', 'bound');
      add(orgId, `members#${cnMonth(m.createdAt as string)}`, 'joined');
    }
  }
  const today = cnDate(new Date().toISOString());
  for (const a of await scan('applications')) {
    if (a.orgL0 !== w.province.id) continue;
    const path = [a.orgL0, a.orgL1, a.orgL2, a.orgL3].filter(Boolean) as string[];
    const steps = JSON.parse(a.steps as string) as Array<{ status: string; decidedAt: string | null }>;
    const closedAt = steps.filter((s) => s.status === 'approved' || s.status === 'rejected').map((s) => s.decidedAt as string).sort().at(-1);
    for (const orgId of path) {
      add(orgId, 'apps#all', `${a.kind}_${a.status}`);
      add(orgId, `apps#${cnMonth(a.createdAt as string)}`, `filed_${a.kind}`);
      if (a.status === 'approved' || a.status === 'rejected') {
        const seconds = Math.round((Date.parse(closedAt as string) - Date.parse(a.createdAt as string)) / 1000);
        add(orgId, 'apps#all', 'decided');
        add(orgId, 'apps#all', 'decideSeconds', seconds);
        add(orgId, `apps#${cnMonth(closedAt as string)}`, `decided_${a.kind}`);
        add(orgId, `apps#${cnMonth(closedAt as string)}`, `decideSeconds_${a.kind}`, seconds);
      }
      if (a.status === 'pending') add(orgId, `due#${a.openDueDate as string}`, 'open');
      if (a.status === 'pending' && (a.openDueDate as string) < today) add(orgId, 'overdue', 'n');
    }
  }
  return out;
}

/** The stats table's counter items of this test's orgs, zeros left out (an ADD that came back to 0). */
async function counters(): Promise<Items> {
  const orgIds = new Set([w.province, w.haikou, w.sanya, ...Object.values(w.unions)].map((o) => o.id));
  const out: Items = new Map([...orgIds].map((id) => [id, new Map()]));
  for (const item of await scan('stats')) {
    const orgId = String(item.pk).replace(/^org#/, '');
    if (!orgIds.has(orgId)) continue;
    const { pk: _pk, sk, ...attrs } = item as Record<string, number> & { pk: string; sk: string };
    const nonZero = Object.fromEntries(Object.entries(attrs).filter(([, n]) => n !== 0));
    if (Object.keys(nonZero).length > 0) out.get(orgId)?.set(sk, nonZero);
  }
  return out;
}

/** The recount without the overdue tally (not a stored item: the dashboard sums due# items before today). */
const withoutOverdue = (items: Items): Items => new Map([...items].map(([org, m]) => [org, new Map([...m].filter(([sk]) => sk !== 'overdue'))]));
/** Items as one comparable object; attributes at 0 and items left empty dropped (a counter back at 0 is no counter). */
const asObject = (items: Items) =>
  Object.fromEntries(
    [...items].map(([org, m]) => [
      org,
      Object.fromEntries(
        [...m]
          .map(([sk, attrs]) => [sk, Object.fromEntries(Object.entries(attrs).filter(([, n]) => n !== 0))] as const)
          .filter(([, attrs]) => Object.keys(attrs).length > 0)
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
    ]),
  );

const decide = (openid: string, id: string, step: string, decision: 'approve' | 'reject', comment = '') =>
  w.uc.decideApplication(w.deps, openid, id, { step, decision, comment });

/** A roster member (not bound), created as the roster's own code creates one. */
async function rosterMember(orgId: string): Promise<string> {
  const m = w.membership;
  const created = await m.roster.createIfAbsent({ name: '符小明', idNumber: makeIdNumber(), phone: makePhone(), orgId }, m.idCrypto, new Date());
  if (created.outcome !== 'created') throw new Error(created.outcome);
  return created.id;
}

describe('counters kept from the streams', () => {
  it('equal a full recount after a mixed workload, and a second delivery of the whole streams changes nothing', async () => {
    // Members in two cities, some bound.
    for (let i = 0; i < 4; i += 1) await rosterMember(w.unions.bus.id);
    for (let i = 0; i < 2; i += 1) await rosterMember(w.unions.food.id);
    for (let i = 0; i < 3; i += 1) await rosterMember(w.unions.hotel.id);
    const movers = [await boundMember(w, w.unions.bus.id, { withCard: true }), await boundMember(w, w.unions.bus.id)];
    const stayer = await boundMember(w, w.unions.hotel.id);

    // A transfer 公交 (海口) → 酒店 (三亚), approved by both unions: the member moves city.
    const transfer = (await w.uc.submitApplication(w.deps, movers[0]!.openid, { kind: 'transfer', form: { toOrgId: w.unions.hotel.id, reason: '调动' } })).response.application.id;
    await decide(w.officials.bus, transfer, 's1', 'approve');
    await decide(w.officials.hotel, transfer, 's2', 'approve', '欢迎');
    // A transfer rejected by the current union; one withdrawn.
    const rejected = (await w.uc.submitApplication(w.deps, movers[1]!.openid, { kind: 'transfer', form: { toOrgId: w.unions.food.id, reason: '调动' } })).response.application.id;
    await decide(w.officials.bus, rejected, 's1', 'reject', '材料不全');
    const withdrawn = (await w.uc.submitApplication(w.deps, stayer.openid, { kind: 'transfer', form: { toOrgId: w.unions.bus.id, reason: '调动' } })).response.application.id;
    await w.uc.cancelApplication(w.deps, stayer.openid, withdrawn);
    // Joins: one approved into the roster of 椰香食品, one pending since long ago (overdue), one pending now.
    const joiner = await account(w, 'joiner');
    const joined = (await w.uc.submitApplication(w.deps, joiner, { kind: 'join', form: joinForm(w.unions.food.id) })).response.application.id;
    await decide(w.officials.food, joined, 's1', 'approve');
    const late = await account(w, 'late');
    await w.uc.submitApplication(at(w.deps, '2026-01-05T02:00:00Z'), late, { kind: 'join', form: joinForm(w.unions.hotel.id) });
    const fresh = await account(w, 'fresh');
    await w.uc.submitApplication(w.deps, fresh, { kind: 'join', form: joinForm(w.unions.bus.id) });
    // Member care: 退会 of a 食品 member (status left, leftOn: the date it took effect), and an unbinding (lost phone).
    const care = await import('../../functions/membership/services/member-care');
    const careDeps = await (await import('../../functions/membership/services/admin-deps')).adminDeps();
    const leaving = await rosterMember(w.unions.food.id);
    await care.recordLeave(careDeps, w.officials.food, leaving, { reason: '调离本单位', date: cnDate(new Date().toISOString()) });
    const unbound = await boundMember(w, w.unions.hotel.id);
    await care.unbindMember(careDeps, w.officials.hotel, unbound.memberId);

    expect(await poller.drain()).toBeGreaterThan(0);
    const expected = await recount();
    expect(asObject(await counters())).toEqual(asObject(withoutOverdue(expected)));
    // What the workload must have produced (so that the equality above is about something).
    const hk = expected.get(w.haikou.id)!;
    expect(hk.get('members#all')).toEqual({ total: 6 + 1 + 1, bound: 1 }); // 4 + 2 roster, 1 bound left in 公交, the approved joiner
    expect(expected.get(w.sanya.id)!.get('members#all')).toEqual({ total: 3 + 1 + 1 + 1, bound: 2 }); // + the stayer, the mover, the unbound one
    expect(expected.get(w.haikou.id)!.get(`members#${cnMonth(new Date().toISOString())}`)).toMatchObject({ left: 1 });
    expect(expected.get(w.province.id)!.get('apps#all')).toMatchObject({ transfer_approved: 1, transfer_rejected: 1, transfer_cancelled: 1, join_approved: 1, join_pending: 2, decided: 3 });
    expect(expected.get(w.province.id)!.get('overdue')).toEqual({ n: 1 });

    // Every record delivered again from the start of the streams (a retried batch, a restarted poller): nothing moves.
    const again = newPoller();
    try {
      expect(await again.drain()).toBeGreaterThan(0);
    } finally {
      await again.stop();
    }
    expect(asObject(await counters())).toEqual(asObject(withoutOverdue(expected)));
  }, 180_000);
});

describe('npm run stats:rebuild (data older than the streams)', () => {
  it('recounts every counter from the tables and replaces them: the same items as the streams kept', async () => {
    await poller.drain();
    const kept = asObject(await counters());
    // A counter gone wrong (as if a batch had been lost): the rebuild puts it right.
    await rawClient().updateItem({
      TableName: `${prefix()}stats`,
      Key: { pk: { S: `org#${w.haikou.id}` }, sk: { S: 'members#all' } },
      UpdateExpression: 'ADD #t :n',
      ExpressionAttributeNames: { '#t': 'total' },
      ExpressionAttributeValues: { ':n': { N: '7' } },
    });
    const { rebuildCounters } = await import('../../functions/stats/services/rebuild');
    const store = await import('../../functions/stats/data/rebuild-store');
    const { cachedOrgPaths } = await import('../../functions/stats/services/org-paths');
    const report = await rebuildCounters({
      members: store.scanMembers,
      applications: store.scanApplications,
      orgPaths: cachedOrgPaths(w.membership.orgs, 60_000),
      replace: store.replaceCounters,
    });
    expect(report.members).toBeGreaterThan(10);
    expect(asObject(await counters())).toEqual(kept);
    expect(asObject(await counters())).toEqual(asObject(withoutOverdue(await recount())));
  }, 120_000);
});

describe('GET /api/admin/stats (the use case)', () => {
  it('answers an official with their subtree only, as the recount has it', async () => {
    await poller.drain();
    const expected = await recount();
    const month = cnMonth(new Date().toISOString());
    const hk = await getStats(dashboardDeps, w.officials.haikou, { month });
    expect(hk.scope).toEqual([{ id: w.haikou.id, name: w.haikou.name }]);
    expect(hk.months).toHaveLength(12);
    expect(hk.months.at(-1)).toBe(month);
    const hkAll = expected.get(w.haikou.id)!.get('members#all')!;
    expect(hk.members).toMatchObject({ total: hkAll.total, bound: hkAll.bound ?? 0 });
    expect(hk.members.byMonth.at(-1)?.joined).toBe(expected.get(w.haikou.id)!.get(`members#${month}`)?.joined ?? 0);
    const sy = await getStats(dashboardDeps, w.officials.sanya, { month });
    expect(sy.members.total).toBe(expected.get(w.sanya.id)!.get('members#all')!.total);
    expect(sy.applications.overdue).toBe(1); // the join filed in January, waiting at 酒店 (三亚)
    expect(hk.applications.overdue).toBe(0);
    const province = await getStats(dashboardDeps, w.officials.province, { month });
    expect(province.members.total).toBe(hk.members.total + sy.members.total);
    expect(province.applications.byKind.find((k) => k.kind === 'transfer')).toEqual({ kind: 'transfer', pending: 0, approved: 1, rejected: 1, cancelled: 1, total: 3 });
    expect(province.applications.decided).toBe(3);
    expect(province.applications.meanDaysToDecide).toBe(0); // decided within seconds of filing
    expect(province.applications.byMonth.at(-1)?.filed.total).toBe(5); // the overdue join was filed in January
    // A union official sees their own union; a member, nothing.
    const bus = await getStats(dashboardDeps, w.officials.bus, { month });
    expect(bus.members.total).toBe(expected.get(w.unions.bus.id)!.get('members#all')!.total);
    expect(bus.members.total).toBeLessThan(hk.members.total);
    const member = await boundMember(w, w.unions.bus.id);
    expect((await refusalOf(getStats(dashboardDeps, member.openid, {}))).code).toBe('FORBIDDEN');
  }, 120_000);

  it('counts the subtree’s benefits from their own counters: claimed per city quota and outside the quotas', async () => {
    const { productionDeps } = await import('../../functions/benefits/services/deps');
    const benefits = await productionDeps();
    const { createBenefit, changeStatus } = await import('../../functions/benefits/services/desk');
    const { claimBenefit } = await import('../../functions/benefits/services/claims');
    const { createRequestFixture } = await import('../support/benefits-fixtures');
    const merchant = `${w.tag}-cinema`;
    await w.membership.merchants.createIfAbsent({ id: merchant, name: '测试影城', status: 'active', agreements: [{ orgId: w.province.id, since: new Date().toISOString() }] });
    const publish = async (orgId: string, overrides: object) => {
      const { benefit } = await createBenefit(benefits, w.admin, createRequestFixture({ orgId, merchantIds: [merchant] }, { stock: 10, ...overrides }));
      await changeStatus(benefits, w.admin, benefit.id, 'publish');
      return benefit.id;
    };
    const withQuota = await publish(w.haikou.id, { regionQuotas: { '01': 4 } });
    const open = await publish(w.haikou.id, {});
    const elsewhere = await publish(w.sanya.id, {});
    const claimers = [await boundMember(w, w.unions.bus.id), await boundMember(w, w.unions.food.id), await boundMember(w, w.unions.hotel.id)];
    await claimBenefit(benefits, claimers[0]!.openid, withQuota, `r1${w.tag}`);
    await claimBenefit(benefits, claimers[1]!.openid, withQuota, `r2${w.tag}`);
    await claimBenefit(benefits, claimers[0]!.openid, open, `r4${w.tag}`);
    await claimBenefit(benefits, claimers[2]!.openid, elsewhere, `r5${w.tag}`);

    const hk = await getStats(dashboardDeps, w.officials.haikou, {});
    expect(hk.benefits).toEqual({
      count: 2,
      stock: 20,
      claimed: 3,
      redeemed: 0,
      redemptionRate: 0,
      byRegion: [{ regionCode: '01', quota: 4, claimed: 2 }], // 海口's quota: the 公交 and 食品 members
      unreserved: 1, // the benefit without quotas
    });
    expect((await getStats(dashboardDeps, w.officials.sanya, {})).benefits).toMatchObject({ count: 1, claimed: 1, byRegion: [], unreserved: 1 });
    expect((await getStats(dashboardDeps, w.officials.province, {})).benefits).toMatchObject({ count: 3, claimed: 4 });
  }, 120_000);

  it('reads a fixed set of items whatever the number of members: no scan, nothing of the members or applications tables', async () => {
    const { ddb } = await import('../../functions/kernel/data/client');
    const calls: Array<{ command: string; tables: string[] }> = [];
    const name = `count-${Date.now()}`;
    ddb.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { TableName?: string; RequestItems?: Record<string, unknown> };
        calls.push({ command: context.commandName ?? '?', tables: input.TableName ? [input.TableName] : Object.keys(input.RequestItems ?? {}) });
        return next(args);
      },
      { step: 'initialize', name },
    );
    const measure = async () => {
      calls.length = 0;
      await getStats(dashboardDeps, w.officials.haikou, {});
      return calls.map((c) => `${c.command} ${c.tables.map((t) => t.slice(prefix().length)).sort().join(',')}`).sort();
    };
    try {
      await poller.drain();
      const before = await measure();
      const totalBefore = (await getStats(dashboardDeps, w.officials.haikou, {})).members.total;
      for (let i = 0; i < 30; i += 1) await rosterMember(i % 2 === 0 ? w.unions.bus.id : w.unions.food.id);
      await poller.drain();
      const after = await measure();
      expect((await getStats(dashboardDeps, w.officials.haikou, {})).members.total).toBe(totalBefore + 30);
      expect(after).toEqual(before);
      expect(before.some((c) => c.startsWith('ScanCommand'))).toBe(false);
      expect(before.some((c) => /\b(members|applications)\b/.test(c))).toBe(false);
      // account, org, one batch of counters, one query of due dates, the benefits (index + counters), 好差评.
      expect(before.filter((c) => c.includes('stats'))).toEqual(['BatchGetItemCommand stats', 'QueryCommand stats']);
      expect(before.length).toBeLessThanOrEqual(12);
    } finally {
      ddb.middlewareStack.remove(name);
    }
  }, 120_000);
});

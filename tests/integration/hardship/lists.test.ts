import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SubmitCaseRequest } from '../../../functions/hardship/contracts/hardship';
import type { Deps } from '../../../functions/hardship/services/ports';
import type { HardshipFile } from '../../../functions/hardship/domain/types';
import type { StoredRole } from '../../../functions/membership/domain/types';
import type { Org } from '../../../functions/membership';
import { AppError } from '../../../functions/kernel/errors';
import { account, benefitWorld, type BenefitWorld } from '../../support/benefits';
import { makeIdNumber, makePhone } from '../../support/ids';
import { proofKeys as proofKeyOf } from '../../../functions/applications/data/keys';

/**
 * 困难帮扶's lists on DynamoDB Local (functions/hardship/data/keys.ts treeList): an official pages
 * through their own subtree only, the province's official through every city's, and no list ever
 * scans the table — each is a Query of byList within a level-2 org's partition.
 */

let world: BenefitWorld;
let deps: Deps;
let cases: typeof import('../../../functions/hardship/services/cases');
let files: typeof import('../../../functions/hardship/services/files');
let schedule: typeof import('../../../functions/hardship/services/schedule');
let ddb: typeof import('../../../functions/kernel/data/client').ddb;
const YEAR = new Date().getFullYear();
const filed: Record<'haikou' | 'sanya', string[]> = { haikou: [], sanya: [] };
const pending: Record<'haikou' | 'sanya', string[]> = { haikou: [], sanya: [] };
let seq = 0;

const tagged = (prefix: string) => `${prefix}-${world.tag}-${++seq}-${Math.random().toString(36).slice(2, 6)}`;
const hardshipOfficial = (orgId: string) => account(world.membership, tagged('hl'), [{ type: 'hardship', orgId } as unknown as StoredRole]);
const proof = (openid: string, n: number) => `${proofKeyOf.ownerPrefix(openid)}01J${String(n).padStart(23, '0')}.jpg`;

/** A roster member of the union, bound to a fresh account, filing a case (income proof only: cause 3). */
async function submit(union: Org, name: string) {
  const m = world.membership;
  const idNumber = makeIdNumber();
  const created = await m.roster.createIfAbsent({ name, idNumber, phone: makePhone(), orgId: union.id }, m.idCrypto, new Date());
  const openid = await account(m, tagged('hm'));
  const stored = await m.roster.get(created.id);
  if (!stored) throw new Error('no member');
  await m.roster.bind({ openid, member: stored, now: new Date() });
  const req: SubmitCaseRequest = {
    form: {
      members: [{ name, relation: 'self', idNumber, health: 'healthy', monthlyIncomeFen: 100_000, schoolOrEmployer: '测试单位' }],
      housing: { type: 'rented', areaM2: 30, address: '测试路 1 号' },
      mainCause: '3',
      secondaryCauses: [],
      aid: ['living'],
      rigidExpensesFen: 0,
      otherIncomeFen: 0,
      regionCode: '01',
      migrantWorker: false,
      payee: { bankName: '中国工商银行', accountNumber: '6222021234567890128' },
      proofs: [{ kind: 'income', key: proof(openid, 1) }],
      statement: '家庭收入低。',
    },
    financeCheckConsent: { agreed: true, version: '2026-01' },
  };
  return { openid, caseId: (await cases.submitCase(deps, openid, req)).case.id };
}

/** A case approved and filed into its household's file as the approval's transaction writes it (store level). */
async function fileOf(caseId: string): Promise<string> {
  const c = await deps.hardship.getCase(caseId);
  if (!c) throw new Error('no case');
  const now = new Date();
  const approved = { ...c, category: 'relative' as const, app: { ...c.app, status: 'approved' as const, version: c.app.version + 1 } };
  const file = cases.fileFrom(approved, null, now, 'test');
  const ok = await deps.hardship.saveCase({ ...approved, fileId: file.id }, c.app.version, null, { releaseOpen: true, file: { file, previousVersion: null, before: null } });
  if (!ok) throw new Error('not filed');
  return file.id;
}

async function refused(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'none';
}

/** Every DynamoDB call a block makes: the queries' inputs, and whether anything scanned. */
function watch() {
  const queries: Array<{ IndexName?: string; KeyConditionExpression?: string; ExpressionAttributeValues?: Record<string, unknown> }> = [];
  const original = ddb.query.bind(ddb) as (input: unknown) => unknown;
  const scan = vi.spyOn(ddb, 'scan');
  vi.spyOn(ddb, 'query').mockImplementation(((input: (typeof queries)[number]) => {
    queries.push(input);
    return original(input);
  }) as never);
  return { queries, scans: () => scan.mock.calls.length };
}

const partitionOf = (q: { ExpressionAttributeValues?: Record<string, unknown> }) => (q.ExpressionAttributeValues?.[':l'] as { S?: string } | undefined)?.S;
const prefixOf = (q: { ExpressionAttributeValues?: Record<string, unknown> }) => (q.ExpressionAttributeValues?.[':p'] as { S?: string } | undefined)?.S;

beforeAll(async () => {
  world = await benefitWorld('hslist');
  deps = await (await import('../../../functions/hardship/services/deps')).productionDeps();
  cases = await import('../../../functions/hardship/services/cases');
  files = await import('../../../functions/hardship/services/files');
  schedule = await import('../../../functions/hardship/services/schedule');
  ddb = (await import('../../../functions/kernel/data/client')).ddb;
  for (const year of [YEAR, YEAR + 1]) {
    await deps.hardship.putStandard({ regionCode: '01', year, monthlyFen: 78_000, source: '测试', updatedAt: new Date().toISOString(), updatedBy: 'test' }, null);
  }
  for (const city of ['haikou', 'sanya'] as const) {
    for (let i = 0; i < 3; i++) filed[city].push(await fileOf((await submit(world.unions[city], `${city === 'haikou' ? '海' : '三'}${'一二三'[i]}户`)).caseId));
    pending[city].push((await submit(world.unions[city], `${city === 'haikou' ? '海' : '三'}待办`)).caseId);
  }
}, 120_000);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('an official pages through their own subtree only', () => {
  it("union A's official sees A's files in pages, never B's; B's cursor is refused", async () => {
    const a = await hardshipOfficial(world.unions.haikou.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof deps.hardship.filePage>> = await deps.hardship.filePage([world.unions.haikou.path], { limit: 2, cursor: cursor ?? undefined });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((f: HardshipFile) => f.id));
      cursor = page.cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(seen.sort()).toEqual([...filed.haikou].sort());

    const listed = await files.listFiles(deps, a, {});
    expect(listed.items.map((f) => f.id).sort()).toEqual([...filed.haikou].sort());
    expect(listed.nextCursor).toBeNull();
    for (const id of filed.sanya) expect(listed.items.map((f) => f.id)).not.toContain(id);

    // A cursor from union B's list does not open B's partition to A's official.
    const sanyaPage = await deps.hardship.filePage([world.unions.sanya.path], { limit: 1 });
    expect(sanyaPage.cursor).not.toBeNull();
    expect(await refused(files.listFiles(deps, a, { cursor: sanyaPage.cursor as string }))).toBe('INVALID_INPUT');
    expect(await refused(files.listFiles(deps, a, { cursor: 'bm90LWpzb24' }))).toBe('INVALID_INPUT');
    // Nor does naming B's union.
    expect(await refused(files.listFiles(deps, a, { orgId: world.unions.sanya.id }))).toBe('FORBIDDEN');

    // The queue: A's pending case, not B's.
    const queue = await cases.queue(deps, a, {});
    expect(queue.items.map((c) => c.id)).toEqual(pending.haikou);
    expect(queue.nextCursor).toBeNull();
  });

  it("the province's official sees every city's files, page by page, each page a bounded fan-out of Queries", async () => {
    const p = await hardshipOfficial(world.province.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await deps.hardship.filePage([world.province.path], { limit: 2, cursor });
      seen.push(...page.items.map((f) => f.id));
      cursor = page.cursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 50);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.sort()).toEqual([...filed.haikou, ...filed.sanya].sort());

    const all = await files.listFiles(deps, p, {});
    expect(all.items.map((f) => f.id).sort()).toEqual([...filed.haikou, ...filed.sanya].sort());
    // Ordered by union (path), then re-check due date: one city's files together.
    const cities = all.items.map((f) => (filed.haikou.includes(f.id) ? 'haikou' : 'sanya'));
    expect(cities.join(',')).toMatch(/^(haikou,haikou,haikou,sanya,sanya,sanya|sanya,sanya,sanya,haikou,haikou,haikou)$/);
    const queue = await cases.queue(deps, p, {});
    expect(queue.items.map((c) => c.id).sort()).toEqual([...pending.haikou, ...pending.sanya].sort());
  });
});

describe('lists issue Queries only', () => {
  it("a union's list queries its city's partition under its path; nothing in the capability scans", async () => {
    const a = await hardshipOfficial(world.unions.haikou.id);
    const w = watch();
    await files.listFiles(deps, a, {});
    const byList = w.queries.filter((q) => q.IndexName === 'byList');
    expect(byList).toHaveLength(1);
    expect(partitionOf(byList[0] as never)).toBe(`file#${world.cities.haikou.id}`);
    expect(byList[0]?.KeyConditionExpression).toContain('begins_with');
    expect(prefixOf(byList[0] as never)).toBe(`${world.unions.haikou.path.join('/')}/`);

    await cases.queue(deps, a, {});
    const queue = w.queries.filter((q) => q.IndexName === 'byList').slice(1);
    expect(queue.map(partitionOf)).toEqual([`case#open#${world.cities.haikou.id}`]);

    const city = await hardshipOfficial(world.cities.sanya.id);
    await files.exportFiles(deps, city, {});
    await files.spotCheck(deps, city, { orgId: world.cities.sanya.id, year: 2040 + Math.floor(Math.random() * 50) });
    const cityReads = w.queries.filter((q) => q.IndexName === 'byList').slice(2);
    expect(cityReads.length).toBeGreaterThanOrEqual(2);
    for (const q of cityReads) expect(partitionOf(q as never)).toBe(`file#${world.cities.sanya.id}`);

    // The public 公示 list, 我的帮扶 and the daily job: Queries too.
    await cases.publicity(deps);
    const member = await submit(world.unions.haikou, '海查询');
    expect((await cases.myHardship(deps, member.openid)).cases.map((c) => c.id)).toEqual([member.caseId]);
    const before = w.queries.length;
    await schedule.runHardshipSchedule(deps);
    // The daily job: the sparse byDue index (re-checks coming due, files past retention), per level-2 org; no file list read.
    const job = w.queries.slice(before);
    expect(job.filter((q) => q.IndexName === 'byDue').map(partitionOf)).toEqual(expect.arrayContaining([`recheck#${world.cities.haikou.id}`, `purge#${world.cities.sanya.id}`]));
    expect(job.filter((q) => q.IndexName === 'byList').map(partitionOf)).toEqual(['parts', 'parts']);
    expect(w.scans()).toBe(0);
  });
});

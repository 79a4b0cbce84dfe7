import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { counterWrites, officialNoticeWrite } from '../../applications';
import { auditPut, type AuditEntry } from '../../audit';
import { config } from '../../kernel/config';
import { ddb } from '../../kernel/data/client';
import { runTransaction, type TransactionItem } from '../../kernel/data/transactions';
import { AppError } from '../../kernel/errors';
import { isInPublicity } from '../domain/case';
import { addMonths, deleteAfter, recheckDue } from '../domain/recheck';
import { counterDelta } from '../domain/stats';
import type { HardshipCase, HardshipFile, SpotCheckRecord, StoredStandard } from '../domain/types';
import type { HardshipStore, Page, PageRequest, StoredDraft } from '../services/ports';
import { dueIndex, hardshipKeys, treeList } from './keys';

/**
 * The hardship table (data/keys.ts): each item's fields as JSON (`body`) beside the keys, the version
 * its conditions read, and the list index's attributes. Writes that change a case or a file name the
 * version read; a case's approval writes the case, the household's file and the release of its open
 * mark in one transaction, with the official's audit entry.
 */
const table = () => `${config().tablePrefix}hardship`;
type Raw = Record<string, AttributeValue>;
const m = (value: Record<string, unknown>): Raw => marshall(value, { removeUndefinedValues: true });

/**
 * The daily job's index (byDue, sparse: files only): an active file by the day its re-check reminder
 * starts (a month before it is due), a closed one by the day after which it is deleted; in its
 * level-2 org's partition, so the job reads only the files it acts on, never the table.
 */
const dueKeys = (f: HardshipFile) =>
  f.status === 'active'
    ? { dueList: dueIndex.recheck(treeList.level2(f.orgPath)), dueKey: `${addMonths(recheckDue(f), -1)}#${f.id}` }
    : f.closedAt
      ? { dueList: dueIndex.purge(treeList.level2(f.orgPath)), dueKey: `${deleteAfter(f.closedAt)}#${f.id}` }
      : {};

/** Every item of a byDue partition with `dueKey` at most `upTo`, all pages. */
async function dueUpTo<T>(list: string, upTo: string): Promise<T[]> {
  const out: T[] = [];
  let start: Raw | undefined;
  do {
    const page = await ddb.query({
      TableName: table(),
      IndexName: 'byDue',
      KeyConditionExpression: '#l = :l AND #k <= :k',
      ExpressionAttributeNames: { '#l': 'dueList', '#k': 'dueKey' },
      ExpressionAttributeValues: m({ ':l': list, ':k': upTo }),
      ExclusiveStartKey: start,
    });
    out.push(...(page.Items ?? []).map((i) => JSON.parse(unmarshall(i).body as string) as T));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

const caseGroup = (c: HardshipCase) => (c.app.status === 'pending' ? 'open' : 'closed');
const caseItem = (c: HardshipCase) => ({
  ...hardshipKeys.case(c.app.id),
  list: treeList.case(caseGroup(c), treeList.level2(c.orgPath)),
  listKey: treeList.key(c.orgPath, c.app.createdAt, c.app.id),
  version: c.app.version,
  body: JSON.stringify(c),
});
const fileItem = (f: HardshipFile) => ({
  ...hardshipKeys.file(f.id),
  list: treeList.file(treeList.level2(f.orgPath)),
  listKey: treeList.key(f.orgPath, recheckDue(f), f.id),
  ...dueKeys(f),
  version: f.version,
  body: JSON.stringify(f),
});
/**
 * The case's 公示 entry, written with it while it is in 公示 (the public list reads only these); once
 * it leaves, overwritten without its list keys (out of the index; a put, so the functions that move a
 * case need no DeleteItem). Cases that never reached 公示 write none.
 */
const publicityWrite = (c: HardshipCase): TransactionItem[] => {
  if (!c.publicity) return [];
  const key = hardshipKeys.publicity(c.app.id);
  const item = isInPublicity(c) ? { ...key, list: treeList.publicity(treeList.level2(c.orgPath)), listKey: `${c.publicity.endDate}#${c.app.id}`, body: JSON.stringify(c) } : key;
  return [{ Put: { TableName: table(), Item: m(item) } }];
};
const body = <T>(raw: Raw | undefined): T | null => (raw ? (JSON.parse(unmarshall(raw).body as string) as T) : null);

async function get<T>(key: { pk: string; sk: string }): Promise<T | null> {
  const out = await ddb.getItem({ TableName: table(), Key: m(key), ConsistentRead: true });
  return body<T>(out.Item);
}

async function list<T>(name: string, prefix?: string): Promise<T[]> {
  const out: T[] = [];
  let start: Raw | undefined;
  do {
    const page = await ddb.query({
      TableName: table(),
      IndexName: 'byList',
      KeyConditionExpression: prefix ? '#l = :l AND begins_with(#k, :p)' : '#l = :l',
      ExpressionAttributeNames: prefix ? { '#l': 'list', '#k': 'listKey' } : { '#l': 'list' },
      ExpressionAttributeValues: m(prefix ? { ':l': name, ':p': prefix } : { ':l': name }),
      ExclusiveStartKey: start,
    });
    out.push(...(page.Items ?? []).map((i) => JSON.parse(unmarshall(i).body as string) as T));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The level-2 partitions cases were filed under (data/keys.ts treeList), in path order. */
async function parts(): Promise<string[]> {
  const out: string[] = [];
  let start: Raw | undefined;
  do {
    const page = await ddb.query({ TableName: table(), IndexName: 'byList', KeyConditionExpression: '#l = :l', ExpressionAttributeNames: { '#l': 'list' }, ExpressionAttributeValues: m({ ':l': treeList.parts }), ExclusiveStartKey: start, ProjectionExpression: 'listKey' });
    out.push(...(page.Items ?? []).map((i) => unmarshall(i).listKey as string));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** One partition of a subtree list and the sort-key prefix within it. */
interface Segment {
  list: string;
  prefix: string | null;
}

/**
 * The partitions the subtrees of `roots` (org paths) live in: each root's level-2 org's, or every
 * level-2 org's for the province; every partition of the province for null (an admin, the daily job).
 */
async function segments(roots: ReadonlyArray<readonly string[]> | null, listOf: (l2: string) => string[]): Promise<Segment[]> {
  const needAll = roots === null || roots.some((p) => p.length < 2);
  const all = needAll ? (await parts()).sort() : [];
  if (roots === null) return all.flatMap((l2) => listOf(l2).map((list) => ({ list, prefix: null })));
  // A root inside another root's subtree adds nothing.
  const kept = roots.filter((p) => !roots.some((q) => q !== p && q.length < p.length && q.every((id, i) => p[i] === id)));
  return kept.flatMap((path) =>
    path.length >= 2
      ? listOf(treeList.level2(path)).map((list) => ({ list, prefix: treeList.prefix(path) }))
      : all.flatMap((l2) => listOf(l2).map((list) => ({ list, prefix: treeList.prefix([...path, l2]) }))),
  );
}

/** Items read per request at most: a search that keeps few items answers with fewer and a cursor, never a long read. */
const READ_BUDGET = 2000;

interface Cursor {
  l: string;
  k: { pk: string; sk: string; list: string; listKey: string };
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string, segs: Segment[]): { index: number; key: Cursor['k'] } {
  const refuse = () => new AppError('INVALID_INPUT', { message: '翻页位置无效，请从第一页重新查看' });
  let c: Cursor;
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw refuse();
  }
  const index = segs.findIndex((s) => s.list === c?.l);
  const seg = segs[index];
  const k = c?.k;
  const ok = seg && k && [k.pk, k.sk, k.list, k.listKey].every((v) => typeof v === 'string') && k.list === seg.list && (seg.prefix === null || k.listKey.startsWith(seg.prefix));
  if (!ok) throw refuse();
  return { index, key: { pk: k.pk, sk: k.sk, list: k.list, listKey: k.listKey } };
}

/**
 * A page over the segments in order: each a Query of byList (begins_with the subtree's path), items
 * kept by `keep` until `limit`; the cursor names the segment and the last item read.
 */
async function pageOf<T>(segs: Segment[], req: PageRequest<T>): Promise<Page<T>> {
  const items: T[] = [];
  let read = 0;
  let { index, key } = req.cursor ? decodeCursor(req.cursor, segs) : { index: 0, key: undefined as Cursor['k'] | undefined };
  for (; index < segs.length; index += 1, key = undefined) {
    const seg = segs[index] as Segment;
    let start: Raw | undefined = key ? m(key) : undefined;
    do {
      const out = await ddb.query({
        TableName: table(),
        IndexName: 'byList',
        KeyConditionExpression: seg.prefix ? '#l = :l AND begins_with(#k, :p)' : '#l = :l',
        ExpressionAttributeNames: seg.prefix ? { '#l': 'list', '#k': 'listKey' } : { '#l': 'list' },
        ExpressionAttributeValues: m(seg.prefix ? { ':l': seg.list, ':p': seg.prefix } : { ':l': seg.list }),
        ExclusiveStartKey: start,
        Limit: Math.min(Math.max(req.limit * 2, 50), READ_BUDGET),
      });
      for (const raw of out.Items ?? []) {
        const row = unmarshall(raw);
        const item = JSON.parse(row.body as string) as T;
        read += 1;
        if (!req.keep || req.keep(item)) items.push(item);
        if (items.length >= req.limit || read >= READ_BUDGET) {
          return { items, cursor: encodeCursor({ l: seg.list, k: { pk: row.pk, sk: row.sk, list: row.list, listKey: row.listKey } }) };
        }
      }
      start = out.LastEvaluatedKey;
    } while (start);
  }
  return { items, cursor: null };
}

const committed = async (items: TransactionItem[], name: string) => (await runTransaction(items, { name })).kind === 'done';
const atVersion = (version: number) => ({ ConditionExpression: 'version = :v', ExpressionAttributeValues: m({ ':v': version }) });
const withAudit = (items: TransactionItem[], audit: AuditEntry | null) => (audit ? [...items, auditPut(audit)] : items);

/** The counters of every org on the file's path moved by this write (domain/stats.ts), one update each. */
function counterUpdates(before: HardshipFile | null, after: HardshipFile | null): TransactionItem[] {
  const delta = Object.entries(counterDelta(before, after));
  if (delta.length === 0) return [];
  const path = (after ?? before)?.orgPath ?? [];
  const names = Object.fromEntries(delta.map(([k], i) => [`#c${i}`, k]));
  const values = Object.fromEntries(delta.map(([, v], i) => [`:c${i}`, v]));
  return path.map((orgId) => ({
    Update: {
      TableName: table(),
      Key: m(hardshipKeys.counters(orgId)),
      UpdateExpression: `ADD ${delta.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: m(values),
    },
  }));
}

export const hardshipStore: HardshipStore = {
  async standard(year, regionCode) {
    return get<StoredStandard>(hardshipKeys.standard(year, regionCode));
  },
  async standards(year) {
    return list<StoredStandard>('std', `${year}#`);
  },
  async putStandard(s, audit) {
    const item = { ...hardshipKeys.standard(s.year, s.regionCode), list: 'std', listKey: `${s.year}#${s.regionCode}`, body: JSON.stringify(s) };
    const put = { Put: { TableName: table(), Item: m(item) } };
    if (!(await committed(withAudit([put], audit), 'hardship.standard'))) throw new Error('standard not written');
  },
  async draft(memberId) {
    return get<StoredDraft>(hardshipKeys.draft(memberId));
  },
  async putDraft(memberId, draft) {
    await ddb.putItem({ TableName: table(), Item: m({ ...hardshipKeys.draft(memberId), body: JSON.stringify(draft) }) });
  },
  async createCase(c) {
    const guard = { Put: { TableName: table(), Item: m({ ...hardshipKeys.open(c.householdKey), owner: c.app.id }), ConditionExpression: 'attribute_not_exists(pk)' } };
    const put = { Put: { TableName: table(), Item: m(caseItem(c)), ConditionExpression: 'attribute_not_exists(pk)' } };
    const draft = { Delete: { TableName: table(), Key: m(hardshipKeys.draft(c.memberId)) } };
    const mine = { Put: { TableName: table(), Item: m({ ...hardshipKeys.mine(c.app.applicant.openid, c.app.createdAt, c.app.id), caseId: c.app.id }) } };
    // The level-2 partition registered for the province's fan-out: a plain idempotent put outside the
    // transaction (in it, concurrent filings of a city would conflict on this one item).
    const l2 = treeList.level2(c.orgPath);
    await ddb.putItem({ TableName: table(), Item: m({ ...hardshipKeys.part(l2), list: treeList.parts, listKey: l2 }) });
    return (await committed([guard, put, draft, mine], 'hardship.case-create')) ? 'created' : 'open';
  },
  async getCase(id) {
    return get<HardshipCase>(hardshipKeys.case(id));
  },
  async casePage(roots, groups, page) {
    return pageOf(await segments(roots, (l2) => groups.map((g) => treeList.case(g, l2))), page);
  },
  async casesOf(openid) {
    const ids: string[] = [];
    let start: Raw | undefined;
    do {
      const out = await ddb.query({ TableName: table(), KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: m({ ':p': hardshipKeys.mine(openid, '', '').pk }), ScanIndexForward: false, ExclusiveStartKey: start });
      ids.push(...(out.Items ?? []).map((i) => unmarshall(i).caseId as string));
      start = out.LastEvaluatedKey;
    } while (start);
    const found = await Promise.all(ids.map((id) => get<HardshipCase>(hardshipKeys.case(id))));
    return found.filter((c): c is HardshipCase => c !== null);
  },
  async inPublicity() {
    const lists = (await parts()).map((l2) => treeList.publicity(l2));
    // Bounded fan-out (one Query per level-2 org, in parallel): only the cases in 公示 now are listed.
    return (await Promise.all(lists.map((l) => list<HardshipCase>(l)))).flat();
  },
  async saveCase(c, previousVersion, audit, effects = {}) {
    const items: TransactionItem[] = [{ Put: { TableName: table(), Item: m(caseItem(c)), ...atVersion(previousVersion) } }, ...publicityWrite(c)];
    if (effects.releaseOpen) {
      items.push({ Delete: { TableName: table(), Key: m(hardshipKeys.open(c.householdKey)), ConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: m({ ':o': c.app.id }) } });
    }
    if (effects.objection) items.push({ Put: { TableName: table(), Item: m({ ...hardshipKeys.objection(effects.objection), caseId: c.app.id }) } });
    if (effects.file) {
      const { file, previousVersion: fileVersion, before } = effects.file;
      items.push(...counterUpdates(before ?? null, file));
      items.push({
        Put: {
          TableName: table(),
          Item: m(fileItem(file)),
          ...(fileVersion === null ? { ConditionExpression: 'attribute_not_exists(pk)' } : atVersion(fileVersion)),
        },
      });
    }
    return committed(withAudit(items, audit), 'hardship.case-save');
  },
  async rateCase(c, previousVersion, counters) {
    return committed([{ Put: { TableName: table(), Item: m(caseItem(c)), ...atVersion(previousVersion) } }, ...counterWrites(counters)], 'hardship.case-rate');
  },
  async objectionCase(id) {
    const out = await ddb.getItem({ TableName: table(), Key: m(hardshipKeys.objection(id)), ConsistentRead: true });
    return out.Item ? (unmarshall(out.Item).caseId as string) : null;
  },
  async getFile(id) {
    return get<HardshipFile>(hardshipKeys.file(id));
  },
  async filePage(roots, page) {
    return pageOf(await segments(roots, (l2) => [treeList.file(l2)]), page);
  },
  async allFiles(roots, keep) {
    const segs = await segments(roots, (l2) => [treeList.file(l2)]);
    const out: HardshipFile[] = [];
    let cursor: string | undefined;
    do {
      const page = await pageOf(segs, { limit: 1000, cursor, keep });
      out.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return out;
  },
  async filesDue(today) {
    // `<date>#<id>` ≤ `<today>#~`: every file whose reminder starts on or before today.
    const l2s = await parts();
    return (await Promise.all(l2s.map((l2) => dueUpTo<HardshipFile>(dueIndex.recheck(l2), `${today}#~`)))).flat();
  },
  async filesExpired(today) {
    // `<date>#<id>` < `<today>`: deleted the day after the last day kept.
    const l2s = await parts();
    return (await Promise.all(l2s.map((l2) => dueUpTo<HardshipFile>(dueIndex.purge(l2), `${today}#`)))).flat().filter((f) => f.closedAt !== null && deleteAfter(f.closedAt) < today);
  },
  async saveFile(file, previousVersion, audit, before) {
    const put = { Put: { TableName: table(), Item: m(fileItem(file)), ...atVersion(previousVersion) } };
    // No `before`: a change no counter follows (a payment).
    return committed(withAudit([put, ...(before === undefined ? [] : counterUpdates(before, file))], audit), 'hardship.file-save');
  },
  async counters(orgId) {
    const out = await ddb.getItem({ TableName: table(), Key: m(hardshipKeys.counters(orgId)), ConsistentRead: true });
    if (!out.Item) return {};
    const { pk: _pk, sk: _sk, ...counts } = unmarshall(out.Item);
    return counts as Record<string, number>;
  },
  async deleteFile(file, audit) {
    const del = { Delete: { TableName: table(), Key: m(hardshipKeys.file(file.id)), ...atVersion(file.version) } };
    return committed(withAudit([del], audit), 'hardship.file-delete');
  },
  async putSpotCheck(record, files, audit) {
    const items: TransactionItem[] = [
      { Put: { TableName: table(), Item: m({ ...hardshipKeys.spot(record.orgId, record.year), body: JSON.stringify(record) }), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...files.map(({ file, previousVersion }) => ({ Put: { TableName: table(), Item: m(fileItem(file)), ...atVersion(previousVersion) } })),
    ];
    return committed(withAudit(items, audit), 'hardship.spot-check');
  },
  async spotCheck(orgId, year) {
    return get<SpotCheckRecord>(hardshipKeys.spot(orgId, year));
  },
  async notify(notice) {
    // Keyed by the caller's id: a second run's write is refused and changes nothing.
    await runTransaction([officialNoticeWrite(notice)], { name: 'hardship.notice' });
  },
  async audit(entry) {
    await runTransaction([auditPut(entry)], { name: 'hardship.read-audit' });
  },
};

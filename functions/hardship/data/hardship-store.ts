import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { officialNoticeWrite } from '../../applications';
import { auditPut, type AuditEntry } from '../../audit';
import { config } from '../../kernel/config';
import { ddb } from '../../kernel/data/client';
import { runTransaction, type TransactionItem } from '../../kernel/data/transactions';
import { counterDelta } from '../domain/stats';
import type { HardshipCase, HardshipFile, SpotCheckRecord, StoredStandard } from '../domain/types';
import type { HardshipStore, StoredDraft } from '../services/ports';
import { hardshipKeys } from './keys';

/**
 * The hardship table (data/keys.ts): each item's fields as JSON (`body`) beside the keys, the version
 * its conditions read, and the list index's attributes. Writes that change a case or a file name the
 * version read; a case's approval writes the case, the household's file and the release of its open
 * mark in one transaction, with the official's audit entry.
 */
const table = () => `${config().tablePrefix}hardship`;
type Raw = Record<string, AttributeValue>;
const m = (value: Record<string, unknown>): Raw => marshall(value, { removeUndefinedValues: true });

const caseItem = (c: HardshipCase) => ({ ...hardshipKeys.case(c.app.id), list: 'case', listKey: `${c.app.createdAt}#${c.app.id}`, version: c.app.version, body: JSON.stringify(c) });
const fileItem = (f: HardshipFile) => ({ ...hardshipKeys.file(f.id), list: 'file', listKey: f.id, version: f.version, body: JSON.stringify(f) });
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
    return (await committed([guard, put, draft], 'hardship.case-create')) ? 'created' : 'open';
  },
  async getCase(id) {
    return get<HardshipCase>(hardshipKeys.case(id));
  },
  async cases() {
    return list<HardshipCase>('case');
  },
  async saveCase(c, previousVersion, audit, effects = {}) {
    const items: TransactionItem[] = [{ Put: { TableName: table(), Item: m(caseItem(c)), ...atVersion(previousVersion) } }];
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
  async objectionCase(id) {
    const out = await ddb.getItem({ TableName: table(), Key: m(hardshipKeys.objection(id)), ConsistentRead: true });
    return out.Item ? (unmarshall(out.Item).caseId as string) : null;
  },
  async getFile(id) {
    return get<HardshipFile>(hardshipKeys.file(id));
  },
  async files() {
    return list<HardshipFile>('file');
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

import { QueryCommand, type AttributeValue, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { config } from '../../kernel/config';
import { batchGetRaw } from '../../kernel/data/batch';
import { ddb } from '../../kernel/data/client';
import { statsKeys } from './keys';
import { runTransaction } from '../../kernel/data/transactions';
import type { Chunk } from '../domain/batch';
import type { StatsStore } from '../services/ports';

/**
 * The stats table (partition `pk`, sort `sk`): counters `org#<id>` × `<metric>#<month|all>` whose
 * attributes are plain numbers changed only by ADD, and the stream marks `mark#<table>#<key>` × `seq`
 * (with `expiresAt`, the table's TTL). Written with the SDK directly: the counters' attribute names
 * are data (`join_pending`, `filed_subsidy`, …), which a fixed schema would not hold.
 */
const tableName = () => `${config().tablePrefix}stats`;

/** Marks outlive a record's 24 h in the stream (the longest a batch can be retried). */
const MARK_TTL_SECONDS = 2 * 86_400;

function numbersOf(item: Record<string, AttributeValue>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) if (value.N !== undefined) out[name] = Number(value.N);
  return out;
}

function batchGet(keys: Array<{ pk: string; sk: string }>, consistent: boolean): Promise<Array<Record<string, AttributeValue>>> {
  return batchGetRaw(tableName(), keys.map((k) => ({ pk: { S: k.pk }, sk: { S: k.sk } })), { consistent });
}

function counterUpdate(table: string, u: Chunk['updates'][number]): TransactWriteItem {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const parts = Object.entries(u.add).map(([attribute, n], i) => {
    names[`#a${i}`] = attribute;
    values[`:a${i}`] = { N: String(n) };
    return `#a${i} :a${i}`;
  });
  return {
    Update: {
      TableName: table,
      Key: { pk: { S: statsKeys.org(u.orgId) }, sk: { S: u.sk } },
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

function markPut(table: string, source: string, mark: { itemKey: string; seq: string; previous: string | null }, now: Date): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: {
        pk: { S: statsKeys.mark(source, mark.itemKey) },
        sk: { S: statsKeys.markSort },
        seq: { S: mark.seq },
        expiresAt: { N: String(Math.floor(now.getTime() / 1000) + MARK_TTL_SECONDS) },
      },
      // Only over the mark read: a second processor of the same records applies them once.
      ...(mark.previous === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'seq = :previous', ExpressionAttributeValues: { ':previous': { S: mark.previous } } }),
    },
  };
}

export const statsStore: StatsStore = {
  async read(orgIds, sortKeys) {
    const keys = orgIds.flatMap((orgId) => sortKeys.map((sk) => ({ pk: statsKeys.org(orgId), sk })));
    const items = await batchGet(keys, false);
    const out = new Map<string, Map<string, Record<string, number>>>(orgIds.map((id) => [id, new Map()]));
    for (const item of items) {
      const orgId = (item.pk?.S ?? '').slice(statsKeys.org('').length);
      out.get(orgId)?.set(item.sk?.S ?? '', numbersOf(item));
    }
    return out;
  },

  async openDueThrough(orgId, lastDate) {
    const [from, to] = statsKeys.dueThrough(lastDate);
    let sum = 0;
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await ddb.send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': { S: statsKeys.org(orgId) }, ':from': { S: from }, ':to': { S: to } },
          ProjectionExpression: '#open',
          ExpressionAttributeNames: { '#open': 'open' },
          ...(startKey && { ExclusiveStartKey: startKey }),
        }),
      );
      for (const item of page.Items ?? []) sum += Number(item.open?.N ?? 0);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return sum;
  },

  async marks(source, itemKeys) {
    const unique = [...new Set(itemKeys)];
    const items = await batchGet(unique.map((key) => ({ pk: statsKeys.mark(source, key), sk: statsKeys.markSort })), true);
    const prefix = statsKeys.mark(source, '');
    return new Map(items.map((item) => [(item.pk?.S ?? '').slice(prefix.length), item.seq?.S ?? '']));
  },

  async apply(source, chunk, previous, now) {
    const table = tableName();
    const items: TransactWriteItem[] = [
      ...chunk.updates.map((u) => counterUpdate(table, u)),
      ...chunk.marks.map((m) => markPut(table, source, { ...m, previous: previous.get(m.itemKey) ?? null }, now)),
    ];
    // Conflicts on the hot counters (the root org's) and throttling are retried by the runner; past
    // its bound the error is thrown and the stream retries the batch. `changed`: a mark moved.
    // Idempotent: the marks' conditions make a second application of the same records refused.
    return (await runTransaction(items, { name: 'stats.apply', idempotent: true })).kind === 'done' ? 'done' : 'changed';
  },
};

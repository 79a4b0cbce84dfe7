import {
  BatchGetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { config } from '../../kernel/config';
import { ddb } from '../../kernel/data/client';
import { statsKeys } from '../../kernel/data/keys';
import type { Chunk } from '../domain/batch';
import type { StatsStore } from '../services/ports';

/**
 * The stats table (partition `pk`, sort `sk`): counters `org#<id>` × `<metric>#<month|all>` whose
 * attributes are plain numbers changed only by ADD, and the stream marks `mark#<table>#<key>` × `seq`
 * (with `expiresAt`, the table's TTL). Written with the SDK directly: the counters' attribute names
 * are data (`join_pending`, `filed_subsidy`, …), which a fixed schema would not hold.
 */
const tableName = () => `${config().tablePrefix}stats`;

const BATCH_GET_LIMIT = 100;
const UNPROCESSED_ROUNDS = 6;
const CONFLICT_RETRIES = 6;
/** Marks outlive a record's 24 h in the stream (the longest a batch can be retried). */
const MARK_TTL_SECONDS = 2 * 86_400;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function numbersOf(item: Record<string, AttributeValue>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) if (value.N !== undefined) out[name] = Number(value.N);
  return out;
}

async function batchGet(keys: Array<{ pk: string; sk: string }>, consistent: boolean): Promise<Array<Record<string, AttributeValue>>> {
  const out: Array<Record<string, AttributeValue>> = [];
  const table = tableName();
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    let pending: Array<Record<string, AttributeValue>> = keys.slice(i, i + BATCH_GET_LIMIT).map((k) => ({ pk: { S: k.pk }, sk: { S: k.sk } }));
    for (let round = 0; pending.length > 0; round += 1) {
      if (round >= UNPROCESSED_ROUNDS) throw new Error(`stats: batchGet left ${pending.length} keys unprocessed`);
      if (round > 0) await sleep(20 * 2 ** round);
      const answer = await ddb.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: consistent } } }));
      out.push(...(answer.Responses?.[table] ?? []));
      pending = answer.UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return out;
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

function cancellationCodes(err: unknown): string[] | null {
  if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') return null;
  const reasons = (err as Error & { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code ?? 'None');
}

const RETRYABLE = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'InternalServerError']);

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
    for (let attempt = 0; ; attempt += 1) {
      try {
        await ddb.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return 'done';
      } catch (err) {
        const codes = cancellationCodes(err);
        if (codes?.includes('ConditionalCheckFailed')) return 'changed';
        // Another transaction on the same counter (the root org's items are hot) or throttling:
        // nothing was written; try again after a random pause, then leave it to the stream's retry.
        const retryable = (codes !== null && codes.every((c) => c === 'None' || c === 'TransactionConflict' || c === 'ThrottlingError')) ||
          (err instanceof Error && RETRYABLE.has(err.name));
        if (!retryable || attempt >= CONFLICT_RETRIES) throw err;
        await sleep(Math.random() * Math.min(400, 25 * 2 ** attempt));
      }
    }
  },
};

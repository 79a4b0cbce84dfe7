import type { AttributeValue, WriteRequest } from '@aws-sdk/client-dynamodb';
import type { ModelType } from 'dynamoose/dist/General';
import type { Item } from 'dynamoose/dist/Item';
import { ddb } from './client';
import { backoffMs, realPause, RETRY_POLICY, type Pause, type RetryPolicy } from './retry';
import { RetriesExhausted } from './transactions';

/**
 * Batch reads and writes over any number of keys: DynamoDB takes 100 keys per BatchGetItem and 25
 * puts per BatchWriteItem, and hands back what it did not process (throttled, or over 16 MB). The
 * unprocessed rest is asked again under the transactions' retry policy (same pauses, same bound,
 * then RetriesExhausted: BUSY).
 */

const GET_LIMIT = 100;
const WRITE_LIMIT = 25;

type RawItem = Record<string, AttributeValue>;

/** Calls `call` with `pending`, then with what it hands back, until nothing is left. */
async function drain<T>(pending: T[], call: (pending: T[]) => Promise<T[]>, what: string, pause: Pause, policy: RetryPolicy): Promise<void> {
  for (let retry = 0; pending.length > 0; retry += 1) {
    if (retry > policy.retries) throw new RetriesExhausted([`${what}: ${pending.length} left unprocessed`]);
    if (retry > 0) await pause.sleep(backoffMs(policy, retry, pause.random));
    pending = await call(pending);
  }
}

export interface BatchOptions {
  pause?: Pause;
  policy?: RetryPolicy;
}

/** The items of a dynamoose model at `keys` (unique; absent ones left out), in no particular order. */
export async function batchGetAll<T extends Item>(
  model: ModelType<T>,
  keys: Array<Record<string, string | number>>,
  consistent = false,
  options: BatchOptions = {},
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += GET_LIMIT) {
    await drain(
      keys.slice(i, i + GET_LIMIT),
      async (pending) => {
        const found = await model.batchGet(pending, { consistent });
        out.push(...found);
        return (found.unprocessedKeys as unknown as Array<Record<string, string | number>> | undefined) ?? [];
      },
      'batchGet',
      options.pause ?? realPause,
      options.policy ?? RETRY_POLICY,
    );
  }
  return out;
}

/**
 * Raw items of `table` at `keys` (raw key maps; duplicates are the caller's to avoid), optionally only
 * `attributes`: for tables without a model, or reads that want a projection.
 */
export async function batchGetRaw(table: string, keys: RawItem[], options: BatchOptions & { consistent?: boolean; attributes?: readonly string[] } = {}): Promise<RawItem[]> {
  const { consistent = false, attributes } = options;
  const projection = attributes && {
    ProjectionExpression: attributes.map((_, n) => `#a${n}`).join(','),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((a, n) => [`#a${n}`, a])),
  };
  const out: RawItem[] = [];
  for (let i = 0; i < keys.length; i += GET_LIMIT) {
    await drain(
      keys.slice(i, i + GET_LIMIT),
      async (pending) => {
        const answer = await ddb.batchGetItem({ RequestItems: { [table]: { Keys: pending, ConsistentRead: consistent, ...projection } } });
        out.push(...(answer.Responses?.[table] ?? []));
        return answer.UnprocessedKeys?.[table]?.Keys ?? [];
      },
      `batchGet ${table}`,
      options.pause ?? realPause,
      options.policy ?? RETRY_POLICY,
    );
  }
  return out;
}

/** Puts and deletes in `table`, 25 per call (not a transaction: each request stands alone). */
export async function batchWriteRaw(table: string, requests: readonly WriteRequest[], options: BatchOptions = {}): Promise<void> {
  for (let i = 0; i < requests.length; i += WRITE_LIMIT) {
    await drain(
      requests.slice(i, i + WRITE_LIMIT),
      async (pending) => {
        const answer = await ddb.batchWriteItem({ RequestItems: { [table]: pending } });
        return answer.UnprocessedItems?.[table] ?? [];
      },
      `batchWrite ${table}`,
      options.pause ?? realPause,
      options.policy ?? RETRY_POLICY,
    );
  }
}

/** Puts raw items into `table` (see batchWriteRaw). */
export function batchPutRaw(table: string, items: readonly RawItem[], options: BatchOptions = {}): Promise<void> {
  return batchWriteRaw(table, items.map((Item) => ({ PutRequest: { Item } })), options);
}

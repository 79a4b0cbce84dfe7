import { ScanCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { config } from '../../kernel/config';
import { batchWriteRaw } from '../../kernel/data/batch';
import { ddb } from '../../kernel/data/client';
import { statsKeys } from './keys';
import type { ApplicationImage, CounterUpdate, MemberImage } from '../domain/deltas';

/**
 * What `npm run stats:rebuild` reads and writes: the members and applications tables scanned (only
 * the attributes the figures need), and the stats table's counter items replaced by a recount.
 * A one-off for data that predates the streams; never used on a request. The SDK directly, like
 * stats-store.ts: the stats table has no model (its counters' attribute names are data).
 */
const table = (name: string) => `${config().tablePrefix}${name}`;

async function* scan(name: string, projection: string[]): AsyncGenerator<Record<string, unknown>> {
  let start: Record<string, AttributeValue> | undefined;
  const names = Object.fromEntries(projection.map((p, i) => [`#p${i}`, p]));
  do {
    const page = await ddb.send(
      new ScanCommand({ TableName: table(name), ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names, ...(start && { ExclusiveStartKey: start }) }),
    );
    for (const item of page.Items ?? []) yield unmarshall(item);
    start = page.LastEvaluatedKey;
  } while (start);
}

export const scanMembers = () => scan('members', ['id', 'orgId', 'openid', 'createdAt', 'status', 'leftAt', 'leftOn']) as AsyncGenerator<MemberImage>;
export const scanApplications = () =>
  scan('applications', ['id', 'kind', 'status', 'createdAt', 'updatedAt', 'steps', 'orgL0', 'orgL1', 'orgL2', 'orgL3', 'openDueDate']) as AsyncGenerator<ApplicationImage>;

const batchWrite = (requests: WriteRequest[]) => batchWriteRaw(table('stats'), requests);

/** Replaces every counter item by `items` (marks are left alone); the numbers of items deleted and written. */
export async function replaceCounters(items: readonly CounterUpdate[]): Promise<{ deleted: number; written: number }> {
  const old: WriteRequest[] = [];
  for await (const item of scan('stats', ['pk', 'sk'])) {
    if (String(item.pk).startsWith(statsKeys.org(''))) old.push({ DeleteRequest: { Key: { pk: { S: String(item.pk) }, sk: { S: String(item.sk) } } } });
  }
  await batchWrite(old);
  const puts: WriteRequest[] = items.map((u) => ({
    PutRequest: {
      Item: {
        pk: { S: statsKeys.org(u.orgId) },
        sk: { S: u.sk },
        ...Object.fromEntries(Object.entries(u.add).map(([name, n]) => [name, { N: String(n) }])),
      },
    },
  }));
  await batchWrite(puts);
  return { deleted: old.length, written: puts.length };
}

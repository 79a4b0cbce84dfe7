import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { localClientConfig } from './dynamodb-local';

/**
 * What Lambda's event source mapping does for the stats handler in AWS, for DynamoDB Local (which
 * keeps streams but runs no Lambda): read each table's stream shard by shard, in order, and hand
 * batches of up to 100 records, shaped as Lambda's DynamoDBStreamEvent, to the handler. A batch the
 * handler throws on is read again from the same place on the next poll (at-least-once, like
 * Lambda); the handler's marks make a repeat harmless. Parent shards are finished before their
 * children start, as Lambda does.
 *
 * `drain()` polls until a whole pass over every shard reads nothing (what integration tests call
 * before they compare counters); `start(everyMs)` keeps polling until `stop()` (npm start and the
 * api/e2e stacks, through scripts/streams.ts).
 */
export interface StreamHandlerEvent {
  Records: Array<Record<string, unknown>>;
}

export interface StreamPollerOptions {
  endpoint: string;
  /** Full table names (with the stage prefix) whose streams to read. */
  tables: readonly string[];
  handle: (event: StreamHandlerEvent) => Promise<unknown>;
  batchSize?: number;
  onError?: (err: unknown) => void;
}

export interface StreamPoller {
  /** Polls until nothing more comes; the number of records handed to the handler. */
  drain(): Promise<number>;
  start(everyMs: number): void;
  stop(): Promise<void>;
}

interface ShardState {
  streamArn: string;
  shardId: string;
  parentShardId: string | null;
  /** The last sequence number handed over successfully; null before the first. */
  lastSeq: string | null;
  iterator: string | null;
  /** A closed shard read to its end. */
  finished: boolean;
}

/** The record as Lambda shows it: the SDK's record plus the stream ARN, the time in epoch seconds. */
function asLambdaRecord(record: StreamRecord, streamArn: string): Record<string, unknown> {
  const d = record.dynamodb ?? {};
  const when = d.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: { ...d, ...(when instanceof Date && { ApproximateCreationDateTime: Math.floor(when.getTime() / 1000) }) },
  };
}

export function createStreamPoller(options: StreamPollerOptions): StreamPoller {
  const config = localClientConfig(options.endpoint);
  const tables = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const batchSize = options.batchSize ?? 100;
  const shards = new Map<string, ShardState>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function discover(): Promise<void> {
    for (const TableName of options.tables) {
      const table = (await tables.send(new DescribeTableCommand({ TableName }))).Table;
      const streamArn = table?.LatestStreamArn;
      if (!streamArn || table?.StreamSpecification?.StreamEnabled === false) throw new Error(`table ${TableName} has no stream`);
      let start: string | undefined;
      do {
        const description = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start && { ExclusiveStartShardId: start }) })))
          .StreamDescription;
        for (const shard of description?.Shards ?? ([] as Shard[])) {
          if (!shard.ShardId || shards.has(shard.ShardId)) continue;
          shards.set(shard.ShardId, { streamArn, shardId: shard.ShardId, parentShardId: shard.ParentShardId ?? null, lastSeq: null, iterator: null, finished: false });
        }
        start = description?.LastEvaluatedShardId;
      } while (start);
    }
  }

  async function iteratorOf(s: ShardState): Promise<string | null> {
    const position = s.lastSeq === null ? { ShardIteratorType: 'TRIM_HORIZON' as const } : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: s.lastSeq };
    try {
      return (await streams.send(new GetShardIteratorCommand({ StreamArn: s.streamArn, ShardId: s.shardId, ...position }))).ShardIterator ?? null;
    } catch (err) {
      // Records older than the stream keeps (24 h) are gone: go on from the oldest still there.
      if (err instanceof TrimmedDataAccessException) {
        return (await streams.send(new GetShardIteratorCommand({ StreamArn: s.streamArn, ShardId: s.shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator ?? null;
      }
      throw err;
    }
  }

  /** One read of one shard; the number of records handed over. */
  async function readShard(s: ShardState): Promise<number> {
    s.iterator ??= await iteratorOf(s);
    if (s.iterator === null) {
      s.finished = true;
      return 0;
    }
    let answer;
    try {
      answer = await streams.send(new GetRecordsCommand({ ShardIterator: s.iterator, Limit: 1000 }));
    } catch (err) {
      if (err instanceof ExpiredIteratorException) {
        s.iterator = null;
        return 0;
      }
      throw err;
    }
    const records = answer.Records ?? [];
    for (let i = 0; i < records.length; i += batchSize) {
      const batch = records.slice(i, i + batchSize);
      try {
        await options.handle({ Records: batch.map((r) => asLambdaRecord(r, s.streamArn)) });
      } catch (err) {
        // As Lambda: the batch is read again (from after the last one handed over) on the next poll.
        s.iterator = null;
        throw err;
      }
      s.lastSeq = batch.at(-1)?.dynamodb?.SequenceNumber ?? s.lastSeq;
    }
    s.iterator = answer.NextShardIterator ?? null;
    if (s.iterator === null) s.finished = true;
    return records.length;
  }

  /** One pass: every shard whose parent is done, read once. */
  async function pass(): Promise<number> {
    await discover();
    let count = 0;
    for (const s of shards.values()) {
      if (s.finished) continue;
      const parent = s.parentShardId ? shards.get(s.parentShardId) : undefined;
      if (parent && !parent.finished) continue;
      count += await readShard(s);
    }
    return count;
  }

  async function drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await pass();
      total += n;
      if (n === 0) return total;
    }
  }

  /** One poll at a time: drain() during start() waits for the running one and then drains. */
  function drain(): Promise<number> {
    const previous = running ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => drainOnce());
    running = next.finally(() => {
      if (running === guarded) running = null;
    });
    const guarded = running;
    return next;
  }

  return {
    drain,
    start(everyMs) {
      const tick = () => {
        if (stopped) return;
        drain()
          .catch((err) => options.onError?.(err))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, everyMs);
          });
      };
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      tables.destroy();
      streams.destroy();
    },
  };
}

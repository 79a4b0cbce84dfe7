import type { DynamoDBStreamEvent } from 'aws-lambda';
import { log } from '../../../kernel/logger';
import { streamDeps } from '../../services/stream-deps';
import { applyStreamRecords, STREAM_SOURCES, type StreamRecordInput, type StreamSource } from '../../services/stream';

/** `…:table/<prefix><name>/stream/…` → `<name>` when it is one of the sources. */
function sourceOf(arn: string | undefined): StreamSource | null {
  const table = /:table\/([^/]+)\/stream\//.exec(arn ?? '')?.[1] ?? '';
  return STREAM_SOURCES.find((s) => table.endsWith(`-${s}`) || table === s) ?? null;
}

/**
 * The members' and applications' DynamoDB Streams (serverless.yml › statsStream): each batch
 * (records of one shard, in order) becomes counter updates of the stats table. An error fails the
 * batch, which Lambda delivers again; records already applied are recognised by their marks.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const bySource = new Map<StreamSource, StreamRecordInput[]>();
  for (const record of event.Records ?? []) {
    const source = sourceOf(record.eventSourceARN);
    if (source === null) {
      log.warn('stats: a record of an unexpected stream, skipped', { arn: record.eventSourceARN ?? null });
      continue;
    }
    bySource.set(source, [...(bySource.get(source) ?? []), record as StreamRecordInput]);
  }
  for (const [source, records] of bySource) {
    const report = await applyStreamRecords(streamDeps(), source, records);
    log.info('stats applied', { source, ...report });
  }
}

import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { log } from '../../kernel/logger';
import { chunks, notApplied, type SourceChange } from '../domain/batch';
import { applicationFigures, difference, memberFigures, type ApplicationImage, type MemberImage } from '../domain/deltas';
import type { StreamDeps } from './ports';

/**
 * DynamoDB Streams → the dashboard's counters. Each record's old and new image become deltas
 * (domain/deltas.ts); a batch's deltas are summed per counter item and written as ADD updates, one
 * UpdateItem per counter item per transaction (a batch is one transaction when its counters and
 * marks fit in 100 items, else a few, in stream order).
 *
 * Exactly once, though streams deliver at least once (a failed batch is retried whole; a local
 * poller may restart): every transaction also writes, per source item, the sequence number of its
 * last record applied — only if the mark is still the one read — and records at or before an
 * item's mark are dropped before anything is written. Records of one item arrive in order on one
 * shard, so that mark only grows; two processors of the same records write them once.
 */

/** The tables whose streams feed the counters (serverless.yml › statsStream events). */
export const STREAM_SOURCES = ['members', 'applications'] as const;
export type StreamSource = (typeof STREAM_SOURCES)[number];

/** A stream record as Lambda hands it (and the local poller copies it). */
export interface StreamRecordInput {
  eventName?: string;
  dynamodb?: {
    Keys?: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber?: string;
  };
}

const image = <T>(raw: Record<string, unknown> | undefined): T | null =>
  raw ? (unmarshall(raw as Record<string, AttributeValue>) as T) : null;

/** Attempts when another processor moved a mark meanwhile (each re-reads the marks). */
const MARK_ROUNDS = 3;

async function changesOf(deps: StreamDeps, source: StreamSource, records: readonly StreamRecordInput[]): Promise<SourceChange[]> {
  const rows = records.flatMap((r) => {
    const seq = r.dynamodb?.SequenceNumber;
    const keys = image<{ id?: string }>(r.dynamodb?.Keys);
    if (!seq || !keys?.id) {
      log.warn('stats: a stream record without sequence number or key, skipped', { source });
      return [];
    }
    return [{ itemKey: keys.id, seq, before: r.dynamodb?.OldImage, after: r.dynamodb?.NewImage }];
  });
  if (source === 'applications') {
    return rows.map((row) => ({
      itemKey: row.itemKey,
      seq: row.seq,
      deltas: difference(applicationFigures(image<ApplicationImage>(row.before)), applicationFigures(image<ApplicationImage>(row.after))),
    }));
  }
  const members = rows.map((row) => ({ ...row, old: image<MemberImage>(row.before), now: image<MemberImage>(row.after) }));
  const orgIds = members.flatMap((m) => [m.old?.orgId, m.now?.orgId].filter((id): id is string => typeof id === 'string'));
  const paths = await deps.orgPaths.pathsOf(orgIds);
  const pathOf = (m: MemberImage | null) => {
    if (!m) return null;
    const path = paths.get(m.orgId);
    // An org that does not exist cannot be counted anywhere; the record must not block the shard.
    if (!path) log.warn('stats: a member of an unknown org, not counted', { orgId: m.orgId });
    return path ?? null;
  };
  return members.map((m) => ({
    itemKey: m.itemKey,
    seq: m.seq,
    deltas: difference(memberFigures(m.old, pathOf(m.old)), memberFigures(m.now, pathOf(m.now))),
  }));
}

export interface StreamReport {
  records: number;
  applied: number;
  /** Records at or before their item's mark (applied by an earlier delivery). */
  skipped: number;
  transactions: number;
}

/** Applies one stream batch of `source`'s table to the counters. Throws to have the batch retried. */
export async function applyStreamRecords(deps: StreamDeps, source: StreamSource, records: readonly StreamRecordInput[]): Promise<StreamReport> {
  const all = await changesOf(deps, source, records);
  // Records that change no figure (a name, a card number) need neither counters nor marks.
  let pending = all.filter((c) => c.deltas.length > 0);
  const report: StreamReport = { records: records.length, applied: 0, skipped: 0, transactions: 0 };
  for (let round = 0; pending.length > 0; round += 1) {
    if (round >= MARK_ROUNDS) throw new Error(`stats: the marks of ${source} kept moving under this batch`);
    const marks = await deps.stats.marks(source, pending.map((c) => c.itemKey));
    const todo = notApplied(pending, marks);
    report.skipped += pending.length - todo.length;
    const current = new Map(marks);
    let rest: typeof todo = [];
    let offset = 0;
    for (const chunk of chunks(todo)) {
      const outcome = await deps.stats.apply(source, chunk, current, deps.now());
      if (outcome === 'changed') {
        rest = todo.slice(offset);
        break;
      }
      report.transactions += 1;
      report.applied += chunk.records;
      for (const m of chunk.marks) current.set(m.itemKey, m.seq);
      offset += chunk.records;
    }
    pending = rest;
  }
  return report;
}

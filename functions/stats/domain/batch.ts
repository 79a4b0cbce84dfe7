import { groupByItem, type CounterUpdate, type Delta } from './deltas';

/**
 * A stream batch as transactions: the changes not applied yet (by each source item's mark), in
 * chunks of at most 100 items (TransactWriteItems' limit) — one update per counter item a chunk
 * touches, plus one mark per source item.
 */

/** The counter changes one stream record makes, with the record's place in the stream. */
export interface SourceChange {
  /** The changed item's key in its table (member id, application id). */
  itemKey: string;
  /** The record's stream sequence number (decimal, 21–40 digits). */
  seq: string;
  deltas: Delta[];
}

/** Sequence numbers compare as numbers: pad to the longest there is (40 digits), then as strings. */
export const paddedSeq = (seq: string): string => {
  if (!/^\d{1,40}$/.test(seq)) throw new RangeError(`not a stream sequence number: ${seq}`);
  return seq.padStart(40, '0');
};

/**
 * What is left to apply: records of an item at or before its mark were applied already (a retried
 * batch, a second poller). Records of one item come in order on one shard, so its mark only grows.
 */
export function notApplied(changes: readonly SourceChange[], marks: ReadonlyMap<string, string>): SourceChange[] {
  return changes.filter((c) => {
    const mark = marks.get(c.itemKey);
    return mark === undefined || paddedSeq(c.seq) > paddedSeq(mark);
  });
}

export interface Chunk {
  updates: CounterUpdate[];
  /** The mark each source item gets (the last record of it in the chunk). */
  marks: Array<{ itemKey: string; seq: string }>;
  records: number;
}

export const MAX_TRANSACTION_ITEMS = 100;

const itemsOf = (deltas: readonly Delta[]) => new Set(deltas.map((d) => `${d.orgId}\u0000${d.sk}`));

/** Consecutive records per chunk while counters + marks stay within `maxItems`. */
export function chunks(changes: readonly SourceChange[], maxItems = MAX_TRANSACTION_ITEMS): Chunk[] {
  const out: Chunk[] = [];
  let deltas: Delta[] = [];
  let counters = new Set<string>();
  let marks = new Map<string, string>();
  let records = 0;
  const flush = () => {
    if (records > 0) out.push({ updates: groupByItem(deltas), marks: [...marks].map(([itemKey, seq]) => ({ itemKey, seq })), records });
    deltas = [];
    counters = new Set();
    marks = new Map();
    records = 0;
  };
  for (const change of changes) {
    const own = itemsOf(change.deltas);
    if (own.size + 1 > maxItems) throw new RangeError(`one record touches ${own.size} counters: more than a transaction holds`);
    const merged = new Set([...counters, ...own]);
    const markCount = marks.size + (marks.has(change.itemKey) ? 0 : 1);
    if (records > 0 && merged.size + markCount > maxItems) flush();
    for (const key of own) counters.add(key);
    deltas.push(...change.deltas);
    marks.set(change.itemKey, change.seq);
    records += 1;
  }
  flush();
  return out;
}

import type { HardshipFile } from './types';

/**
 * The statistics counters of a subtree (functions/stats keeps its own the same way: a counter per
 * figure, moved by the write that changes it). A file counts, in every org on its path:
 *   cat#<category>, cause#<main cause>, city#<regionCode>   while active;
 *   new#<year> (the year it was created), closed#<year> (the year it closed);
 *   rechecks#<year>, onTime#<year>                             per re-check done that year.
 * `counterDelta(before, after)` is what a write adds: after's counts minus before's.
 */
export function fileCounts(file: HardshipFile | null): Record<string, number> {
  const out: Record<string, number> = {};
  if (!file) return out;
  const add = (key: string, n = 1) => {
    out[key] = (out[key] ?? 0) + n;
  };
  if (file.status === 'active') {
    add(`cat#${file.category}`);
    add(`cause#${file.mainCause}`);
    add(`city#${file.regionCode}`);
  }
  add(`new#${file.createdAt.slice(0, 4)}`);
  if (file.closedAt) add(`closed#${file.closedAt.slice(0, 4)}`);
  for (const r of file.rechecks) {
    // A re-check's year in China: the instant + 8 hours.
    const year = new Date(Date.parse(r.at) + 8 * 3_600_000).toISOString().slice(0, 4);
    add(`rechecks#${year}`);
    if (r.onTime) add(`onTime#${year}`);
  }
  return out;
}

export function counterDelta(before: HardshipFile | null, after: HardshipFile | null): Record<string, number> {
  const a = fileCounts(before);
  const b = fileCounts(after);
  const out: Record<string, number> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (b[key] ?? 0) - (a[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return out;
}

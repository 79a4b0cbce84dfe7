import type { ShardLevel } from './types';

export { defaultShardCount, MAX_DEFAULT_SHARDS, UNITS_PER_DEFAULT_SHARD } from '../contracts/benefits';

/** `total` units over `shards` items, as even as possible; the extra units go to the first shards. */
export function splitStock(total: number, shards: number): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError('total must be a non-negative integer');
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError('shards must be a positive integer');
  const base = Math.floor(total / shards);
  const extra = total % shards;
  return Array.from({ length: shards }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * Units to take from each shard to lower the stock by `amount`, taking from the fullest shards so
 * the shards stay even; only units left (unclaimed) can be taken. Null when fewer than `amount` are
 * left in all.
 */
export function planLowering(levels: readonly ShardLevel[], amount: number): Map<number, number> | null {
  const available = levels.reduce((sum, l) => sum + Math.max(0, l.left), 0);
  if (amount > available) return null;
  const takes = new Map<number, number>();
  let toTake = amount;
  while (toTake > 0) {
    const open = levels
      .map((l) => ({ shard: l.shard, room: Math.max(0, l.left) - (takes.get(l.shard) ?? 0) }))
      .filter((l) => l.room > 0)
      .sort((a, b) => b.room - a.room || a.shard - b.shard);
    const each = Math.max(1, Math.floor(toTake / open.length));
    for (const l of open) {
      const take = Math.min(each, l.room, toTake);
      takes.set(l.shard, (takes.get(l.shard) ?? 0) + take);
      toTake -= take;
      if (toTake === 0) break;
    }
  }
  return takes;
}

/** The order in which a claim tries shards: a random start, then the others in turn. */
export function shardOrder(shards: number, start: number): number[] {
  return Array.from({ length: shards }, (_, i) => (start + i) % shards);
}

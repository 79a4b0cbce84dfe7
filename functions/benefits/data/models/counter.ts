import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

/**
 * The hot items of a benefit (keys from benefitKeys): stock shards and region pools {total, left},
 * a member's {held}, the benefit's {n} redeemed. Every claim decrements `left` of one shard (and of
 * its region pool) only while it stays ≥ 0.
 */
export interface CounterItem extends Item {
  key: string;
  /** Units given to this shard or pool in all (initial + raised − lowered). */
  total?: number;
  /** Units not claimed yet. */
  left?: number;
  held?: number;
  /** Redeemed count; on the limits item (benefitKeys.limits) its version. */
  n?: number;
  /** Only on the limits item: JSON of the province's BenefitLimits. */
  limits?: string;
  /** Only on the limits item: when they were last set (epoch ms). */
  at?: number;
}

export const CounterModel = /* @__PURE__ */ lazyModel<CounterItem>(
  'benefitcounters',
  () =>
    new dynamoose.Schema({
      key: { type: String, hashKey: true },
      total: Number,
      left: Number,
      held: Number,
      n: Number,
      limits: String,
      at: Number,
    }),
);

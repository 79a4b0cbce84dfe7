import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

/**
 * The satisfaction table (好差评), keys from ../keys.ts satisfactionKeys. Two kinds of item
 * per org, each for the org's whole subtree:
 * - a counter per (kind, month): `level1`…`level5` ratings, `followedUp`, `followedUpOnTime` 回访
 *   (only ever incremented, with ADD, in the transaction of the rating or 回访);
 * - an entry per open 回访 (`applicationId`, `dueDate`), sorted by due date, deleted when recorded.
 */
export interface SatisfactionItem extends Item {
  pk: string;
  sk: string;
  level1?: number;
  level2?: number;
  level3?: number;
  level4?: number;
  level5?: number;
  followedUp?: number;
  followedUpOnTime?: number;
  applicationId?: string;
  dueDate?: string;
}

export const SatisfactionModel = /* @__PURE__ */ lazyModel<SatisfactionItem>(
  'satisfaction',
  () =>
    new dynamoose.Schema({
      pk: { type: String, hashKey: true },
      sk: { type: String, rangeKey: true },
      level1: Number,
      level2: Number,
      level3: Number,
      level4: Number,
      level5: Number,
      followedUp: Number,
      followedUpOnTime: Number,
      applicationId: String,
      dueDate: String,
    }),
);

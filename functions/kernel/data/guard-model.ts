import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from './client';
import { lazyModel } from './lazy-model';

/**
 * The guards table, shared: uniqueness guards, sequence counters, once-only marks and rate-limit
 * windows. Each owner builds its keys in its own module, under its own prefix:
 * - membership (membership/data/keys.ts rosterGuardKeys): `phone#`, `card#`, `seq#card#`, `member#id#`, `code#card#` (short codes);
 * - applications (applications/data/keys.ts applicationKeys): `app#`;
 * - benefits (benefits/data/keys.ts benefitKeys.couponCode): `code#coupon#`, short codes (short-codes.ts);
 * - the kernel's rate-limit windows (quota-store.ts rateWindowKey): `rate#`.
 */
export interface GuardItem extends Item {
  key: string;
  owner?: string;
  n?: number;
  /** Epoch seconds; DynamoDB's TTL removes the item after it. */
  expiresAt?: number;
}

export const GuardModel = /* @__PURE__ */ lazyModel<GuardItem>(
  'guards',
  () =>
    new dynamoose.Schema({
      key: { type: String, hashKey: true },
      owner: String,
      n: Number,
      expiresAt: Number,
    }),
);

import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

/** One verification of a membership-card QR: which card, when, by whom and in which role. */
export interface CardCheckItem extends Item {
  cardNumber: string;
  /** ISO instant + '#' + the QR's jti: unique, and sorts by time within a card. */
  checkedAt: string;
  jti: string;
  checkedBy: string;
  /** `clerk:<merchantId>`, `official:<orgId>` or `admin`. */
  role: string;
}

export const CardCheckModel = /* @__PURE__ */ lazyModel<CardCheckItem>(
  'card-checks',
  () =>
    new dynamoose.Schema({
      cardNumber: { type: String, hashKey: true },
      checkedAt: { type: String, rangeKey: true },
      jti: { type: String, required: true },
      checkedBy: { type: String, required: true },
      role: { type: String, required: true },
    }),
);

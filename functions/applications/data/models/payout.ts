import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';
import type { Payout } from '../../domain/subsidy';

/**
 * The payouts table: one item per (campaignId, memberId), put only if absent by the approval that
 * completes a 补贴 application, so a person is paid at most once per campaign. `status` is `pending`
 * until the payment (to the member's bank card, outside this system) is recorded. The item is the
 * domain's Payout (domain/subsidy.ts) as it is.
 */
export interface PayoutItem extends Item, Payout {}

export const PayoutModel = /* @__PURE__ */ lazyModel<PayoutItem>(
  'payouts',
  () =>
    new dynamoose.Schema({
      campaignId: { type: String, hashKey: true },
      memberId: { type: String, rangeKey: true },
      applicationId: { type: String, required: true },
      amountFen: { type: Number, required: true },
      pool: { type: String, required: true },
      regionCode: { type: String, required: true },
      status: { type: String, required: true, enum: ['pending', 'paid'] },
      createdAt: { type: String, required: true },
    }),
);

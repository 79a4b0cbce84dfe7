import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';
import type { PayoutFailure, PayoutStatus } from '../../contracts/payouts';

/**
 * The payouts table: one item per (campaignId, memberId), put only if absent by the approval that
 * completes a 补贴 application, so a person is paid at most once per campaign. `status` is `pending`
 * until a finance officer's batch takes it (`batched`, with `batchId`: each payout in one batch
 * only, conditioned on no batch yet), then `paid` (`paidOn`) or `failed` (`failureReason`) once a
 * second person confirmed the bank's answer; a failed one is `pending` again when the member gives
 * another card. The card number is only ever stored encrypted (`accountCipher`), beside its mask.
 */
export interface PayoutItem extends Item {
  campaignId: string;
  memberId: string;
  applicationId: string;
  amountFen: number;
  pool: string;
  regionCode: string;
  status: PayoutStatus;
  createdAt: string;
  payeeName?: string;
  bankName?: string;
  accountMasked?: string;
  accountCipher?: string;
  batchId?: string;
  paidOn?: string;
  failureReason?: PayoutFailure;
  failureNote?: string;
  updatedAt?: string;
}

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
      status: { type: String, required: true, enum: ['pending', 'batched', 'paid', 'failed'] },
      createdAt: { type: String, required: true },
      payeeName: String,
      bankName: String,
      accountMasked: String,
      accountCipher: String,
      batchId: String,
      paidOn: String,
      failureReason: String,
      failureNote: String,
      updatedAt: String,
    }),
);

import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';
import type { BatchStatus } from '../../contracts/payouts';

/**
 * The payoutbatches table (补贴发放批次): one item per batch, `id` a ULID; `byCampaign` lists a
 * campaign's batches newest first. `lines` (at most 500, masks only: the card numbers stay encrypted
 * on the payouts) and `results` are JSON. Every change is conditioned on `version`.
 */
export interface PayoutBatchItem extends Item {
  id: string;
  campaignId: string;
  campaignTitle: string;
  orgId: string;
  orgPath: string;
  status: BatchStatus;
  lines: string;
  results: string;
  lineCount: number;
  totalFen: number;
  createdBy: string;
  createdAt: string;
  markedBy?: string;
  markedAt?: string;
  confirmedBy?: string;
  confirmedAt?: string;
  applied: boolean;
  version: number;
}

export const PayoutBatchModel = /* @__PURE__ */ lazyModel<PayoutBatchItem>(
  'payoutbatches',
  () =>
    new dynamoose.Schema({
      id: { type: String, hashKey: true },
      campaignId: { type: String, required: true, index: { type: 'global', name: 'byCampaign', rangeKey: 'createdAt', project: true } },
      campaignTitle: { type: String, required: true },
      orgId: { type: String, required: true },
      orgPath: { type: String, required: true },
      status: { type: String, required: true, enum: ['building', 'exported', 'marked', 'confirmed'] },
      lines: { type: String, required: true },
      results: { type: String, required: true },
      lineCount: { type: Number, required: true },
      totalFen: { type: Number, required: true },
      createdBy: { type: String, required: true },
      createdAt: { type: String, required: true },
      markedBy: String,
      markedAt: String,
      confirmedBy: String,
      confirmedAt: String,
      applied: { type: Boolean, required: true },
      version: { type: Number, required: true },
    }),
);

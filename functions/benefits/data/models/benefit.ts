import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';
import type { Benefit } from '../../domain/types';

/**
 * A benefit's configuration: the domain's Benefit (domain/types.ts) as stored, mapped both ways in
 * ../mapping.ts only. Its live counts (stock shards, region quotas, held, redeemed) are in the
 * benefitcounters table, so that claims never write this item. Instants are epoch ms.
 */
export interface BenefitItem extends Item, Omit<Benefit, 'regionQuotas' | 'approval' | 'draw'> {
  /** JSON of {regionCode: quota}; "{}" without quotas. */
  regionQuotas: string;
  /** JSON of the BenefitApproval; absent without one (and on items written before it existed). */
  approval?: string;
  /** JSON of the BenefitDrawRef; written by the draws capability only (data/draw-ref.ts), absent otherwise. */
  draw?: string;
}

export const BenefitModel = /* @__PURE__ */ lazyModel<BenefitItem>(
  'benefits',
  () =>
    new dynamoose.Schema({
      id: { type: String, hashKey: true },
      title: { type: String, required: true },
      description: { type: String, required: true },
      category: { type: String, required: true, enum: ['coupon', 'cinema', 'phone', 'goods', 'activity'] },
      merchantIds: { type: Array, schema: [String], required: true },
      faceValueFen: { type: Number, required: true },
      priceFen: { type: Number, required: true },
      stock: { type: Number, required: true },
      perMemberLimit: { type: Number, required: true },
      claimStartsAt: { type: Number, required: true },
      claimEndsAt: { type: Number, required: true },
      useEndsAt: { type: Number, required: true },
      orgId: { type: String, required: true },
      orgPath: { type: Array, schema: [String], required: true },
      regionQuotas: { type: String, required: true },
      otherRegions: { type: String, required: true, enum: ['open', 'closed'] },
      shards: { type: Number, required: true },
      approval: String,
      draw: String,
      refundPolicy: { type: String, enum: ['none', 'same_day_review'] },
      // Listing by status (catalogue, benefit desk) queries this index; nothing scans the table.
      status: {
        type: String,
        required: true,
        enum: ['draft', 'published', 'paused', 'ended'],
        index: { name: 'byStatus', type: 'global', rangeKey: 'createdAt', project: true },
      },
      createdBy: { type: String, required: true },
      createdAt: { type: Number, required: true },
      updatedAt: { type: Number, required: true },
    }),
);

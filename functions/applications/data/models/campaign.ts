import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

/**
 * The campaigns table (补贴 campaigns), keys from ../keys.ts campaignKeys. Two kinds of item
 * in a campaign's partition (`pk` = `campaign#<id>`):
 * - `sk` = `config`: the configuration (tiers and quotas as JSON, read whole); `listKey` +
 *   `createdAt` (byCreated) list the campaigns newest first without a scan;
 * - `sk` = `quota#<pool>`: the places of one pool, `total`, `left` (taken with $ADD −1 only while
 *   > 0), `used` and `amountFen` (the payouts' sum), written in the approval's transaction.
 * And one item apart: `pk` = `rules`, `sk` = `subsidy`, the province's subsidy rules (the amounts a
 * tier may pay, `tierAmountsFen` as JSON, and `maxPayoutFen`), versioned.
 */
export interface CampaignItem extends Item {
  pk: string;
  sk: string;
  id?: string;
  listKey?: string;
  title?: string;
  description?: string;
  orgId?: string;
  orgName?: string;
  orgPath?: string;
  applyFrom?: string;
  applyUntil?: string;
  extendedAt?: string;
  travelFrom?: string;
  travelUntil?: string;
  fareThresholdFen?: number;
  tiers?: string;
  places?: number;
  regionQuotas?: string;
  createdAt?: string;
  createdBy?: string;
  creatorOrgId?: string;
  /** `pending_approval` | `approved`; a config item without it (written before approvals) is pending. */
  approval?: string;
  approvedBy?: string;
  approvedAt?: string;
  version?: number;
  tierAmountsFen?: string;
  maxPayoutFen?: number;
  updatedAt?: string;
  updatedBy?: string;
  total?: number;
  left?: number;
  used?: number;
  amountFen?: number;
}

export const CampaignModel = /* @__PURE__ */ lazyModel<CampaignItem>(
  'campaigns',
  () =>
    new dynamoose.Schema({
      pk: { type: String, hashKey: true },
      sk: { type: String, rangeKey: true },
      id: String,
      listKey: { type: String, index: { name: 'byCreated', type: 'global', rangeKey: 'createdAt', project: true } },
      title: String,
      description: String,
      orgId: String,
      orgName: String,
      orgPath: String,
      applyFrom: String,
      applyUntil: String,
      extendedAt: String,
      travelFrom: String,
      travelUntil: String,
      fareThresholdFen: Number,
      tiers: String,
      places: Number,
      regionQuotas: String,
      createdAt: String,
      createdBy: String,
      creatorOrgId: String,
      approval: String,
      approvedBy: String,
      approvedAt: String,
      version: Number,
      tierAmountsFen: String,
      maxPayoutFen: Number,
      updatedAt: String,
      updatedBy: String,
      total: Number,
      left: Number,
      used: Number,
      amountFen: Number,
    }),
);

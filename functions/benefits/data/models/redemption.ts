import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

/**
 * One redemption (核销) per coupon, written in the same transaction that marks the coupon used;
 * `byMerchant` lists a merchant's by time (the clerk's 今日核销).
 */
export interface RedemptionItem extends Item {
  couponId: string;
  benefitId: string;
  merchantId: string;
  /** openid of the clerk. */
  clerk: string;
  /** Random per request: after an ambiguous failure the request recognises its own redemption. */
  nonce: string;
  redeemedAt: number;
}

export const RedemptionModel = /* @__PURE__ */ lazyModel<RedemptionItem>(
  'redemptions',
  () =>
    new dynamoose.Schema({
      couponId: { type: String, hashKey: true },
      benefitId: { type: String, required: true },
      merchantId: { type: String, required: true, index: { name: 'byMerchant', type: 'global', rangeKey: 'redeemedAt', project: true } },
      clerk: { type: String, required: true },
      nonce: { type: String, required: true },
      redeemedAt: { type: Number, required: true },
    }),
);

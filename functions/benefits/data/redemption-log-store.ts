import { batchGetAll } from '../../kernel/data/batch';
import type { RedemptionLogStore } from '../services/redemption-log';
import { toCoupon, toRedemption } from './mapping';
import { CouponModel } from './models/coupon';
import { RedemptionModel } from './models/redemption';

/** A merchant's redemptions by time (the redemptions' byMerchant index) with their coupons. */
export const redemptionLogStore: RedemptionLogStore = {
  async between(merchantId, from, to, limit) {
    const range = () => RedemptionModel.query('merchantId').eq(merchantId).where('redeemedAt').between(from, to - 1).using('byMerchant');
    const [items, counted] = await Promise.all([range().sort('descending').limit(limit).exec(), range().count().all().exec()]);
    return { count: counted.count, items: items.map(toRedemption) };
  },

  async coupons(ids) {
    const items = await batchGetAll(CouponModel, [...new Set(ids)].map((id) => ({ id })));
    return new Map(items.map((item) => [item.id, toCoupon(item)]));
  },
};

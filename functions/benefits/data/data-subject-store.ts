import { batchGetAll } from '../../kernel/data/batch';
import { dynamoose } from '../../kernel/data/client';
import { isConditionFailure } from '../../kernel/data/transactions';
import type { BenefitsSubjectStore } from '../services/data-subject';
import { toCoupon, toRedemption } from './mapping';
import { CouponModel } from './models/coupon';
import { RedemptionModel } from './models/redemption';

const { Condition } = dynamoose;

/** What benefits stores about one member (PIPL access and deletion): all their coupons, their redemptions, voiding. */
export const benefitsSubjectStore: BenefitsSubjectStore = {
  async coupons(memberId) {
    const items = await CouponModel.query('memberId').eq(memberId).using('byMember').sort('descending').all().exec();
    return items.map((item) => ({ ...toCoupon(item), voidedAt: item.voidedAt ?? null }));
  },

  async redemptions(couponIds) {
    const found = await batchGetAll(RedemptionModel, [...new Set(couponIds)].map((couponId) => ({ couponId })));
    return found.map((item) => {
      const { couponId, merchantId, redeemedAt } = toRedemption(item);
      return { couponId, merchantId, redeemedAt };
    });
  },

  /** unused → void, only while it is unused: a redemption at the same moment wins or loses as a whole. */
  async voidIfUnused(couponId, at) {
    try {
      await CouponModel.update(
        { id: couponId },
        { $SET: { state: 'void', voidedAt: at } },
        { condition: new Condition().where('id').exists().and().where('state').eq('unused') },
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
};

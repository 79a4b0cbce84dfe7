import { dynamoose } from '../../kernel/data/client';
import { isConditionFailure } from '../../kernel/data/transactions';
import type { BenefitsSubjectStore } from '../services/data-subject';
import { toCoupon } from './mapping';
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
    const found = [];
    // BatchGet takes at most 100 keys.
    for (let i = 0; i < couponIds.length; i += 100) {
      const page = await RedemptionModel.batchGet(couponIds.slice(i, i + 100).map((couponId) => ({ couponId })));
      found.push(...page);
    }
    return found.map((item) => ({ couponId: item.couponId, merchantId: item.merchantId, redeemedAt: item.redeemedAt }));
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

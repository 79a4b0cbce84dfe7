import { dynamoose } from '../../kernel/data/client';
import { benefitKeys } from '../../kernel/data/keys';
import type { CouponStore } from '../services/ports';
import { toCoupon } from './mapping';
import { CounterModel } from './models/counter';
import { CouponModel } from './models/coupon';
import { RedemptionModel } from './models/redemption';
import { attempt, type TransactionRunner } from './transactions';

const { Condition } = dynamoose;

export function createCouponStore(run: TransactionRunner): CouponStore {
  return {
    async get(id) {
      const item = await CouponModel.get({ id }, { consistent: true });
      return item ? toCoupon(item) : null;
    },

    async listForMember(memberId, limit) {
      const items = await CouponModel.query('memberId').eq(memberId).using('byMember').sort('descending').limit(limit).exec();
      return items.map(toCoupon);
    },

    /**
     * Redemption, all or nothing: the coupon unused → used only if it is unused, the member's, of
     * this merchant and inside its use window; the redemption record only if there is none; the
     * benefit's redeemed count + 1.
     */
    async redeem(coupon, record) {
      const items = [
        CouponModel.transaction.update(
          { id: coupon.id },
          { $SET: { state: 'used', usedAt: record.redeemedAt, usedAtMerchantId: record.merchantId } },
          {
            // Raw, because dynamoose cannot express contains() on a list attribute.
            condition: new Condition({
              ConditionExpression: '#state = :unused AND #member = :member AND #useEnds > :now AND contains(#merchants, :merchant)',
              ExpressionAttributeNames: { '#state': 'state', '#member': 'memberId', '#useEnds': 'useEndsAt', '#merchants': 'merchantIds' },
              ExpressionAttributeValues: {
                ':unused': { S: 'unused' },
                ':member': { S: coupon.memberId },
                ':now': { N: String(record.redeemedAt) },
                ':merchant': { S: record.merchantId },
              },
            }),
          },
        ),
        RedemptionModel.transaction.create({ ...record, benefitId: coupon.benefitId }, { overwrite: false }),
        CounterModel.transaction.update({ key: benefitKeys.redeemed(coupon.benefitId) }, { $ADD: { n: 1 } }),
      ];
      return attempt(run, items, ['coupon', 'redemption'] as const);
    },

    async redemption(couponId) {
      const item = await RedemptionModel.get({ couponId }, { consistent: true });
      return item
        ? { couponId: item.couponId, merchantId: item.merchantId, clerk: item.clerk, nonce: item.nonce, redeemedAt: item.redeemedAt }
        : null;
    },
  };
}

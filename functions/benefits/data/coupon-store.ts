import { dynamoose } from '../../kernel/data/client';
import { rosterTransactionItems } from '../../membership';
import { benefitKeys } from './keys';
import { realPause, refusedParts, runTransaction, sendTransaction, RetriesExhausted, type Pause, type TransactionSender } from '../../kernel/data/transactions';
import type { CouponStore } from '../services/ports';
import { toCoupon, toRedemption } from './mapping';
import { CounterModel } from './models/counter';
import { CouponModel } from './models/coupon';
import { RedemptionModel } from './models/redemption';

const { Condition } = dynamoose;

export function createCouponStore(send: TransactionSender = sendTransaction, pause: Pause = realPause): CouponStore {
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
     * member still a member (no 退会 recorded since the use case read them); the benefit's redeemed
     * count + 1.
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
        rosterTransactionItems.stillMember(coupon.memberId),
        CounterModel.transaction.update({ key: benefitKeys.redeemed(coupon.benefitId) }, { $ADD: { n: 1 } }),
      ];
      try {
        // Idempotent: the record's put is conditional, so a try lost in a time-out is tried again.
        const outcome = await runTransaction(items, { send, pause, idempotent: true, name: 'redemption' });
        return outcome.kind === 'done' ? outcome : { kind: 'refused', parts: refusedParts(outcome.failed, ['coupon', 'redemption', 'member'] as const) };
      } catch (err) {
        if (err instanceof RetriesExhausted) return { kind: 'busy' };
        throw err;
      }
    },

    async redemption(couponId) {
      const item = await RedemptionModel.get({ couponId }, { consistent: true });
      return item ? toRedemption(item) : null;
    },
  };
}

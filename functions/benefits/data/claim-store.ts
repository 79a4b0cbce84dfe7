import { dynamoose } from '../../kernel/data/client';
import { rosterTransactionItems } from '../../membership';
import { benefitKeys } from './keys';
import { realPause, refusedParts, runTransaction, sendTransaction, type Pause, type TransactionItems, type TransactionSender } from '../../kernel/data/transactions';
import type { ClaimPart, ClaimStore } from '../services/ports';
import { readShardLevels } from './benefit-store';
import { couponAttributes } from './mapping';
import { CounterModel } from './models/counter';
import { CouponModel } from './models/coupon';
import { poolKey } from './pools';

const { Condition } = dynamoose;

/**
 * The claim transaction, all or nothing:
 *   1. stock shard `left` − 1, only while it stays ≥ 0;
 *   2. the member's `held` + 1, only while it stays ≤ the per-member limit;
 *   3. the region pool's `left` − 1 (when the benefit has quotas), only while it stays ≥ 0;
 *   4. the coupon, only if its id (derived from the request) does not exist yet;
 *   5. a condition on the member's roster entry: still a member (no 退会 recorded since the claim
 *      read it), so a leave recorded while the claim is in flight refuses it.
 * Nothing is read first: the conditions decide, so concurrent claims cannot over-issue.
 */
export function claimItems(plan: Parameters<ClaimStore['attempt']>[0], shard: number): { items: TransactionItems; parts: ClaimPart[] } {
  const items: TransactionItems = [
    CounterModel.transaction.update(
      { key: benefitKeys.stockShard(plan.benefitId, shard) },
      { $ADD: { left: -1 } },
      { condition: new Condition().where('left').gt(0) },
    ),
    CounterModel.transaction.update(
      { key: benefitKeys.held(plan.benefitId, plan.memberId) },
      { $ADD: { held: 1 } },
      { condition: new Condition().where('held').not().exists().or().where('held').lt(plan.perMemberLimit) },
    ),
  ];
  const parts: ClaimPart[] = ['stock', 'held'];
  if (plan.pool !== null) {
    items.push(
      CounterModel.transaction.update(
        { key: poolKey(plan.benefitId, plan.pool) },
        { $ADD: { left: -1 } },
        { condition: new Condition().where('left').gt(0) },
      ),
    );
    parts.push('pool');
  }
  items.push(CouponModel.transaction.create(couponAttributes(plan.coupon), { overwrite: false }));
  parts.push('coupon');
  items.push(rosterTransactionItems.stillMember(plan.memberId));
  parts.push('member');
  return { items, parts };
}

/**
 * `send` and `pause` are the kernel's (tests wrap `send` to inject DynamoDB's faults). A claim is
 * idempotent (its coupon id comes from the request), so a try lost in a time-out is tried again.
 */
export function createClaimStore(send: TransactionSender = sendTransaction, pause: Pause = realPause): ClaimStore {
  return {
    async attempt(plan, shard, retried) {
      const { items, parts } = claimItems(plan, shard);
      const outcome = await runTransaction(items, { send, pause, retried, idempotent: true, name: 'claim' });
      return outcome.kind === 'done' ? outcome : { kind: 'refused', parts: refusedParts(outcome.failed, parts) };
    },
    shardLevels: readShardLevels,
  };
}

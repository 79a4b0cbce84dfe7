import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { config } from '../../kernel/config';
import { batchGetRaw } from '../../kernel/data/batch';
import { ddb } from '../../kernel/data/client';
import { chinaDay, type BanRecord } from '../domain/paid';
import type { StoredCoupon } from '../domain/types';
import { benefitKeys } from './keys';
import { toCoupon } from './mapping';
import type { CouponItem } from './models/coupon';
import { poolKey } from './pools';

/**
 * Storage of paid places (functions/payments drives them through ../services/paid-places.ts): the
 * coupons' byDue index (places awaiting payment by their deadline, paid codes by their end), the
 * transaction items that pay or release a place — which payments sends in one transaction with its
 * order — and the bans and lapsed days in the benefitcounters table. Raw DynamoDB items: the
 * conditions are the point, and they read best as written.
 */

const table = (name: 'coupons' | 'benefitcounters') => `${config().tablePrefix}${name}`;

/** Which item of a release refused it. */
export type ReleasePart = 'coupon' | 'shard' | 'held' | 'pool' | 'lapsed';

/** A unit goes back to a shard that had it: one whose `left` is below its `total`. */
function shardOf(couponId: string, shards: number, attempt: number): number {
  let h = 0;
  for (const ch of couponId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return (h + attempt) % Math.max(1, shards);
}

export const paidPlaceStore = {
  async get(couponId: string): Promise<StoredCoupon | null> {
    const answer = await ddb.getItem({ TableName: table('coupons'), Key: marshall({ id: couponId }), ConsistentRead: true });
    return answer.Item ? toCoupon(unmarshall(answer.Item) as CouponItem) : null;
  },

  /** Places (`pay`) or paid codes (`expiry`) due at or before `until`, earliest first, at most `limit`. */
  async due(kind: 'pay' | 'expiry', until: number, limit: number): Promise<StoredCoupon[]> {
    const answer = await ddb.query({
      TableName: table('coupons'),
      IndexName: 'byDue',
      KeyConditionExpression: 'dueKey = :k AND dueAt <= :until',
      ExpressionAttributeValues: marshall({ ':k': kind, ':until': until }),
      Limit: limit,
    });
    return (answer.Items ?? []).map((item) => toCoupon(unmarshall(item) as CouponItem));
  },

  /** A condition (no write): the place is still awaiting payment — an order is opened only then. */
  awaitingCheck(couponId: string): TransactWriteItem {
    return {
      ConditionCheck: {
        TableName: table('coupons'),
        Key: marshall({ id: couponId }),
        ConditionExpression: '#state = :awaiting',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: marshall({ ':awaiting': 'awaiting_payment' }),
      },
    };
  },

  /** The member's places awaiting payment (their newest 200 coupons, 我的券's index). */
  async awaitingFor(memberId: string): Promise<StoredCoupon[]> {
    const answer = await ddb.query({
      TableName: table('coupons'),
      IndexName: 'byMember',
      KeyConditionExpression: 'memberId = :m',
      FilterExpression: '#state = :awaiting',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: marshall({ ':m': memberId, ':awaiting': 'awaiting_payment' }),
      ScanIndexForward: false,
      Limit: 200,
    });
    return (answer.Items ?? []).map((item) => toCoupon(unmarshall(item) as CouponItem));
  },

  /** The item that makes a place awaiting payment an unused code valid until `useEndsAt` (refused unless awaiting). */
  paidItem(couponId: string, paidAt: number, useEndsAt: number): TransactWriteItem {
    return {
      Update: {
        TableName: table('coupons'),
        Key: marshall({ id: couponId }),
        UpdateExpression: 'SET #state = :unused, paidAt = :paidAt, useEndsAt = :ends, dueKey = :expiry, dueAt = :ends REMOVE payBy',
        ConditionExpression: '#state = :awaiting',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: marshall({ ':unused': 'unused', ':paidAt': paidAt, ':ends': useEndsAt, ':expiry': 'expiry', ':awaiting': 'awaiting_payment' }),
      },
    };
  },

  /**
   * The items that release an unpaid place (the `attempt`-th shard choice): the coupon awaiting →
   * released, its unit back to a stock shard (one below its total), the member's count − 1, its region
   * pool + 1, and the member's lapsed day for this benefit.
   */
  releaseItems(coupon: StoredCoupon, shards: number, attempt: number, at: number): { items: TransactWriteItem[]; parts: ReleasePart[] } {
    const counters = table('benefitcounters');
    const items: TransactWriteItem[] = [
      {
        Update: {
          TableName: table('coupons'),
          Key: marshall({ id: coupon.id }),
          UpdateExpression: 'SET #state = :released, releasedAt = :at REMOVE dueKey, dueAt',
          ConditionExpression: '#state = :awaiting',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: marshall({ ':released': 'released', ':at': at, ':awaiting': 'awaiting_payment' }),
        },
      },
      {
        Update: {
          TableName: counters,
          Key: marshall({ key: benefitKeys.stockShard(coupon.benefitId, shardOf(coupon.id, shards, attempt)) }),
          UpdateExpression: 'ADD #left :one',
          ConditionExpression: '#left < #total',
          ExpressionAttributeNames: { '#left': 'left', '#total': 'total' },
          ExpressionAttributeValues: marshall({ ':one': 1 }),
        },
      },
      {
        Update: {
          TableName: counters,
          Key: marshall({ key: benefitKeys.held(coupon.benefitId, coupon.memberId) }),
          UpdateExpression: 'ADD held :minus',
          ConditionExpression: 'held > :zero',
          ExpressionAttributeValues: marshall({ ':minus': -1, ':zero': 0 }),
        },
      },
    ];
    const parts: ReleasePart[] = ['coupon', 'shard', 'held'];
    if (coupon.regionPool !== null) {
      items.push({
        Update: {
          TableName: counters,
          Key: marshall({ key: poolKey(coupon.benefitId, coupon.regionPool) }),
          UpdateExpression: 'ADD #left :one',
          ExpressionAttributeNames: { '#left': 'left' },
          ExpressionAttributeValues: marshall({ ':one': 1 }),
        },
      });
      parts.push('pool');
    }
    items.push({ Put: { TableName: counters, Item: marshall({ key: benefitKeys.lapsed(coupon.benefitId, coupon.memberId, chinaDay(at)), at }) } });
    parts.push('lapsed');
    return { items, parts };
  },

  /**
   * The item that marks a paid code found expired unredeemed (off the byDue index; refused unless it
   * is still unused, due and past its end).
   */
  expiredItem(couponId: string, now: number): TransactWriteItem {
    return {
      Update: {
        TableName: table('coupons'),
        Key: marshall({ id: couponId }),
        UpdateExpression: 'SET expiredAt = :now REMOVE dueKey, dueAt',
        ConditionExpression: '#state = :unused AND dueKey = :expiry AND useEndsAt <= :now',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: marshall({ ':unused': 'unused', ':expiry': 'expiry', ':now': now }),
      },
    };
  },

  /** A paid code refunded (its order's refund approved): unused → void, off the index (refused unless unused). */
  voidItem(couponId: string, at: number): TransactWriteItem {
    return {
      Update: {
        TableName: table('coupons'),
        Key: marshall({ id: couponId }),
        UpdateExpression: 'SET #state = :void, voidedAt = :at REMOVE dueKey, dueAt',
        ConditionExpression: '#state = :unused',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: marshall({ ':void': 'void', ':at': at, ':unused': 'unused' }),
      },
    };
  },

  /** A code that can no longer expire unused (redeemed, or voided) leaves the byDue index. */
  undueItem(couponId: string): TransactWriteItem {
    return {
      Update: {
        TableName: table('coupons'),
        Key: marshall({ id: couponId }),
        UpdateExpression: 'REMOVE dueKey, dueAt',
        ConditionExpression: 'attribute_exists(id) AND #state <> :unused',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: marshall({ ':unused': 'unused' }),
      },
    };
  },

  /**
   * The item that bans a member from an org's benefits until `ban.until`: written when there is no
   * ban, a lifted one, or one ending earlier (refused when a longer one stands: it stays).
   */
  banItem(ban: Omit<BanRecord, 'liftedAt'>): TransactWriteItem {
    return {
      Update: {
        TableName: table('benefitcounters'),
        Key: marshall({ key: benefitKeys.ban(ban.orgId, ban.memberId) }),
        UpdateExpression: 'SET orgId = :org, memberId = :member, since = :since, #until = :until, couponId = :coupon, benefitTitle = :title REMOVE liftedAt, liftedBy, liftReason',
        ConditionExpression: 'attribute_not_exists(#until) OR attribute_exists(liftedAt) OR #until < :until',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: marshall({ ':org': ban.orgId, ':member': ban.memberId, ':since': ban.since, ':until': ban.until, ':coupon': ban.couponId, ':title': ban.benefitTitle }),
      },
    };
  },

  /** The item that lifts a standing ban (refused when there is none, or it was lifted already). */
  liftItem(orgId: string, memberId: string, at: number, by: string, reason: string): TransactWriteItem {
    return {
      Update: {
        TableName: table('benefitcounters'),
        Key: marshall({ key: benefitKeys.ban(orgId, memberId) }),
        UpdateExpression: 'SET liftedAt = :at, liftedBy = :by, liftReason = :reason',
        ConditionExpression: 'attribute_exists(#until) AND attribute_not_exists(liftedAt)',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: marshall({ ':at': at, ':by': by, ':reason': reason }),
      },
    };
  },

  /** The member's bans by the orgs given (any of them, lifted ones included). */
  async bans(memberId: string, orgIds: readonly string[]): Promise<BanRecord[]> {
    if (orgIds.length === 0) return [];
    const items = await batchGetRaw(
      table('benefitcounters'),
      [...new Set(orgIds)].map((orgId) => marshall({ key: benefitKeys.ban(orgId, memberId) })),
      { consistent: true },
    );
    return items.map((raw) => {
      const b = unmarshall(raw) as Record<string, unknown>;
      return {
        orgId: b.orgId as string,
        memberId: b.memberId as string,
        since: b.since as number,
        until: b.until as number,
        couponId: b.couponId as string,
        benefitTitle: (b.benefitTitle as string | undefined) ?? '',
        liftedAt: (b.liftedAt as number | undefined) ?? null,
      };
    });
  },

  /** Whether the member's place of `benefitId` lapsed unpaid on `day`. */
  async lapsed(benefitId: string, memberId: string, day: string): Promise<boolean> {
    const answer = await ddb.getItem({ TableName: table('benefitcounters'), Key: marshall({ key: benefitKeys.lapsed(benefitId, memberId, day) }), ConsistentRead: true });
    return answer.Item !== undefined;
  },
};

export type PaidPlaceStore = typeof paidPlaceStore;

import type { StoredCoupon } from '../../benefits';
import { log } from '../../kernel/logger';
import { orderIdOf, refundNoOf, type Order } from '../domain/order';
import type { WechatRefund, WechatTransaction } from '../wechatpay/client';
import type { Deps } from './ports';
import { tellPromoted, tellReleased } from './waitlist-notices';

/**
 * Moving orders and their places together (one DynamoDB transaction each time, conditioned on both),
 * whichever of WeChat Pay's notification, the deadline run or the reconciliation gets there first —
 * and however often: every move is conditioned on the state it starts from, so a second delivery of
 * a notification, or a release racing a payment, finds the move made and does nothing.
 */

export type SettleDeps = Pick<Deps, 'orders' | 'places' | 'benefit' | 'waitlist' | 'pay' | 'now' | 'roster' | 'orgs' | 'tell'>;

/** How many times a move is re-read and tried when another one changed the order meanwhile. */
const TRIES = 5;

/**
 * A payment WeChat Pay reports (notification, query, or a close that answered ORDERPAID): the order
 * paying → paid and its place → an unused code, together. A payment for an order already released
 * (paid in the minute WeChat Pay allows past a deadline, while the release ran) is refunded in full at
 * once. Returns the order's state after it.
 */
export async function applyPaid(deps: SettleDeps, t: WechatTransaction): Promise<Order['state'] | 'unknown'> {
  for (let i = 0; i < TRIES; i++) {
    const order = await deps.orders.get(t.out_trade_no);
    if (!order) return 'unknown';
    if (order.state === 'released') return refundLate(deps, order, t);
    if (order.state !== 'paying') return order.state; // paid already: a duplicate
    const paidAt = t.success_time ? Date.parse(t.success_time) : deps.now().getTime();
    const { item, useEndsAt } = deps.places.paid(order.couponId, paidAt);
    const next: Order = { ...order, state: 'paid', paidAt, transactionId: t.transaction_id ?? null };
    const outcome = await deps.orders.run([deps.orders.replaceItem(next, order, paidAt), item], ['order', 'place'] as const, 'order.paid');
    if (outcome.kind === 'done') {
      log.info('order paid', { order: order.id, useEndsAt });
      return 'paid';
    }
    if (outcome.parts.includes('place') && !outcome.parts.includes('order')) {
      // The place is not awaiting payment although the order is paying: never by our writes.
      log.error('paid order whose place is not awaiting payment', { order: order.id });
      return order.state;
    }
  }
  throw new Error(`order ${t.out_trade_no}: the payment could not be applied after ${TRIES} tries`);
}

/** A payment of a released order: the order → refunding (late) and the whole amount refunded. */
async function refundLate(deps: SettleDeps, order: Order, t: WechatTransaction): Promise<Order['state']> {
  const now = deps.now().getTime();
  const next: Order = {
    ...order,
    state: 'refunding',
    late: true,
    paidAt: t.success_time ? Date.parse(t.success_time) : now,
    transactionId: t.transaction_id ?? null,
    refund: { no: refundNoOf(order.id), reason: '支付超时，名额已释放，全额退款', requestedAt: now, requestedBy: null, reviewedBy: null, comment: null, status: 'processing', refundId: null, settledAt: null },
  };
  const outcome = await deps.orders.run([deps.orders.replaceItem(next, order, now)], ['order'] as const, 'order.late');
  if (outcome.kind === 'refused') return (await deps.orders.get(order.id))?.state ?? order.state;
  log.warn('payment after release: refunded', { order: order.id });
  await askRefund(deps, { ...next, version: order.version + 1 });
  return 'refunding';
}

/** Asks WeChat Pay for an order's refund (idempotent by its number) and records the answer's status. */
export async function askRefund(deps: SettleDeps, order: Order): Promise<void> {
  if (!order.refund) throw new Error(`order ${order.id} has no refund`);
  const gateway = await deps.pay();
  const answer = await gateway.client.refund({
    outTradeNo: order.id,
    outRefundNo: order.refund.no,
    reason: order.refund.reason,
    refundFen: order.amountFen,
    totalFen: order.amountFen,
    notifyUrl: gateway.notifyUrl,
  });
  await applyRefund(deps, answer);
}

/**
 * A refund's status (its notification, its answer or its query): SUCCESS → refunded, CLOSED →
 * refund_failed (an official may try again: the same number), ABNORMAL → still refunding (not final),
 * PROCESSING → nothing changes. Applied once: conditioned on the order's version.
 */
export async function applyRefund(deps: SettleDeps, r: WechatRefund): Promise<Order['state'] | 'unknown'> {
  const status = r.refund_status ?? r.status;
  for (let i = 0; i < TRIES; i++) {
    const order = await deps.orders.get(r.out_trade_no);
    if (!order || !order.refund || order.refund.no !== r.out_refund_no) return 'unknown';
    if (order.state !== 'refunding') return order.state;
    const now = deps.now().getTime();
    const refund = { ...order.refund, refundId: r.refund_id ?? order.refund.refundId };
    let next: Order;
    if (status === 'SUCCESS') next = { ...order, state: 'refunded', refund: { ...refund, status: 'success', settledAt: r.success_time ? Date.parse(r.success_time) : now } };
    else if (status === 'CLOSED') next = { ...order, state: 'refund_failed', refund: { ...refund, status: 'closed', settledAt: now } };
    else if (status === 'ABNORMAL') next = { ...order, refund: { ...refund, status: 'abnormal' } };
    else if (refund.status !== 'processing' || refund.refundId !== order.refund.refundId) next = { ...order, refund: { ...refund, status: 'processing' } };
    else return order.state;
    const outcome = await deps.orders.run([deps.orders.replaceItem(next, order, now)], ['order'] as const, 'order.refund');
    if (outcome.kind === 'done') return next.state;
  }
  throw new Error(`order ${r.out_trade_no}: the refund status could not be applied`);
}

export type DeadlineOutcome = 'paid' | 'released' | 'gone';

/**
 * A place whose deadline has come (the byDue index): ask WeChat Pay first — a payment it knows of is
 * applied (the notification may be late or lost) — then close the order there (a close answering
 * ORDERPAID keeps the order paid), and only then release the place: the coupon → released, its unit
 * back to the stock, the member's lapsed day, and the order → released (written as released when the
 * member never opened the 收银台), all in one transaction. A scheduled draw's next ticket in line then
 * gets a place of its own, and both members are told (services/waitlist-notices.ts).
 */
export async function settleDeadline(deps: SettleDeps, place: StoredCoupon): Promise<DeadlineOutcome> {
  const orderId = orderIdOf(place.id);
  for (let i = 0; i < TRIES; i++) {
    const order = await deps.orders.get(orderId);
    if (order && order.state !== 'paying') return order.state === 'released' ? 'released' : 'paid';
    if (order) {
      const gateway = await deps.pay();
      const known = await gateway.client.query(order.id);
      if (known && (known.trade_state === 'SUCCESS' || known.trade_state === 'REFUND')) {
        await applyPaid(deps, known);
        continue;
      }
      if ((await gateway.client.close(order.id)) === 'paid') {
        const paid = await gateway.client.query(order.id);
        if (paid) await applyPaid(deps, paid);
        continue;
      }
    }
    const current = await deps.places.place(place.id);
    if (!current || current.state !== 'awaiting_payment') return current?.state === 'released' ? 'released' : 'gone';
    const benefit = await deps.benefit(current.benefitId);
    if (!benefit) throw new Error(`place ${place.id}: no benefit ${current.benefitId}`);
    const now = deps.now().getTime();
    const released = await releaseOnce(deps, current, order, benefit.shards, now);
    if (released === 'order') continue; // the member opened the 收银台 meanwhile: ask WeChat Pay again
    if (released === 'gone') return 'gone';
    log.info('place released unpaid', { order: orderId, benefit: current.benefitId });
    if (benefit.draw?.kind === 'scheduled') {
      const promoted = await deps.waitlist.promote(benefit.draw.id, current.id);
      if (promoted) {
        log.info('waiting list moved on', { draw: benefit.draw.id, ticket: promoted.ticket });
        await tellPromoted(deps, benefit, promoted.couponId);
      }
      await tellReleased(deps, benefit, current);
    }
    return 'released';
  }
  throw new Error(`place ${place.id}: could not be settled after ${TRIES} tries`);
}

async function releaseOnce(deps: SettleDeps, place: StoredCoupon, order: Order | null, shards: number, now: number): Promise<'done' | 'order' | 'gone'> {
  const orderItem = order
    ? deps.orders.replaceItem({ ...order, state: 'released', releasedAt: now }, order, now)
    : deps.orders.createItem(releasedOrder(place, now), now);
  for (let attempt = 0; attempt < Math.max(1, shards); attempt++) {
    const { items, parts } = deps.places.release(place, shards, attempt, now);
    const outcome = await deps.orders.run([...items, orderItem], [...parts, 'order'] as const, 'place.release');
    if (outcome.kind === 'done') return 'done';
    if (outcome.parts.includes('order')) return 'order';
    if (outcome.parts.includes('coupon')) return 'gone';
    if (outcome.parts.includes('held')) throw new Error(`place ${place.id}: the member's count is already 0`);
    // 'shard': that shard is full (its units were all given back); the next one.
  }
  throw new Error(`place ${place.id}: no stock shard could take its unit back`);
}

/** The order of a place released before its member ever opened the 收银台 (so 我的订单 still shows it). */
function releasedOrder(place: StoredCoupon, now: number): Order {
  return {
    id: orderIdOf(place.id),
    couponId: place.id,
    benefitId: place.benefitId,
    benefitTitle: place.benefitTitle,
    orgPath: [],
    memberId: place.memberId,
    openid: '',
    amountFen: place.priceFen,
    payBy: place.payBy ?? now,
    refundPolicy: place.refundPolicy ?? 'none',
    state: 'released',
    prepayId: null,
    createdAt: place.claimedAt,
    paidAt: null,
    transactionId: null,
    releasedAt: now,
    late: false,
    refund: null,
    version: 0,
  };
}

/**
 * The scheduled run (every minute): places past their deadline, then the reconciliation — orders
 * being paid for more than `quietMs` whose notification never came are asked about (a payment found
 * is applied), refunds under way are asked about too — then paid codes past their end (a ban for
 * each one left unredeemed). Each item's failure is logged and left for the next run.
 */
export async function runSweep(deps: SettleDeps & Pick<Deps, 'places'>, options: { batch?: number; quietMs?: number } = {}): Promise<Record<string, number>> {
  const batch = options.batch ?? 100;
  const quietMs = options.quietMs ?? 5 * 60_000;
  const now = deps.now().getTime();
  const counts: Record<string, number> = { released: 0, paid: 0, reconciled: 0, refunds: 0, expired: 0, banned: 0, failed: 0 };
  const guarded = async (what: string, id: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      counts.failed = (counts.failed ?? 0) + 1;
      log.error('payments sweep item failed', { what, id, error: err });
    }
  };
  for (const place of await deps.places.due('pay', now, batch)) {
    await guarded('deadline', place.id, async () => {
      const outcome = await settleDeadline(deps, place);
      if (outcome === 'released') counts.released = (counts.released ?? 0) + 1;
      if (outcome === 'paid') counts.paid = (counts.paid ?? 0) + 1;
    });
  }
  const gateway = await deps.pay();
  for (const order of await deps.orders.open('paying', now - quietMs, batch)) {
    await guarded('reconcile', order.id, async () => {
      const known = await gateway.client.query(order.id);
      if (known && (known.trade_state === 'SUCCESS' || known.trade_state === 'REFUND')) {
        await applyPaid(deps, known);
        counts.reconciled = (counts.reconciled ?? 0) + 1;
      }
    });
  }
  for (const order of await deps.orders.open('refunding', now - quietMs, batch)) {
    await guarded('refund', order.id, async () => {
      if (!order.refund) return;
      const known = await gateway.client.queryRefund(order.refund.no);
      if (known) await applyRefund(deps, known);
      else await askRefund(deps, order); // the ask itself was lost: ask again, same number
      counts.refunds = (counts.refunds ?? 0) + 1;
    });
  }
  for (const code of await deps.places.due('expiry', now, batch)) {
    await guarded('expiry', code.id, async () => {
      const banned = await expireCode(deps, code, now);
      counts.expired = (counts.expired ?? 0) + 1;
      if (banned) counts.banned = (counts.banned ?? 0) + 1;
    });
  }
  return counts;
}

/**
 * A paid code past its end: redeemed (used) → it simply leaves the index; unused → marked expired and
 * its member banned from the benefit owner's benefits (unless a longer ban stands). True when banned.
 */
export async function expireCode(deps: Pick<Deps, 'places' | 'benefit' | 'orders'>, code: StoredCoupon, now: number): Promise<boolean> {
  if (code.state !== 'unused') {
    await deps.orders.run([deps.places.undue(code.id)], ['code'] as const, 'code.undue');
    return false;
  }
  const benefit = await deps.benefit(code.benefitId);
  if (!benefit) throw new Error(`code ${code.id}: no benefit ${code.benefitId}`);
  const { expired, ban, until } = deps.places.expiry(code, benefit.orgId, now);
  const outcome = await deps.orders.run([expired, ban], ['code', 'ban'] as const, 'code.expire');
  if (outcome.kind === 'done') {
    log.info('paid code expired unredeemed: member banned', { coupon: code.id, org: benefit.orgId, until });
    return true;
  }
  if (outcome.parts.includes('code')) return false; // redeemed or handled meanwhile
  await deps.orders.run([expired], ['code'] as const, 'code.expire'); // a longer ban stands
  return false;
}

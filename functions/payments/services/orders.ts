import type { StoredCoupon } from '../../benefits';
import { AppError } from '../../kernel/errors';
import { log } from '../../kernel/logger';
import type { MyOrdersResponse, OrderCreateResponse, OrderResponse } from '../contracts/payments';
import { canPay, orderIdOf, type Order } from '../domain/order';
import { WechatPayError } from '../wechatpay/client';
import type { Deps } from './ports';
import { banViews, orderView } from './views';

export type OrderDeps = Pick<Deps, 'accounts' | 'orgs' | 'roster' | 'orders' | 'places' | 'benefit' | 'pay' | 'now'>;

/** The orgs from the root to the member's union: the owners of the benefits they may take part in. */
export async function unionPathOf(deps: Pick<Deps, 'roster' | 'orgs'>, memberId: string): Promise<string[]> {
  const member = await deps.roster.get(memberId);
  if (!member) return [];
  return (await deps.orgs.getMany([member.orgId])).get(member.orgId)?.path ?? [member.orgId];
}

async function memberOf(deps: Pick<Deps, 'accounts'>, openid: string): Promise<string> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  if (!account.memberId) throw new AppError('NOT_BOUND');
  return account.memberId;
}

/** A place of this member awaiting payment, or PLACE_NOT_FOUND (another member's is not found either). */
async function placeOf(deps: Pick<Deps, 'places'>, couponId: string, memberId: string): Promise<StoredCoupon> {
  const place = await deps.places.place(couponId);
  if (!place || place.memberId !== memberId || place.priceFen <= 0) throw new AppError('PLACE_NOT_FOUND');
  return place;
}

/**
 * POST /api/me/orders {couponId}: the 收银台. The place's order is written once (conditioned on the
 * place still awaiting payment, so none is written after a release), then sent to WeChat Pay as a
 * JSAPI order whose time_expire is the place's deadline — WeChat Pay itself refuses a later payment —
 * and the signed wx.requestPayment parameters come back. Asking again gives the same order and
 * prepay_id (WeChat Pay answers the same fields with the same one).
 */
export async function openCashier(deps: OrderDeps, openid: string, couponId: string): Promise<OrderCreateResponse> {
  const memberId = await memberOf(deps, openid);
  const place = await placeOf(deps, couponId, memberId);
  const now = deps.now().getTime();
  let order = await deps.orders.get(orderIdOf(place.id));
  if (order?.state === 'released' || (!order && place.state === 'released')) throw new AppError('PAY_DEADLINE_PASSED');
  if (order && order.state !== 'paying') throw new AppError('ORDER_ALREADY_PAID');
  if (place.state !== 'awaiting_payment' || place.payBy == null) throw new AppError(place.state === 'unused' || place.state === 'used' ? 'ORDER_ALREADY_PAID' : 'PLACE_NOT_FOUND');
  if (!canPay(place.payBy, now)) throw new AppError('PAY_DEADLINE_PASSED');
  if (!order) {
    const benefit = await deps.benefit(place.benefitId);
    if (!benefit) throw new AppError('PLACE_NOT_FOUND');
    const fresh: Order = {
      id: orderIdOf(place.id),
      couponId: place.id,
      benefitId: place.benefitId,
      benefitTitle: place.benefitTitle,
      orgPath: [...benefit.orgPath],
      memberId,
      openid,
      amountFen: place.priceFen,
      payBy: place.payBy,
      refundPolicy: benefit.refundPolicy ?? 'none',
      state: 'paying',
      prepayId: null,
      createdAt: now,
      paidAt: null,
      transactionId: null,
      releasedAt: null,
      late: false,
      refund: null,
      version: 0,
    };
    const outcome = await deps.orders.run([deps.orders.createItem(fresh, now), deps.places.awaiting(place.id)], ['order', 'place'] as const, 'order.create');
    if (outcome.kind === 'refused' && outcome.parts.includes('place')) throw new AppError('PAY_DEADLINE_PASSED');
    order = outcome.kind === 'done' ? fresh : await deps.orders.get(fresh.id);
    if (!order) throw new Error(`order ${fresh.id} vanished`);
  }
  const gateway = await deps.pay();
  let prepayId: string;
  try {
    prepayId = await gateway.client.jsapi({
      outTradeNo: order.id,
      description: order.benefitTitle,
      timeExpire: order.payBy,
      notifyUrl: gateway.notifyUrl,
      totalFen: order.amountFen,
      openid: order.openid,
    });
  } catch (err) {
    if (err instanceof WechatPayError && err.code === 'ORDERPAID') throw new AppError('ORDER_ALREADY_PAID');
    if (err instanceof WechatPayError && err.code === 'ORDER_CLOSED') throw new AppError('PAY_DEADLINE_PASSED');
    log.error('WeChat Pay order failed', { order: order.id, error: err });
    throw new AppError('PAYMENT_UNAVAILABLE', { cause: err });
  }
  if (order.prepayId !== prepayId) {
    const next = { ...order, prepayId };
    const outcome = await deps.orders.run([deps.orders.replaceItem(next, order, now)], ['order'] as const, 'order.prepay');
    order = outcome.kind === 'done' ? { ...next, version: order.version + 1 } : ((await deps.orders.get(order.id)) ?? order);
  }
  if (order.state === 'released') {
    // The deadline run released the place while WeChat Pay took this order: close it there too (a
    // payment that still lands is refunded at once), and say so.
    await gateway.client.close(order.id).catch((err: unknown) => log.warn('closing a released order failed', { order: order?.id, error: err }));
    throw new AppError('PAY_DEADLINE_PASSED');
  }
  if (order.state !== 'paying') throw new AppError('ORDER_ALREADY_PAID');
  return { order: orderView(order, place.state, now), payment: gateway.client.paymentParams(prepayId) };
}

/** GET /api/me/orders: 我的订单 — places awaiting payment (with or without an order), orders, and bans. */
export async function myOrders(deps: OrderDeps, openid: string): Promise<MyOrdersResponse> {
  const memberId = await memberOf(deps, openid);
  const now = deps.now().getTime();
  const [orders, waiting, account] = await Promise.all([deps.orders.listForMember(memberId, 100), deps.places.awaitingFor(memberId), deps.accounts.get(openid)]);
  const ordered = new Set(orders.map((o) => o.couponId));
  const codes = new Map(
    (await Promise.all(orders.filter((o) => o.state === 'paid').map((o) => deps.places.place(o.couponId)))).flatMap((c) => (c ? [[c.id, c.state] as const] : [])),
  );
  const items = orders.map((o) => orderView(o, codes.get(o.couponId) ?? null, now));
  const pending = waiting
    .filter((p) => !ordered.has(p.id))
    .map((p) => ({
      ...orderView(
        { id: orderIdOf(p.id), couponId: p.id, benefitId: p.benefitId, benefitTitle: p.benefitTitle, orgPath: [], memberId, openid, amountFen: p.priceFen, payBy: p.payBy as number, refundPolicy: p.refundPolicy ?? 'none', state: 'paying', prepayId: null, createdAt: p.claimedAt, paidAt: null, transactionId: null, releasedAt: null, late: false, refund: null, version: 0 },
        p.state,
        now,
      ),
      state: 'awaiting_payment' as const,
    }));
  const all = [...pending, ...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  // Bans of the orgs above the member's union (the benefits they may take part in).
  const bans = await deps.places.bans(memberId, account ? await unionPathOf(deps, memberId) : []);
  const names = await deps.orgs.getMany([...new Set(bans.map((b) => b.orgId))]);
  return { items: all, bans: banViews(bans, new Map([...names].map(([id, org]) => [id, org.name])), now) };
}

/** GET /api/me/orders/{id}: one order of the member (what the 收银台 polls after paying). */
export async function myOrder(deps: OrderDeps, openid: string, id: string): Promise<OrderResponse> {
  const memberId = await memberOf(deps, openid);
  const order = await deps.orders.get(id);
  if (!order || order.memberId !== memberId) throw new AppError('NOT_FOUND', { message: '订单不存在' });
  const code = await deps.places.place(order.couponId);
  return { order: orderView(order, code?.state ?? null, deps.now().getTime()) };
}

import { auditActor, auditEntry, auditPut } from '../../audit';
import { AppError } from '../../kernel/errors';
import { maskName } from '../../kernel/masking';
import type { Account } from '../../membership';
import type { AdminOrdersResponse } from '../contracts/admin';
import type { OrderResponse } from '../contracts/payments';
import { isOfficial, manages, type PaymentAuditAction } from '../domain/access';
import { refundNoOf, refundRefusal, type Order } from '../domain/order';
import type { Deps } from './ports';
import { askRefund, type SettleDeps } from './settle';
import { orderView } from './views';

/**
 * Refunds by the benefit's stated policy (shown before payment): `none` refunds nothing; with
 * `same_day_review` the member asks for the whole order on the day they paid, while the code is
 * unused, and an official of the benefit's subtree decides — never on their own request. Approving
 * voids the code and moves the order to refunding in one transaction (audited), then asks WeChat Pay
 * (refund number R<order>: asked twice, refunded once); the notification or the reconciliation
 * settles it: success, closed (failed: approving again retries the same number) or abnormal.
 */

export type RefundDeps = SettleDeps & Pick<Deps, 'accounts' | 'roster'>;

async function account(deps: Pick<Deps, 'accounts'>, openid: string): Promise<Account> {
  const found = await deps.accounts.get(openid);
  if (!found) throw new AppError('UNAUTHENTICATED');
  return found;
}

/** POST /api/me/orders/{id}/refund {reason}. */
export async function requestRefund(deps: RefundDeps, openid: string, id: string, reason: string): Promise<OrderResponse> {
  const me = await account(deps, openid);
  if (!me.memberId) throw new AppError('NOT_BOUND');
  const order = await deps.orders.get(id);
  if (!order || order.memberId !== me.memberId) throw new AppError('NOT_FOUND', { message: '订单不存在' });
  const code = await deps.places.place(order.couponId);
  const now = deps.now().getTime();
  const refusal = refundRefusal(order, code?.state ?? null, now);
  if (refusal) throw new AppError(refusal);
  const next: Order = {
    ...order,
    state: 'refund_requested',
    refund: { no: refundNoOf(order.id), reason, requestedAt: now, requestedBy: openid, reviewedBy: null, comment: null, status: 'requested', refundId: null, settledAt: null },
  };
  const outcome = await deps.orders.run([deps.orders.replaceItem(next, order, now)], ['order'] as const, 'order.refund-request');
  if (outcome.kind === 'refused') throw new AppError('REFUND_STATE_INVALID');
  return { order: orderView({ ...next, version: order.version + 1 }, code?.state ?? null, now) };
}

/** POST /api/admin/orders/{id}/refund {approve, comment}: an official's decision (or a retry of a failed refund). */
export async function reviewRefund(deps: RefundDeps, openid: string, id: string, decision: { approve: boolean; comment: string }): Promise<OrderResponse> {
  const official = await account(deps, openid);
  if (!isOfficial(official.roles)) throw new AppError('FORBIDDEN', { message: '只有工会工作人员可以审核退款' });
  const order = await deps.orders.get(id);
  if (!order || !manages(official.roles, order.orgPath)) throw new AppError('NOT_FOUND', { message: '订单不存在' });
  if (order.refund?.requestedBy === openid) throw new AppError('REFUND_SAME_PERSON');
  const retry = order.state === 'refund_failed' && decision.approve;
  if (order.state !== 'refund_requested' && !retry) throw new AppError('REFUND_STATE_INVALID');
  if (!order.refund) throw new Error(`order ${order.id}: no refund to review`);
  const now = deps.now().getTime();
  const next: Order = decision.approve
    ? { ...order, state: 'refunding', refund: { ...order.refund, status: 'processing', reviewedBy: openid, comment: decision.comment, settledAt: null } }
    : { ...order, state: 'paid', refund: { ...order.refund, reviewedBy: openid, comment: decision.comment } };
  const entry = auditEntry<PaymentAuditAction>({
    actor: auditActor(openid, official.roles, order.orgPath),
    action: 'order.refund',
    target: { type: 'order', id: order.id, label: order.benefitTitle },
    orgPath: [...order.orgPath],
    before: { state: order.state },
    after: { state: next.state, amountFen: order.amountFen, comment: decision.comment },
    at: new Date(now),
  });
  const items = [deps.orders.replaceItem(next, order, now), auditPut(entry)];
  const parts: ('order' | 'audit' | 'code')[] = ['order', 'audit'];
  if (decision.approve && !retry) {
    items.push(deps.places.void(order.couponId, now));
    parts.push('code');
  }
  const outcome = await deps.orders.run(items, parts, 'order.refund-review');
  if (outcome.kind === 'refused') throw new AppError(outcome.parts.includes('order') || !outcome.parts.includes('code') ? 'REFUND_STATE_INVALID' : 'REFUND_CODE_USED');
  const saved = { ...next, version: order.version + 1 };
  if (decision.approve) {
    try {
      await askRefund(deps, saved);
    } catch (err) {
      // Recorded as refunding: the reconciliation asks again with the same number.
      if (!(err instanceof Error)) throw err;
    }
  }
  const after = (await deps.orders.get(order.id)) ?? saved;
  return { order: orderView(after, decision.approve ? 'void' : 'unused', now) };
}

/** GET /api/admin/orders?state=: refunds to review, under way or failed, of the official's subtree. */
export async function adminOrders(deps: RefundDeps, openid: string, state: 'refund_requested' | 'refunding' | 'refund_failed'): Promise<AdminOrdersResponse> {
  const official = await account(deps, openid);
  if (!isOfficial(official.roles)) throw new AppError('FORBIDDEN', { message: '只有工会工作人员可以查看退款' });
  const now = deps.now().getTime();
  const orders = (await deps.orders.open(state, now + 1, 200)).filter((o) => manages(official.roles, o.orgPath));
  const members = await Promise.all(orders.map((o) => deps.roster.get(o.memberId)));
  return {
    items: orders.map((o, i) => ({ ...orderView(o, null, now), memberId: o.memberId, memberName: maskName(members[i]?.name ?? '') })),
  };
}

import type { OrderState, OrderView } from '../../../functions/payments/contracts/payments';

/** What the 收银台 and 我的订单 say, in the member's words; pure, for the UI tests. */

export const ORDER_STATE_LABELS: Record<OrderState, string> = {
  awaiting_payment: '待支付',
  paying: '待支付',
  paid: '已支付',
  released: '已失效（未按时支付）',
  refund_requested: '退款审核中',
  refunding: '退款中',
  refund_abnormal: '退款异常，处理中',
  refunded: '已退款',
  refund_failed: '退款失败',
};

/** h:mm:ss (or mm:ss under an hour) left until `deadline` at `now`; 00:00 once past. */
export function payCountdown(deadline: string, now: number): string {
  const s = Math.max(0, Math.ceil((Date.parse(deadline) - now) / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** ¥1.00 from fen. */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** Beijing time of an ISO instant, e.g. 12月7日 15:00. */
export function beijingTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** Whether 去支付 is open for an order at `now` (the server decides; this keeps the button honest between loads). */
export const payable = (order: Pick<OrderView, 'state' | 'payBy'>, now: number) =>
  (order.state === 'awaiting_payment' || order.state === 'paying') && Date.parse(order.payBy) - 60_000 > now;

import type { OrderState, RefundPolicy } from '../contracts/payments';

/**
 * An order of a paid place: one per place (its coupon in benefits), its id the out_trade_no WeChat
 * Pay knows it by. Stored states:
 *
 *   paying ──TRANSACTION.SUCCESS / query SUCCESS / close ORDERPAID──► paid
 *   paying ──deadline: query NOTPAY, close 204──► released (the place back to the stock / next in line)
 *   paid ──member asks (policy same_day_review)──► refund_requested ──official approves──► refunding
 *   refund_requested ──official refuses──► paid
 *   refunding ──REFUND.SUCCESS──► refunded · ──REFUND.CLOSED──► refund_failed (retried with the same
 *   number) · ──REFUND.ABNORMAL──► refunding (abnormal, not final)
 *   released ──a payment that still arrives (paid in WeChat's last minute)──► refunding (late)
 *
 * A place with no order yet (the member has not opened the 收银台) is released by the same deadline
 * run, which then writes the order as `released`. Instants are epoch ms.
 */
export type StoredOrderState = 'paying' | 'paid' | 'released' | 'refund_requested' | 'refunding' | 'refunded' | 'refund_failed';

export interface OrderRefund {
  /** out_refund_no: one per order (whole-order refunds only), so a retry is the same refund. */
  no: string;
  reason: string;
  requestedAt: number;
  /** openid of the member who asked; null when the system refunds a late payment. */
  requestedBy: string | null;
  reviewedBy: string | null;
  comment: string | null;
  /** WeChat Pay's status of the refund once asked. */
  status: 'requested' | 'processing' | 'abnormal' | 'success' | 'closed';
  refundId: string | null;
  settledAt: number | null;
}

export interface Order {
  id: string;
  couponId: string;
  benefitId: string;
  benefitTitle: string;
  /** The benefit's owning org and its path (officials of that subtree review its refunds). */
  orgPath: string[];
  memberId: string;
  openid: string;
  amountFen: number;
  payBy: number;
  refundPolicy: RefundPolicy;
  state: StoredOrderState;
  prepayId: string | null;
  createdAt: number;
  paidAt: number | null;
  transactionId: string | null;
  releasedAt: number | null;
  /** A payment that arrived after the place was released: refunded at once. */
  late: boolean;
  refund: OrderRefund | null;
  version: number;
}

/** The out_trade_no of a place's order: `P` + the coupon id (24 of [0-9A-Za-z_-]: within WeChat's 6–32). */
export const orderIdOf = (couponId: string) => `P${couponId}`;
export const refundNoOf = (orderId: string) => `R${orderId}`;

/** A member may open the 收银台 until a minute before the deadline (WeChat moves a nearer time_expire a minute out). */
export const LAST_PAY_MARGIN_MS = 60_000;

export const canPay = (payBy: number, now: number) => now < payBy - LAST_PAY_MARGIN_MS;

/** The member-facing state. */
export function orderStateOf(order: Pick<Order, 'state' | 'refund'>): OrderState {
  if (order.state === 'refunding' && order.refund?.status === 'abnormal') return 'refund_abnormal';
  return order.state;
}

const CHINA = 8 * 3_600_000;
const chinaDay = (ms: number) => new Date(ms + CHINA).toISOString().slice(0, 10);

/**
 * Why the member may not ask a refund now (null: they may): the policy, the day (same_day_review:
 * on the China day it was paid), the state, and the code (unused).
 */
export function refundRefusal(order: Order, codeState: string | null, now: number): 'REFUND_NOT_ALLOWED' | 'REFUND_WINDOW_PASSED' | 'REFUND_STATE_INVALID' | 'REFUND_CODE_USED' | null {
  if (order.refundPolicy === 'none') return 'REFUND_NOT_ALLOWED';
  if (order.state !== 'paid' || order.paidAt === null) return 'REFUND_STATE_INVALID';
  if (chinaDay(order.paidAt) !== chinaDay(now)) return 'REFUND_WINDOW_PASSED';
  if (codeState !== 'unused') return 'REFUND_CODE_USED';
  return null;
}

/** Whether a verified payment's fields agree with our order (a mismatch is refused, never applied). */
export function paymentMatches(order: Pick<Order, 'id' | 'amountFen'>, t: { out_trade_no: string; amount?: { total: number }; appid: string; mchid: string }, merchant: { appId: string; mchid: string }): boolean {
  return t.out_trade_no === order.id && t.amount?.total === order.amountFen && t.appid === merchant.appId && t.mchid === merchant.mchid;
}

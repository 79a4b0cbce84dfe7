import * as z from 'zod/mini';
import { contract } from '../../kernel/contracts/contract';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { paymentsErrors } from './errors';

/**
 * Paying for a place with WeChat Pay (issue 14 › 3–4): the 收银台 (an order and wx.requestPayment's
 * signed parameters), 我的订单, refunds by the benefit's stated policy, WeChat Pay's notifications,
 * and lifting a ban. Amounts are fen; instants ISO-8601 with +08:00.
 */

/**
 * An order as the member sees it. `awaiting_payment`: a place reserved, not yet sent to WeChat Pay;
 * `paying`: sent, not paid; `paid` (the code is in 我的券); `released`: unpaid at the deadline, the place
 * gone to the next one; `refund_requested` → `refunding` → `refunded` | `refund_failed`;
 * `refund_abnormal`: the bank refused it for now (not final).
 */
export const ORDER_STATES = ['awaiting_payment', 'paying', 'paid', 'released', 'refund_requested', 'refunding', 'refund_abnormal', 'refunded', 'refund_failed'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export { REFUND_POLICY_WORDS, type RefundPolicy } from './refund-policy';
import type { RefundPolicy } from './refund-policy';

export interface OrderView {
  /** Also the out_trade_no WeChat Pay knows it by. */
  id: string;
  couponId: string;
  benefitId: string;
  benefitTitle: string;
  amountFen: number;
  state: OrderState;
  /** Pay by then (until then the place is kept). */
  payBy: string;
  createdAt: string;
  paidAt: string | null;
  releasedAt: string | null;
  refundPolicy: RefundPolicy;
  refundPolicyText: string;
  refund: { reason: string; requestedAt: string; settledAt: string | null; comment: string | null } | null;
  /** Whether 去支付 is offered now (before the deadline, at least a minute left). */
  canPay: boolean;
  /** Whether 申请退款 is offered now (the policy allows it today and the code is unused). */
  canRequestRefund: boolean;
}

/** wx.requestPayment's parameters, signed by the server (signType RSA). */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** A ban of the member from an org's benefits (a paid code left unused), with its end. */
export interface BanView {
  orgId: string;
  orgName: string;
  /** The first day the member may take part again (00:00 that day). */
  until: string;
  untilText: string;
  benefitTitle: string;
}

const id = (label: string) => z.string({ error: `请填写${label}` }).check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, `${label}不正确`));
const reasonText = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`));

export const orderCreateRequest = /* @__PURE__ */ contract(() => z.strictObject({ couponId: id('名额编号') }));
export type OrderCreateRequest = z.infer<typeof orderCreateRequest>;
export interface OrderCreateResponse {
  order: OrderView;
  payment: PaymentParams;
}
export interface OrderResponse {
  order: OrderView;
}
export interface MyOrdersResponse {
  items: OrderView[];
  bans: BanView[];
}

export const refundRequestBody = /* @__PURE__ */ contract(() => z.strictObject({ reason: reasonText('退款原因', 80) }));
const E = paymentsErrors;

export const ordersCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'ordersCreate',
    method: 'POST',
    path: '/api/me/orders',
    auth: 'member',
    request: { body: orderCreateRequest },
    response: returns<OrderCreateResponse>(),
    errors: E('NOT_BOUND', 'PLACE_NOT_FOUND', 'PAY_DEADLINE_PASSED', 'ORDER_ALREADY_PAID', 'PAYMENT_UNAVAILABLE'),
  }),
);

export const ordersList = /* @__PURE__ */ contract(() =>
  defineEndpoint({ functionName: 'ordersList', method: 'GET', path: '/api/me/orders', auth: 'member', response: returns<MyOrdersResponse>(), errors: E('NOT_BOUND') }),
);

export const ordersGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({ functionName: 'ordersGet', method: 'GET', path: '/api/me/orders/{id}', auth: 'member', response: returns<OrderResponse>(), errors: E('NOT_BOUND') }),
);

export const orderRefundRequest = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'orderRefundRequest',
    method: 'POST',
    path: '/api/me/orders/{id}/refund',
    auth: 'member',
    request: { body: refundRequestBody },
    response: returns<OrderResponse>(),
    errors: E('NOT_BOUND', 'REFUND_NOT_ALLOWED', 'REFUND_WINDOW_PASSED', 'REFUND_CODE_USED', 'REFUND_STATE_INVALID'),
  }),
);

/**
 * WeChat Pay's payment and refund notifications (one URL for both). Public: WeChat Pay's signature
 * over the raw body is the check, before anything is read.
 */
export const paymentsNotify = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'paymentsNotify',
    method: 'POST',
    path: '/api/payments/wechat/notify',
    auth: 'public',
    response: returns<{ code: 'SUCCESS' }>(),
    errors: E('NOT_FOUND', 'NOTIFY_SIGNATURE_INVALID', 'NOTIFY_INVALID'),
  }),
);

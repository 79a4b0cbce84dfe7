import * as z from 'zod/mini';
import { contract } from '../../kernel/contracts/contract';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { paymentsErrors } from './errors';
import type { BanView, OrderResponse, OrderView } from './payments';

/**
 * The officials' side of paid places (issue 14 › 3–4): refunds to review and members' bans. Apart
 * from payments.ts, which the member's 收银台 and 我的订单 (the orders subpackage) load, so that the
 * workbench's pages take only these.
 */

const id = (label: string) => z.string({ error: `请填写${label}` }).check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, `${label}不正确`));
const reasonText = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`));

export const refundReviewBody = /* @__PURE__ */ contract(() => z.strictObject({ approve: z.boolean({ error: '请选择同意或驳回' }), comment: reasonText('审核意见', 200) }));
export const banLiftBody = /* @__PURE__ */ contract(() => z.strictObject({ memberId: id('会员编号'), orgId: id('工会编号'), reason: reasonText('解除原因', 200) }));
export const adminBansQuery = /* @__PURE__ */ contract(() => z.strictObject({ memberId: id('会员编号') }));
export const adminOrdersQuery = /* @__PURE__ */ contract(() => z.strictObject({ state: z.enum(['refund_requested', 'refunding', 'refund_failed']) }));

export interface AdminOrderView extends OrderView {
  /** The member, masked (e.g. 邢*强). */
  memberName: string;
  memberId: string;
}
export interface AdminOrdersResponse {
  items: AdminOrderView[];
}

/** A member's ban as an official sees it: standing or lifted, by an org the official manages. */
export interface AdminBanView extends BanView {
  since: string;
  active: boolean;
  liftedAt: string | null;
}
export interface AdminBansResponse {
  member: { id: string; name: string };
  items: AdminBanView[];
}

const E = paymentsErrors;

export const adminOrdersList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminOrdersList',
    method: 'GET',
    path: '/api/admin/orders',
    auth: 'official',
    request: { query: adminOrdersQuery },
    response: returns<AdminOrdersResponse>(),
    errors: E('FORBIDDEN'),
  }),
);

export const adminOrderRefund = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminOrderRefund',
    method: 'POST',
    path: '/api/admin/orders/{id}/refund',
    auth: 'official',
    request: { body: refundReviewBody },
    response: returns<OrderResponse>(),
    errors: E('FORBIDDEN', 'REFUND_STATE_INVALID', 'REFUND_CODE_USED', 'REFUND_SAME_PERSON', 'PAYMENT_UNAVAILABLE'),
  }),
);

export const adminBansList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminBansList',
    method: 'GET',
    path: '/api/admin/bans',
    auth: 'official',
    request: { query: adminBansQuery },
    response: returns<AdminBansResponse>(),
    errors: E('FORBIDDEN', 'NOT_FOUND'),
  }),
);

export const adminBansLift = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminBansLift',
    method: 'POST',
    path: '/api/admin/bans/lift',
    auth: 'official',
    request: { body: banLiftBody },
    response: returns<{ lifted: true }>(),
    errors: E('FORBIDDEN', 'BAN_NOT_FOUND'),
  }),
);

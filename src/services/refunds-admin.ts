import {
  adminBansLift,
  adminBansList,
  adminOrderRefund,
  adminOrdersList,
  type AdminBansResponse,
  type AdminOrdersResponse,
} from '../../functions/payments/contracts/admin';
import type { OrderResponse } from '../../functions/payments/contracts/payments';
import { call } from './request';

/** The officials' side of paid places (functions/payments/contracts): refunds to review and members' bans. */

export type AdminOrderQueue = 'refund_requested' | 'refunding' | 'refund_failed';

export function listRefunds(state: AdminOrderQueue): Promise<AdminOrdersResponse> {
  return call(adminOrdersList, { query: { state } });
}

export function decideRefund(orderId: string, approve: boolean, comment: string): Promise<OrderResponse> {
  return call(adminOrderRefund, { params: { id: orderId }, body: { approve, comment } });
}

export function listBans(memberId: string): Promise<AdminBansResponse> {
  return call(adminBansList, { query: { memberId } });
}

export function liftBan(memberId: string, orgId: string, reason: string): Promise<{ lifted: true }> {
  return call(adminBansLift, { body: { memberId, orgId, reason } });
}

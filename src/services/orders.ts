import Taro from '@tarojs/taro';
import {
  orderRefundRequest,
  ordersCreate,
  ordersGet,
  ordersList,
  type MyOrdersResponse,
  type OrderCreateResponse,
  type OrderResponse,
  type PaymentParams,
} from '../../functions/payments/contracts/payments';
import { call } from './request';

/** One function per payments endpoint a member calls (functions/payments/contracts). */

export function openCashier(couponId: string): Promise<OrderCreateResponse> {
  return call(ordersCreate, { body: { couponId } });
}

export function getMyOrders(): Promise<MyOrdersResponse> {
  return call(ordersList, {});
}

export function getMyOrder(id: string): Promise<OrderResponse> {
  return call(ordersGet, { params: { id } });
}

export function askRefund(id: string, reason: string): Promise<OrderResponse> {
  return call(orderRefundRequest, { params: { id }, body: { reason } });
}

/** How wx.requestPayment ended: paid (to be confirmed by the order, never by this alone), cancelled or failed. */
export type PaymentOutcome = { kind: 'ok' } | { kind: 'cancel' } | { kind: 'fail'; message: string };

/**
 * Pays with the parameters the server signed. In WeChat: wx.requestPayment. In the H5 build (local
 * and tests) there is no WeChat Pay: the local fake's cashier (/__wechatpay/, scripts/lib/wechatpay-fake.ts)
 * checks paySign as WeChat would and pays; the 收银台 page shows its own small sheet before it.
 */
export async function requestPayment(params: PaymentParams, action: 'pay' | 'cancel' = 'pay'): Promise<PaymentOutcome> {
  if (process.env.TARO_ENV === 'h5') {
    try {
      const answer = await fetch('/__wechatpay/__fake/cashier', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...params, action }),
      });
      const body = (await answer.json()) as { errMsg?: string };
      if (body.errMsg === 'requestPayment:ok') return { kind: 'ok' };
      if (body.errMsg === 'requestPayment:fail cancel') return { kind: 'cancel' };
      return { kind: 'fail', message: (body.errMsg ?? '').replace(/^requestPayment:fail\s*/, '') || '支付失败' };
    } catch {
      return { kind: 'fail', message: '网络异常，支付未完成' };
    }
  }
  try {
    await Taro.requestPayment({ ...params });
    return { kind: 'ok' };
  } catch (err) {
    const message = (err as { errMsg?: string }).errMsg ?? '';
    return message.includes('cancel') ? { kind: 'cancel' } : { kind: 'fail', message: '支付失败，请稍后再试' };
  }
}

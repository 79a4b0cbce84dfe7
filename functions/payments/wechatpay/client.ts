import type { KeyObject } from 'node:crypto';
import { authorizationHeader, payMessage, randomNonce, requestMessage, rsaSign } from './crypto';
import type { PaymentParams } from '../contracts/payments';
import { checkSignature, signedHeaders, type VerifyKeys } from './verify';

/**
 * A thin WeChat Pay API v3 client over `fetch` and node:crypto (../shared/STACK.md › WeChat Pay):
 * the JSAPI order, its query and close, a refund and its query, and `wx.requestPayment`'s paySign.
 * Every request is signed with the merchant key; every answer's signature is checked (an answer
 * that is not WeChat Pay's is an error, never data).
 */

/** trade_state of an order (JSAPI: the last three never happen). */
export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';
/** A refund's status: CLOSED failed, ABNORMAL is not final (the bank refused; it is retried or handled). */
export type RefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

/** An order as the query and the payment notification carry it (the fields used here). */
export interface WechatTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: TradeState;
  success_time?: string;
  amount?: { total: number; payer_total?: number; currency: string };
  payer?: { openid: string };
}

/** A refund as its answer, its query and its notification carry it. */
export interface WechatRefund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  status?: RefundStatus;
  /** The notification names it refund_status. */
  refund_status?: RefundStatus;
  success_time?: string;
  amount: { total: number; refund: number };
}

/** A refusal WeChat Pay answered (HTTP ≥ 400 with `{code, message}`), or an answer we could not trust. */
export class WechatPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`WeChat Pay ${status} ${code}: ${message}`);
    this.name = 'WechatPayError';
  }
}

export interface WechatPaySettings {
  /** https://api.mch.weixin.qq.com, or the local fake. */
  apiBase: string;
  mchid: string;
  appId: string;
  /** The serial of the merchant's API certificate (serial_no of Authorization). */
  merchantSerial: string;
  merchantKey: KeyObject | string;
  /** Keys answers are checked with, by serial. */
  verifyKeys: VerifyKeys;
  /** Sent as Wechatpay-Serial: the key we expect answers signed with (the public key's id). */
  expectSerial: string;
  fetch?: typeof fetch;
  /** Epoch milliseconds (tests move it). */
  now?: () => number;
}

/** RFC 3339 in Beijing time, seconds precision: `2026-12-07T15:00:00+08:00`. */
export function rfc3339(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

export interface JsapiOrder {
  outTradeNo: string;
  description: string;
  /** Epoch ms: the last moment the member may pay (WeChat refuses later payments). */
  timeExpire: number;
  notifyUrl: string;
  totalFen: number;
  openid: string;
  attach?: string;
}

export interface RefundRequest {
  outTradeNo: string;
  outRefundNo: string;
  reason: string;
  refundFen: number;
  totalFen: number;
  notifyUrl: string;
}

export function createWechatPayClient(s: WechatPaySettings) {
  const doFetch = s.fetch ?? fetch;
  const now = s.now ?? Date.now;

  async function call<T>(method: 'GET' | 'POST', pathWithQuery: string, payload?: object): Promise<{ status: number; body: T | null }> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = randomNonce();
    const signature = rsaSign(s.merchantKey, requestMessage(method, pathWithQuery, timestamp, nonce, body));
    const response = await doFetch(`${s.apiBase}${pathWithQuery}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        authorization: authorizationHeader({ mchid: s.mchid, serial: s.merchantSerial, nonce, timestamp, signature }),
        'wechatpay-serial': s.expectSerial,
        'user-agent': 'hainan-union-puhui/1',
      },
      ...(payload === undefined ? {} : { body }),
      signal: AbortSignal.timeout(8000),
    });
    const text = await response.text();
    // Refusals are checked too where signed; an unsigned 5xx is WeChat's gateway: an error either way.
    const refused = checkSignature(signedHeaders(response.headers), text, s.verifyKeys, Math.floor(now() / 1000));
    if (refused && response.status < 500) throw new WechatPayError(response.status, 'ANSWER_NOT_VERIFIED', `answer signature: ${refused}`);
    if (response.status >= 400) {
      let code = 'HTTP_ERROR';
      let message = text.slice(0, 200);
      try {
        const parsed = JSON.parse(text) as { code?: string; message?: string };
        code = parsed.code ?? code;
        message = parsed.message ?? message;
      } catch {
        /* not JSON */
      }
      throw new WechatPayError(response.status, code, message);
    }
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as T) };
  }

  const mchQuery = `mchid=${encodeURIComponent(s.mchid)}`;
  const orderPath = (no: string) => `/v3/pay/transactions/out-trade-no/${encodeURIComponent(no)}`;

  return {
    /** JSAPI order: the prepay_id (the same fields again within time_expire give the same one). */
    async jsapi(order: JsapiOrder): Promise<string> {
      const { body } = await call<{ prepay_id: string }>('POST', '/v3/pay/transactions/jsapi', {
        appid: s.appId,
        mchid: s.mchid,
        description: order.description.slice(0, 127),
        out_trade_no: order.outTradeNo,
        time_expire: rfc3339(order.timeExpire),
        ...(order.attach ? { attach: order.attach } : {}),
        notify_url: order.notifyUrl,
        amount: { total: order.totalFen, currency: 'CNY' },
        payer: { openid: order.openid },
      });
      if (!body?.prepay_id) throw new WechatPayError(502, 'NO_PREPAY_ID', 'no prepay_id in the answer');
      return body.prepay_id;
    },
    /** The order by our number; null when WeChat Pay has none (ORDER_NOT_EXIST). */
    async query(outTradeNo: string): Promise<WechatTransaction | null> {
      try {
        return (await call<WechatTransaction>('GET', `${orderPath(outTradeNo)}?${mchQuery}`)).body;
      } catch (err) {
        if (err instanceof WechatPayError && err.code === 'ORDER_NOT_EXIST') return null;
        throw err;
      }
    },
    /** Closes an unpaid order: `closed` (204, or none existed), `paid` when it was paid meanwhile (ORDERPAID). */
    async close(outTradeNo: string): Promise<'closed' | 'paid'> {
      try {
        await call('POST', `${orderPath(outTradeNo)}/close`, { mchid: s.mchid });
        return 'closed';
      } catch (err) {
        if (err instanceof WechatPayError && err.code === 'ORDERPAID') return 'paid';
        if (err instanceof WechatPayError && err.code === 'ORDER_NOT_EXIST') return 'closed';
        throw err;
      }
    },
    /** Asks a refund; the same out_refund_no is refunded once (the answer only means accepted). */
    async refund(r: RefundRequest): Promise<WechatRefund> {
      const { body } = await call<WechatRefund>('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: r.outTradeNo,
        out_refund_no: r.outRefundNo,
        reason: r.reason.slice(0, 80),
        notify_url: r.notifyUrl,
        amount: { refund: r.refundFen, total: r.totalFen, currency: 'CNY' },
      });
      if (!body) throw new WechatPayError(502, 'NO_REFUND', 'no refund in the answer');
      return body;
    },
    /** A refund by our number; null when none exists (RESOURCE_NOT_EXISTS). */
    async queryRefund(outRefundNo: string): Promise<WechatRefund | null> {
      try {
        return (await call<WechatRefund>('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`)).body;
      } catch (err) {
        if (err instanceof WechatPayError && err.code === 'RESOURCE_NOT_EXISTS') return null;
        throw err;
      }
    },
    /** `wx.requestPayment`'s parameters for a prepay_id, signed with the merchant key. */
    paymentParams(prepayId: string): PaymentParams {
      const timeStamp = String(Math.floor(now() / 1000));
      const nonceStr = randomNonce();
      const pkg = `prepay_id=${prepayId}`;
      return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: rsaSign(s.merchantKey, payMessage(s.appId, timeStamp, nonceStr, pkg)) };
    },
  };
}

export type WechatPayClient = ReturnType<typeof createWechatPayClient>;

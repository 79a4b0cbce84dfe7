import { createHash, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { rfc3339, type RefundStatus, type TradeState } from '../../functions/payments/wechatpay/client';
import { encryptResource, parseAuthorization, payMessage, randomNonce, requestMessage, responseMessage, rsaSign, rsaVerify } from '../../functions/payments/wechatpay/crypto';

/**
 * A local WeChat Pay API v3 (there is no v3 sandbox): the five merchant calls with WeChat Pay's
 * checks and error codes, every answer signed with its own key (the "WeChat Pay public key" the
 * merchant verifies with), notifications signed and encrypted with the APIv3 key and POSTed to the
 * order's notify_url — and controls, under /__fake/, for what a test or a person at `npm start` needs:
 * pay (as the 收银台 does, checking paySign as WeChat would), deliver, duplicate or drop
 * notifications, send a WECHATPAY/SIGNTEST/ probe, move the clock, choose refund outcomes.
 *
 * Deviations, on purpose: notify_url may be http on 127.0.0.1/localhost (the local API); refunds
 * settle when told (or after `refundDelayMs`), not on a bank's schedule.
 */

export interface FakeWechatPayOptions {
  port: number;
  mchid: string;
  appId: string;
  /** The merchant's public key (checks request signatures and paySign). */
  merchantPublicKey: KeyObject | string;
  /** The 32-byte APIv3 key notifications are encrypted with. */
  apiV3Key: string;
  /** WeChat Pay's own key pair and its id; generated when absent (or read from/written to `keyFile`). */
  keyFile?: string;
  /** A refund settles by itself after this many ms (default: only when told). */
  refundDelayMs?: number;
  /**
   * A platform certificate's key and serial (the switch from certificates to the public key): with
   * setSigner('certificate') answers and notifications are signed with it, under its serial.
   */
  certificate?: { privateKeyPem: string; serial: string };
  /** Browser origins allowed to call /__fake/ (the H5 收银台). */
  corsOrigins?: string[];
  onLine?: (line: string) => void;
}

interface Order {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  time_expire: number;
  notify_url: string;
  total: number;
  openid: string;
  attach?: string;
  prepay_id: string;
  fingerprint: string;
  state: TradeState;
  transaction_id?: string;
  success_time?: number;
  refunded: number;
}

interface Refund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  refund: number;
  total: number;
  status: RefundStatus;
  notify_url: string;
  create_time: number;
  success_time?: number;
  outcome: Exclude<RefundStatus, 'PROCESSING'> | null;
}

/** A notification sent, and what the merchant answered each time. */
export interface SentNotification {
  id: string;
  url: string;
  eventType: string;
  body: string;
  answers: number[];
}

export interface FakeWechatPay {
  url: string;
  publicKeyId: string;
  publicKeyPem: string;
  orders: Map<string, Order>;
  refunds: Map<string, Refund>;
  notifications: SentNotification[];
  /** The fake's clock (epoch ms): real time moved by the offset set with /__fake/clock. */
  now(): number;
  advance(ms: number): void;
  /** Pays an order as the member would in WeChat; the answer explains a refusal. */
  pay(outTradeNo: string): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Deliver automatically (default), or drop every notification (the reconciliation's case). */
  setDelivery(mode: 'deliver' | 'drop'): void;
  /** Sends a notification again (a duplicate), by its id; the merchant's HTTP status. */
  redeliver(id: string): Promise<number>;
  /** A probe: a notification whose signature starts WECHATPAY/SIGNTEST/; the merchant's HTTP status. */
  probe(url: string): Promise<number>;
  /** Signs with the WeChat Pay public key's private half (default) or the platform certificate's. */
  setSigner(signer: 'public-key' | 'certificate'): void;
  /** How the next refunds end (default SUCCESS), or settles one refund now. */
  setRefundOutcome(status: Exclude<RefundStatus, 'PROCESSING'>): void;
  settleRefund(outRefundNo: string, status?: Exclude<RefundStatus, 'PROCESSING'>): Promise<void>;
  stop(): Promise<void>;
}

interface Keys {
  privateKeyPem: string;
  publicKeyId: string;
}

function loadKeys(file: string | undefined): Keys {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Keys;
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys: Keys = {
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyId: `PUB_KEY_ID_0114${randomBytes(12).toString('hex').toUpperCase()}`,
  };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  }
  return keys;
}

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function notifyUrlProblem(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 255) return 'notify_url 格式不正确';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'notify_url 格式不正确';
  }
  if (parsed.search !== '') return 'notify_url 不能携带参数';
  const local = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
  if (parsed.protocol !== 'https:' && !(local && parsed.protocol === 'http:')) return 'notify_url 必须为 https 地址';
  return null;
}

export async function startFakeWechatPay(o: FakeWechatPayOptions): Promise<FakeWechatPay> {
  const keys = loadKeys(o.keyFile);
  const merchantPublic = typeof o.merchantPublicKey === 'string' ? createPublicKey(o.merchantPublicKey) : o.merchantPublicKey;
  const publicKeyPem = createPublicKey(keys.privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  const orders = new Map<string, Order>();
  const byPrepay = new Map<string, string>();
  const refunds = new Map<string, Refund>();
  const notifications: SentNotification[] = [];
  let offset = 0;
  let delivery: 'deliver' | 'drop' = 'deliver';
  let refundOutcome: Exclude<RefundStatus, 'PROCESSING'> = 'SUCCESS';
  let signer: 'public-key' | 'certificate' = 'public-key';
  const say = o.onLine ?? (() => undefined);
  const now = () => Date.now() + offset;

  const signHeaders = (body: string): Record<string, string> => {
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = randomNonce();
    const cert = signer === 'certificate' && o.certificate ? o.certificate : null;
    return {
      'wechatpay-serial': cert ? cert.serial : keys.publicKeyId,
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': rsaSign(cert ? cert.privateKeyPem : keys.privateKeyPem, responseMessage(timestamp, nonce, body)),
      'request-id': randomBytes(16).toString('hex'),
    };
  };

  const transactionOf = (order: Order) => ({
    appid: order.appid,
    mchid: order.mchid,
    out_trade_no: order.out_trade_no,
    ...(order.transaction_id ? { transaction_id: order.transaction_id } : {}),
    trade_type: order.state === 'NOTPAY' || order.state === 'CLOSED' ? '' : 'JSAPI',
    trade_state: order.state,
    trade_state_desc: { SUCCESS: '支付成功', REFUND: '转入退款', NOTPAY: '未支付', CLOSED: '已关闭', REVOKED: '已撤销', USERPAYING: '用户支付中', PAYERROR: '支付失败' }[order.state],
    ...(order.attach ? { attach: order.attach } : {}),
    ...(order.success_time ? { success_time: rfc3339(order.success_time), bank_type: 'OTHERS' } : {}),
    payer: { openid: order.openid },
    amount: { total: order.total, currency: 'CNY', ...(order.success_time ? { payer_total: order.total, payer_currency: 'CNY' } : {}) },
  });

  const refundOf = (r: Refund) => ({
    refund_id: r.refund_id,
    out_refund_no: r.out_refund_no,
    transaction_id: orders.get(r.out_trade_no)?.transaction_id,
    out_trade_no: r.out_trade_no,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    status: r.status,
    create_time: rfc3339(r.create_time),
    ...(r.success_time ? { success_time: rfc3339(r.success_time) } : {}),
    amount: { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund, currency: 'CNY' },
  });

  async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
    try {
      const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(5000) });
      return answer.status;
    } catch {
      return 0;
    }
  }

  async function send(n: SentNotification): Promise<number> {
    const status = await post(n.url, n.body, signHeaders(n.body));
    n.answers.push(status);
    say(`通知 ${n.eventType} ${n.id} → ${status || '无应答'}`);
    return status;
  }

  async function notify(url: string, eventType: string, summary: string, originalType: 'transaction' | 'refund', resource: object): Promise<void> {
    const nonce = randomNonce(12);
    const body = JSON.stringify({
      id: `EV-${randomBytes(10).toString('hex')}`,
      create_time: rfc3339(now()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ciphertext: encryptResource(o.apiV3Key, JSON.stringify(resource), originalType, nonce), associated_data: originalType, nonce },
    });
    const n: SentNotification = { id: (JSON.parse(body) as { id: string }).id, url, eventType, body, answers: [] };
    notifications.push(n);
    if (delivery === 'drop') {
      say(`通知 ${eventType} ${n.id} 已丢弃（模拟未送达）`);
      return;
    }
    // WeChat retries an unanswered or refused notification (15 times over 24 h); compressed here.
    for (let attempt = 0; attempt < 3; attempt++) {
      const status = await send(n);
      if (status === 200 || status === 204) return;
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  async function pay(outTradeNo: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const order = orders.get(outTradeNo);
    if (!order) return { ok: false, reason: '订单不存在' };
    if (order.state === 'SUCCESS' || order.state === 'REFUND') return { ok: false, reason: '订单已支付' };
    if (order.state === 'CLOSED') return { ok: false, reason: '订单已关闭' };
    if (now() > order.time_expire) return { ok: false, reason: '订单已过支付期限' };
    order.state = 'SUCCESS';
    order.success_time = now();
    order.transaction_id = `42000${Date.now()}${randomBytes(4).toString('hex')}`.slice(0, 28);
    say(`订单 ${outTradeNo} 已支付 ¥${(order.total / 100).toFixed(2)}`);
    void notify(order.notify_url, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', transactionOf(order));
    return { ok: true };
  }

  async function settleRefund(outRefundNo: string, status?: Exclude<RefundStatus, 'PROCESSING'>): Promise<void> {
    const refund = refunds.get(outRefundNo);
    if (!refund) throw new Error(`no refund ${outRefundNo}`);
    if (refund.status === 'SUCCESS' || refund.status === 'CLOSED') return;
    const outcome = status ?? refund.outcome ?? refundOutcome;
    refund.status = outcome;
    if (outcome === 'SUCCESS') refund.success_time = now();
    const order = orders.get(refund.out_trade_no);
    if (order && outcome === 'CLOSED') order.refunded -= refund.refund;
    if (order && outcome === 'SUCCESS' && order.refunded >= order.total) order.state = 'REFUND';
    const notifyBody = {
      mchid: o.mchid,
      out_trade_no: refund.out_trade_no,
      transaction_id: order?.transaction_id,
      out_refund_no: refund.out_refund_no,
      refund_id: refund.refund_id,
      refund_status: outcome,
      ...(refund.success_time ? { success_time: rfc3339(refund.success_time) } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: refund.total, refund: refund.refund, payer_total: refund.total, payer_refund: refund.refund },
    };
    await notify(refund.notify_url, `REFUND.${outcome}`, { SUCCESS: '退款成功', CLOSED: '退款关闭', ABNORMAL: '退款异常' }[outcome], 'refund', notifyBody);
  }

  /** The merchant API: checks the signature first, as WeChat Pay does. */
  function merchantCall(method: string, url: URL, raw: string, headers: IncomingMessage['headers']): { status: number; body: object | null } {
    const auth = parseAuthorization(headers.authorization);
    if (!auth) throw new Refusal(401, 'SIGN_ERROR', '错误的签名，验签失败');
    if (auth.mchid !== o.mchid) throw new Refusal(401, 'SIGN_ERROR', '商户号与签名不匹配');
    if (Math.abs(Number(auth.timestamp) - Math.floor(now() / 1000)) > 300) {
      throw new Refusal(401, 'SIGN_ERROR', 'Http头Authorization中的timestamp与发起请求的时间不得超过5分钟');
    }
    if (!rsaVerify(merchantPublic, requestMessage(method, url.pathname + url.search, auth.timestamp, auth.nonce_str, raw), auth.signature)) {
      throw new Refusal(401, 'SIGN_ERROR', '错误的签名，验签失败');
    }
    const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v3/pay/transactions/jsapi') return { status: 200, body: jsapi(body) };
    if (method === 'GET' && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path))) {
      if (url.searchParams.get('mchid') !== o.mchid) throw new Refusal(400, 'PARAM_ERROR', 'mchid 不正确');
      const order = orders.get(decodeURIComponent(m[1] as string));
      if (!order) throw new Refusal(404, 'ORDER_NOT_EXIST', '订单不存在');
      return { status: 200, body: transactionOf(order) };
    }
    if (method === 'POST' && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path))) {
      if (body.mchid !== o.mchid) throw new Refusal(400, 'PARAM_ERROR', 'mchid 不正确');
      const order = orders.get(decodeURIComponent(m[1] as string));
      if (!order) throw new Refusal(404, 'ORDER_NOT_EXIST', '订单不存在');
      if (order.state === 'SUCCESS' || order.state === 'REFUND') throw new Refusal(400, 'ORDERPAID', '订单已支付');
      order.state = 'CLOSED';
      say(`订单 ${order.out_trade_no} 已关闭`);
      return { status: 204, body: null };
    }
    if (method === 'POST' && path === '/v3/refund/domestic/refunds') return { status: 200, body: refund(body) };
    if (method === 'GET' && (m = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path))) {
      const r = refunds.get(decodeURIComponent(m[1] as string));
      if (!r) throw new Refusal(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return { status: 200, body: refundOf(r) };
    }
    throw new Refusal(404, 'NOT_FOUND', '请求的资源不存在');
  }

  function jsapi(b: Record<string, unknown>): object {
    const amount = b.amount as { total?: unknown; currency?: unknown } | undefined;
    const payer = b.payer as { openid?: unknown } | undefined;
    if (b.appid !== o.appId) throw new Refusal(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (b.mchid !== o.mchid) throw new Refusal(400, 'PARAM_ERROR', 'mchid 不正确');
    if (typeof b.description !== 'string' || b.description.length === 0 || b.description.length > 127) throw new Refusal(400, 'PARAM_ERROR', 'description 长度不正确');
    if (typeof b.out_trade_no !== 'string' || !OUT_TRADE_NO.test(b.out_trade_no)) throw new Refusal(400, 'PARAM_ERROR', 'out_trade_no 格式不正确');
    const urlProblem = notifyUrlProblem(b.notify_url);
    if (urlProblem) throw new Refusal(400, 'PARAM_ERROR', urlProblem);
    if (!amount || !Number.isInteger(amount.total) || (amount.total as number) < 1 || (amount.currency ?? 'CNY') !== 'CNY') throw new Refusal(400, 'PARAM_ERROR', 'amount 不正确');
    if (!payer || typeof payer.openid !== 'string' || payer.openid === '') throw new Refusal(400, 'PARAM_ERROR', 'payer.openid 不能为空');
    let expire = now() + 7 * 86_400_000;
    if (b.time_expire !== undefined) {
      const parsed = typeof b.time_expire === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/.test(b.time_expire) ? Date.parse(b.time_expire) : NaN;
      if (Number.isNaN(parsed)) throw new Refusal(400, 'PARAM_ERROR', 'time_expire 格式不正确');
      if (parsed > now() + 90 * 86_400_000) throw new Refusal(400, 'PARAM_ERROR', 'time_expire 不能超过90天');
      // WeChat Pay moves a time_expire under a minute away to a minute from now.
      expire = Math.max(parsed, now() + 60_000);
    }
    const fingerprint = createHash('sha256').update(JSON.stringify([b.appid, b.description, b.notify_url, amount.total, payer.openid, b.attach ?? null])).digest('hex');
    const existing = orders.get(b.out_trade_no);
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') throw new Refusal(400, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') throw new Refusal(400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.fingerprint !== fingerprint) throw new Refusal(400, 'INVALID_REQUEST', '201 商户订单号重复');
      if (now() > existing.time_expire) throw new Refusal(400, 'ORDER_CLOSED', '订单已过期');
      return { prepay_id: existing.prepay_id };
    }
    const order: Order = {
      appid: b.appid,
      mchid: o.mchid,
      description: b.description,
      out_trade_no: b.out_trade_no,
      time_expire: expire,
      notify_url: b.notify_url as string,
      total: amount.total as number,
      openid: payer.openid,
      ...(typeof b.attach === 'string' ? { attach: b.attach } : {}),
      prepay_id: `wx${Date.now().toString(36)}${randomBytes(12).toString('hex')}`,
      fingerprint,
      state: 'NOTPAY',
      refunded: 0,
    };
    orders.set(order.out_trade_no, order);
    byPrepay.set(order.prepay_id, order.out_trade_no);
    say(`下单 ${order.out_trade_no} ¥${(order.total / 100).toFixed(2)}，支付期限 ${rfc3339(expire)}`);
    return { prepay_id: order.prepay_id };
  }

  function refund(b: Record<string, unknown>): object {
    const amount = b.amount as { refund?: unknown; total?: unknown; currency?: unknown } | undefined;
    if (typeof b.out_refund_no !== 'string' || !OUT_REFUND_NO.test(b.out_refund_no)) throw new Refusal(400, 'PARAM_ERROR', 'out_refund_no 格式不正确');
    const existing = refunds.get(b.out_refund_no);
    if (existing && existing.status === 'CLOSED') {
      // A failed refund is retried with the same number: it starts again.
      existing.status = 'PROCESSING';
      existing.outcome = null;
      const order = orders.get(existing.out_trade_no);
      if (order) order.refunded += existing.refund;
      say(`退款 ${existing.out_refund_no} 重新受理`);
      if (o.refundDelayMs !== undefined) setTimeout(() => void settleRefund(existing.out_refund_no).catch(() => undefined), o.refundDelayMs);
      return refundOf(existing);
    }
    if (existing) return refundOf(existing); // the same number is refunded once
    const order = typeof b.out_trade_no === 'string' ? orders.get(b.out_trade_no) : undefined;
    if (!order) throw new Refusal(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    if (order.state !== 'SUCCESS' && order.state !== 'REFUND') throw new Refusal(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    if (!amount || !Number.isInteger(amount.refund) || (amount.refund as number) < 1) throw new Refusal(400, 'PARAM_ERROR', 'amount.refund 不正确');
    if (amount.total !== order.total) throw new Refusal(400, 'INVALID_REQUEST', '订单金额与原订单不一致');
    if ((amount.refund as number) + order.refunded > order.total) throw new Refusal(400, 'NOT_ENOUGH', '申请退款金额超过订单可退金额');
    if ((order.success_time ?? 0) + 365 * 86_400_000 < now()) throw new Refusal(400, 'INVALID_REQUEST', '订单已超过退款期限');
    if ([...refunds.values()].filter((r) => r.out_trade_no === order.out_trade_no).length >= 50) throw new Refusal(400, 'INVALID_REQUEST', '部分退款次数超过50次');
    const urlProblem = b.notify_url === undefined ? null : notifyUrlProblem(b.notify_url);
    if (urlProblem) throw new Refusal(400, 'PARAM_ERROR', urlProblem);
    const r: Refund = {
      refund_id: `50000${Date.now()}${randomBytes(4).toString('hex')}`.slice(0, 29),
      out_refund_no: b.out_refund_no,
      out_trade_no: order.out_trade_no,
      refund: amount.refund as number,
      total: order.total,
      status: 'PROCESSING',
      notify_url: (b.notify_url as string | undefined) ?? order.notify_url,
      create_time: now(),
      outcome: null,
    };
    order.refunded += r.refund;
    refunds.set(r.out_refund_no, r);
    say(`退款 ${r.out_refund_no} ¥${(r.refund / 100).toFixed(2)} 受理中`);
    if (o.refundDelayMs !== undefined) setTimeout(() => void settleRefund(r.out_refund_no).catch(() => undefined), o.refundDelayMs);
    return refundOf(r);
  }

  /** The controls (/__fake/…): JSON in, JSON out. */
  async function control(path: string, b: Record<string, unknown>): Promise<{ status: number; body: object }> {
    switch (path) {
      case '/__fake/state':
        return { status: 200, body: { now: now(), offsetMs: offset, delivery, refundOutcome, orders: [...orders.values()].map(transactionOf), refunds: [...refunds.values()].map(refundOf), notifications } };
      case '/__fake/cashier': {
        // What wx.requestPayment does with the parameters the server signed: check paySign, then pay.
        const { timeStamp, nonceStr, package: pkg, paySign, signType, appId } = b as Record<string, string>;
        if (signType !== 'RSA' || typeof pkg !== 'string' || !pkg.startsWith('prepay_id=')) return { status: 400, body: { errMsg: 'requestPayment:fail 参数错误' } };
        if (!rsaVerify(merchantPublic, payMessage(appId ?? o.appId, timeStamp ?? '', nonceStr ?? '', pkg), paySign ?? '')) return { status: 400, body: { errMsg: 'requestPayment:fail 签名错误' } };
        const no = byPrepay.get(pkg.slice('prepay_id='.length));
        if (!no) return { status: 400, body: { errMsg: 'requestPayment:fail prepay_id 无效' } };
        if (b.action === 'cancel') return { status: 200, body: { errMsg: 'requestPayment:fail cancel' } };
        const paid = await pay(no);
        return paid.ok ? { status: 200, body: { errMsg: 'requestPayment:ok' } } : { status: 400, body: { errMsg: `requestPayment:fail ${paid.reason}` } };
      }
      case '/__fake/pay': {
        const paid = await pay(String(b.out_trade_no ?? ''));
        return paid.ok ? { status: 200, body: { ok: true } } : { status: 409, body: paid };
      }
      case '/__fake/delivery':
        if (b.mode !== 'deliver' && b.mode !== 'drop') return { status: 400, body: { error: 'mode: deliver | drop' } };
        delivery = b.mode;
        return { status: 200, body: { delivery } };
      case '/__fake/redeliver': {
        const n = notifications.find((x) => x.id === b.id) ?? [...notifications].reverse().find((x) => typeof b.out_trade_no === 'string' && x.body !== '' && x.eventType.startsWith('TRANSACTION'));
        if (!n) return { status: 404, body: { error: 'no such notification' } };
        return { status: 200, body: { id: n.id, answer: await send(n) } };
      }
      case '/__fake/probe':
        return { status: 200, body: { answer: await probeUrl(String(b.url ?? '')) } };
      case '/__fake/signer':
        if (b.signer !== 'public-key' && (b.signer !== 'certificate' || !o.certificate)) return { status: 400, body: { error: 'signer: public-key | certificate (when the fake has one)' } };
        signer = b.signer;
        return { status: 200, body: { signer } };
      case '/__fake/clock':
        if (typeof b.advanceMs === 'number') offset += b.advanceMs;
        else if (typeof b.offsetMs === 'number') offset = b.offsetMs;
        return { status: 200, body: { now: now(), offsetMs: offset } };
      case '/__fake/refund-outcome': {
        const status = b.status as Exclude<RefundStatus, 'PROCESSING'>;
        if (!['SUCCESS', 'CLOSED', 'ABNORMAL'].includes(status)) return { status: 400, body: { error: 'status: SUCCESS | CLOSED | ABNORMAL' } };
        if (typeof b.out_refund_no === 'string') await settleRefund(b.out_refund_no, status);
        else refundOutcome = status;
        return { status: 200, body: { refundOutcome } };
      }
      default:
        return { status: 404, body: { error: 'unknown control' } };
    }
  }

  async function probeUrl(url: string): Promise<number> {
    const body = JSON.stringify({ id: `EV-SIGNTEST-${randomNonce(8)}`, event_type: 'TRANSACTION.SUCCESS', resource: {} });
    const headers = signHeaders(body);
    headers['wechatpay-signature'] = `WECHATPAY/SIGNTEST/${headers['wechatpay-signature']}`;
    const status = await post(url, body, headers);
    say(`签名探测 → ${status}`);
    return status;
  }

  const cors = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (origin && (o.corsOrigins ?? []).includes(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-headers', 'content-type');
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = await readBody(req);
      if (url.pathname.startsWith('/__fake/')) {
        cors(req, res);
        if (req.method === 'OPTIONS') {
          res.writeHead(204).end();
          return;
        }
        let parsed: Record<string, unknown> = {};
        try {
          parsed = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"not JSON"}');
          return;
        }
        const answer = await control(url.pathname, parsed);
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
        return;
      }
      let status: number;
      let text: string;
      try {
        const answer = merchantCall(req.method ?? 'GET', url, raw, req.headers);
        status = answer.status;
        text = answer.body === null ? '' : JSON.stringify(answer.body);
      } catch (err) {
        if (err instanceof Refusal) {
          status = err.status;
          text = JSON.stringify({ code: err.code, message: err.message });
        } else if (err instanceof SyntaxError) {
          status = 400;
          text = JSON.stringify({ code: 'PARAM_ERROR', message: '请求体不是合法的JSON' });
        } else {
          status = 500;
          text = JSON.stringify({ code: 'SYSTEM_ERROR', message: '系统错误' });
        }
      }
      res.writeHead(status, { ...(text === '' ? {} : { 'content-type': 'application/json' }), ...signHeaders(text) }).end(text);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;

  return {
    url: `http://127.0.0.1:${port}`,
    publicKeyId: keys.publicKeyId,
    publicKeyPem,
    orders,
    refunds,
    notifications,
    now,
    advance: (ms) => {
      offset += ms;
    },
    pay,
    setDelivery: (mode) => {
      delivery = mode;
    },
    redeliver: async (id) => {
      const n = notifications.find((x) => x.id === id);
      if (!n) throw new Error(`no notification ${id}`);
      return send(n);
    },
    probe: probeUrl,
    setSigner: (next) => {
      if (next === 'certificate' && !o.certificate) throw new Error('the fake has no platform certificate');
      signer = next;
    },
    setRefundOutcome: (status) => {
      refundOutcome = status;
    },
    settleRefund,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AppError } from '../../kernel/errors';
import { log } from '../../kernel/logger';
import { paymentMatches } from '../domain/order';
import { readNotification } from '../wechatpay/notifications';
import { signedHeaders } from '../wechatpay/verify';
import type { Deps } from './ports';
import { applyPaid, applyRefund, type SettleDeps } from './settle';

/**
 * POST /api/payments/wechat/notify: WeChat Pay's payment and refund notifications. The signature over
 * the raw body (exactly the bytes received; base64-decoded when API Gateway says so) is checked
 * before anything else, with the key Wechatpay-Serial names; a probe (WECHATPAY/SIGNTEST/…), a stale
 * timestamp or a bad signature gets 401, a resource that does not decrypt 400 — WeChat Pay retries
 * those, a forger learns nothing. A payment whose amount, appid or mchid differ from our order is
 * refused and logged, never applied. Everything else is applied once however often it comes.
 */
export async function receiveNotification(deps: SettleDeps & Pick<Deps, 'pay'>, event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>): Promise<{ code: 'SUCCESS' }> {
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  const gateway = await deps.pay();
  const read = readNotification(signedHeaders(event.headers ?? {}), raw, gateway.verifyKeys, gateway.apiV3Key, Math.floor(deps.now().getTime() / 1000));
  if ('refused' in read) {
    log.warn('WeChat Pay notification refused', { reason: read.refused });
    throw new AppError(read.refused === 'malformed' || read.refused === 'undecryptable' ? 'NOTIFY_INVALID' : 'NOTIFY_SIGNATURE_INVALID');
  }
  if (read.kind === 'refund') {
    if ((await applyRefund(deps, read.refund)) === 'unknown') throw new AppError('NOT_FOUND', { message: '退款单不存在' });
    return { code: 'SUCCESS' };
  }
  const t = read.transaction;
  if (t.trade_state !== 'SUCCESS') return { code: 'SUCCESS' };
  const order = await deps.orders.get(t.out_trade_no);
  if (!order) throw new AppError('NOT_FOUND', { message: '订单不存在' });
  if (!paymentMatches(order, t, gateway)) {
    log.error('WeChat Pay notification does not match its order', { order: order.id, amount: t.amount?.total });
    throw new AppError('NOTIFY_INVALID');
  }
  await applyPaid(deps, t);
  return { code: 'SUCCESS' };
}

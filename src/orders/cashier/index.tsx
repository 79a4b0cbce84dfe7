import { useCallback, useEffect, useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { OrderView, PaymentParams } from '../../../functions/payments/contracts/payments';
import { Page } from '../../components/page';
import { ORDER_STATE_LABELS, payCountdown, yuan } from '../../components/order/model';
import { getMyOrder, openCashier, requestPayment } from '../../services/orders';
import '../orders.scss';

const messageOf = (error: unknown) => (error instanceof Error && error.message ? error.message : '加载失败，请稍后再试');
const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * 收银台: a place awaiting payment — what it is, the amount, the time left (the place is released at
 * zero), and the refund policy, stated before paying. 确认支付 calls wx.requestPayment with the
 * parameters the server signed; in the H5 build a small sheet stands in for WeChat's (the local
 * fake checks the signature and pays). The answer of requestPayment proves nothing: the page waits
 * for the order to read 已支付 (WeChat Pay's notification, or the server asking it).
 */
export default function CashierPage() {
  const [couponId, setCouponId] = useState('');
  const [order, setOrder] = useState<OrderView | null>(null);
  const [payment, setPayment] = useState<PaymentParams | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sheet, setSheet] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useLoad((params: Record<string, string | undefined>) => setCouponId(decodeURIComponent(params.couponId ?? '')));

  useEffect(() => {
    if (!couponId) return;
    openCashier(couponId)
      .then((answer) => {
        setOrder(answer.order);
        setPayment(answer.payment);
        setError(null);
      })
      .catch((e: unknown) => setError(messageOf(e)));
  }, [couponId]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  /** Waits for the order to read paid (a few seconds at most), as WeChat's notification lands. */
  const confirmPaid = useCallback(async (id: string) => {
    for (let i = 0; i < 20; i++) {
      const { order: latest } = await getMyOrder(id);
      setOrder(latest);
      if (latest.state !== 'paying') return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    setNote('支付结果确认中，请稍后在“我的订单”中查看');
  }, []);

  const pay = async (action: 'pay' | 'cancel' = 'pay') => {
    if (!order || !payment || busy) return;
    setBusy(true);
    setNote(null);
    try {
      const outcome = await requestPayment(payment, action);
      setSheet(false);
      if (outcome.kind === 'cancel') setNote('已取消支付，请在截止时间前完成支付');
      else if (outcome.kind === 'fail') setNote(outcome.message);
      else await confirmPaid(order.id);
    } catch (e) {
      setNote(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (error) {
    return (
      <Page id='cashier-page'>
        <View className='panel'>
          <Text id='cashier-error'>{error}</Text>
          <View className='detail-bar__link' onClick={() => void Taro.navigateTo({ url: '/orders/list/index' })}>
            查看我的订单 ›
          </View>
        </View>
      </Page>
    );
  }
  if (!order) {
    return (
      <Page id='cashier-page'>
        <Text className='muted'>正在下单…</Text>
      </Page>
    );
  }

  const left = Date.parse(order.payBy) - now;
  return (
    <Page id='cashier-page'>
      <View className='panel'>
        <View className='panel__title'>{order.benefitTitle}</View>
        <View id='cashier-amount' className='cashier-amount'>
          {yuan(order.amountFen)}
        </View>
        <View className='detail-row'>
          <Text className='detail-row__label'>订单状态</Text>
          <Text id='cashier-state' className='detail-row__value'>
            {ORDER_STATE_LABELS[order.state]}
          </Text>
        </View>
        {order.state === 'paying' ? (
          <View className='detail-row'>
            <Text className='detail-row__label'>剩余支付时间</Text>
            <Text id='cashier-countdown' className='detail-row__value cashier-countdown'>
              {left > 0 ? payCountdown(order.payBy, now) : '已超时'}
            </Text>
          </View>
        ) : null}
        <Text id='cashier-refund-policy' className='muted'>
          退款说明：{order.refundPolicyText}
        </Text>
      </View>
      {order.state === 'paying' ? (
        <View className='panel'>
          <Text className='muted'>请在剩余时间内完成支付，超时名额将自动释放，当天不能再参加该活动。</Text>
          <Button id='cashier-pay' type='primary' block loading={busy} disabled={busy || !order.canPay || left <= 60_000} onClick={() => (IS_H5 ? setSheet(true) : void pay())}>
            确认支付 {yuan(order.amountFen)}
          </Button>
          {sheet ? (
            <View id='cashier-sheet' className='cashier-sheet'>
              <View className='panel__title'>微信支付（本地模拟收银台）</View>
              <Text className='muted'>付款给 海南工会云 · {order.benefitTitle}</Text>
              <View className='cashier-amount'>{yuan(order.amountFen)}</View>
              <Button id='cashier-sheet-pay' type='primary' block loading={busy} disabled={busy} onClick={() => void pay('pay')}>
                立即支付
              </Button>
              <Button id='cashier-sheet-cancel' block disabled={busy} onClick={() => void pay('cancel')}>
                取消
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
      {order.state === 'paid' ? (
        <View id='cashier-paid' className='panel'>
          <View className='panel__title'>支付成功</View>
          <Text className='muted'>券码已放入“我的券”，有效期至使用截止时间，逾期未使用将暂停参加该工会的普惠活动。</Text>
          <Button id='cashier-coupons' type='primary' block onClick={() => void Taro.navigateTo({ url: '/pages/coupons/index' })}>
            查看券码
          </Button>
        </View>
      ) : null}
      {note ? (
        <Text id='cashier-note' className='muted'>
          {note}
        </Text>
      ) : null}
    </Page>
  );
}

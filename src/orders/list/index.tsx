import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { MyOrdersResponse } from '../../../functions/payments/contracts/payments';
import { Page } from '../../components/page';
import { beijingTime, ORDER_STATE_LABELS, payable, payCountdown, yuan } from '../../components/order/model';
import { confirmSheet } from '../../components/confirm-sheet';
import { askRefund, getMyOrders } from '../../services/orders';
import '../orders.scss';

const messageOf = (error: unknown) => (error instanceof Error && error.message ? error.message : '加载失败，请稍后再试');

/**
 * 我的订单: places to pay (with the time left), paid orders, places released unpaid, refunds and
 * their state; a ban from an org's benefits with the day it ends.
 */
export default function OrdersPage() {
  const [data, setData] = useState<MyOrdersResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(async () => {
    try {
      setData(await getMyOrders());
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useDidShow(() => void load());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  const refund = async (id: string) => {
    if (!(await confirmSheet({ title: '申请退款', content: '整单退款，经工作人员审核后原路退回，退款后券码作废。确定申请？', confirmText: '申请退款', danger: true }))) return;
    try {
      await askRefund(id, '会员申请退款');
      void Taro.showToast({ title: '已提交退款申请', icon: 'none' });
      void load();
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  if (error) {
    return (
      <Page id='orders-page'>
        <Text id='orders-error'>{error}</Text>
      </Page>
    );
  }
  if (!data) {
    return (
      <Page id='orders-page'>
        <Text className='muted'>加载中…</Text>
      </Page>
    );
  }
  return (
    <Page id='orders-page'>
      {data.bans.map((ban) => (
        <View key={ban.orgId} id={`orders-ban-${ban.orgId}`} className='panel'>
          <View className='panel__title'>暂停参加普惠活动</View>
          <Text className='muted'>
            您在{ban.orgName}的普惠活动中有已支付的券码（{ban.benefitTitle}）逾期未使用，{ban.untilText}前不能参加{ban.orgName}的普惠活动。如有特殊情况，请联系该工会。
          </Text>
        </View>
      ))}
      {data.items.length === 0 ? <Text className='muted'>暂无订单</Text> : null}
      {data.items.map((order) => (
        <View key={order.id} id={`order-${order.couponId}`} className='panel order-card'>
          <View className='panel__title'>{order.benefitTitle}</View>
          <View className='detail-row'>
            <Text className='detail-row__label'>{yuan(order.amountFen)}</Text>
            <Text className='detail-row__value order-state'>{ORDER_STATE_LABELS[order.state]}</Text>
          </View>
          {order.state === 'awaiting_payment' || order.state === 'paying' ? (
            <View className='detail-row'>
              <Text className='detail-row__label'>支付截止 {beijingTime(order.payBy)}</Text>
              <Text className='detail-row__value cashier-countdown'>剩余 {payCountdown(order.payBy, now)}</Text>
            </View>
          ) : null}
          {order.state === 'released' ? (
            <Text className='muted order-released'>未在支付截止前支付，名额已释放（报名抽签的名额依次递补给候补会员），当天不能再参加本活动。</Text>
          ) : null}
          {order.paidAt ? <Text className='muted'>支付时间 {beijingTime(order.paidAt)}</Text> : null}
          {order.refund ? (
            <Text className='muted'>
              退款原因：{order.refund.reason}
              {order.refund.comment ? `；审核意见：${order.refund.comment}` : ''}
            </Text>
          ) : null}
          <Text className='muted'>退款说明：{order.refundPolicyText}</Text>
          {payable(order, now) ? (
            <Button className='order-pay' type='primary' block onClick={() => void Taro.navigateTo({ url: `/orders/cashier/index?couponId=${encodeURIComponent(order.couponId)}` })}>
              去支付
            </Button>
          ) : null}
          {order.canRequestRefund ? (
            <Button className='order-refund' block onClick={() => void refund(order.id)}>
              申请退款
            </Button>
          ) : null}
        </View>
      ))}
    </Page>
  );
}

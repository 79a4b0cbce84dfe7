import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { getMyOrders } from '../../services/orders';
import { beijingTime, payCountdown } from './model';

/**
 * Under a win of a priced benefit (答题抽奖's result, a claim): the time left to pay, counting down,
 * and 去支付 to the 收银台. The deadline is the place's (我的订单 carries it).
 */
export function PayPrompt({ couponId }: { couponId: string }) {
  const [payBy, setPayBy] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    getMyOrders()
      .then((mine) => setPayBy(mine.items.find((o) => o.couponId === couponId)?.payBy ?? null))
      .catch(() => setPayBy(null));
  }, [couponId]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <View id='pay-prompt' className='pay-prompt'>
      {payBy ? (
        <Text id='pay-prompt-countdown' className='muted'>
          名额已为您保留，请在 {beijingTime(payBy)} 前支付（剩余 {payCountdown(payBy, now)}），超时名额自动释放，当天不能再参加。
        </Text>
      ) : (
        <Text className='muted'>名额已为您保留，请在规定时间内支付。</Text>
      )}
      <Button id='pay-prompt-pay' type='primary' block onClick={() => void Taro.navigateTo({ url: `/orders/cashier/index?couponId=${encodeURIComponent(couponId)}` })}>
        去支付
      </Button>
    </View>
  );
}

import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { getBenefit } from '../services/benefits';

/**
 * On an official's benefit page: 抽签开奖 when the benefit is given out by a draw (its public detail
 * names it); for a draft without one, 设为答题抽签发放 (workbench/draw-setup).
 */
export function DrawAdminLink({ benefitId, draft = false }: { benefitId: string; draft?: boolean }) {
  const [drawId, setDrawId] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getBenefit(benefitId)
      .then(({ draw }) => live && setDrawId(draw?.id ?? null))
      .catch(() => live && setDrawId(null));
    return () => {
      live = false;
    };
  }, [benefitId]);
  if (!drawId) {
    if (!draft) return null;
    return (
      <View className='panel'>
        <Button id='staff-benefit-draw-setup' fill='outline' block onClick={() => void Taro.navigateTo({ url: `/workbench/draw-setup/index?benefitId=${encodeURIComponent(benefitId)}` })}>
          设为答题抽签发放（答题即抽或报名后统一抽签）
        </Button>
      </View>
    );
  }
  return (
    <View className='panel'>
      <Button id='staff-benefit-draw' type='primary' fill='outline' block onClick={() => void Taro.navigateTo({ url: `/workbench/draw-admin/index?id=${encodeURIComponent(drawId)}` })}>
        抽签开奖（封存名单、录入和复核开奖号码）
      </Button>
    </View>
  );
}

import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RedemptionLogResponse } from '../../../functions/benefits/contracts/redemption-log';
import { formatFen } from '../../components/benefit/format';
import { getMe } from '../../services/api';
import { listRedemptions } from '../../services/messages';
import { InfoRow } from '../info-row';
import { dayLabel, shiftDay, todayInChina } from './day';
import './today.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; log: RedemptionLogResponse };

/**
 * 今日核销 on the clerk's desk: the day's count and list at the clerk's merchants, read again after
 * each redemption (`refreshKey`), and the days before (历史) one tap back.
 */
export function TodayRedemptions({ refreshKey }: { refreshKey: number }) {
  const [day, setDay] = useState(() => todayInChina());
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [unbound, setUnbound] = useState(false);

  const load = useCallback(async (which: string) => {
    try {
      setState({ kind: 'ready', log: await listRedemptions({ day: which }) });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error && error.message ? error.message : '核销记录加载失败' });
    }
  }, []);

  useDidShow(() => {
    void load(day);
    getMe()
      .then((me) => setUnbound(me.member === null))
      .catch(() => undefined);
  });
  useEffect(() => {
    if (refreshKey > 0) void load(day);
    // Only a new redemption reloads here; a day change loads in show().
  }, [refreshKey]);

  const show = (next: string) => {
    setDay(next);
    setState({ kind: 'loading' });
    void load(next);
  };
  const today = todayInChina();

  return (
    <>
      <View id='redeem-today' className='panel'>
        <View className='redeem-today__head'>
          <View className='panel__title'>{dayLabel(day, today)}核销</View>
          <Text id='redeem-today-count' className='redeem-today__count'>
            {state.kind === 'ready' ? `${state.log.count} 张` : ''}
          </Text>
        </View>
        {state.kind === 'loading' ? <View className='muted'>正在加载…</View> : null}
        {state.kind === 'error' ? (
          <View id='redeem-today-error' className='muted' onClick={() => void load(day)}>
            {state.message}，点击重试
          </View>
        ) : null}
        {state.kind === 'ready' && state.log.items.length === 0 ? (
          <View id='redeem-today-empty' className='muted'>
            {day === today ? '今天还没有核销记录' : '这一天没有核销记录'}
          </View>
        ) : null}
        {state.kind === 'ready'
          ? state.log.items.map((r) => (
              <InfoRow key={r.couponId} label={r.redeemedAt.slice(11, 16)}>
                {r.benefitTitle} · {formatFen(r.faceValueFen)} · {r.memberName}
              </InfoRow>
            ))
          : null}
        <View className='redeem-today__days'>
          <Text id='redeem-day-before' className='redeem-today__link' onClick={() => show(shiftDay(day, -1))}>
            ‹ 前一天
          </Text>
          {day !== today ? (
            <Text id='redeem-day-today' className='redeem-today__link' onClick={() => show(today)}>
              回到今天
            </Text>
          ) : null}
          {day < today ? (
            <Text id='redeem-day-after' className='redeem-today__link' onClick={() => show(shiftDay(day, 1))}>
              后一天 ›
            </Text>
          ) : null}
        </View>
      </View>
      {unbound ? (
        <View id='redeem-binding' className='panel muted' onClick={() => void Taro.navigateTo({ url: '/pages/binding/index' })}>
          您也可以绑定本人的会员身份，使用电子会员卡和普惠权益 ›
        </View>
      ) : null}
    </>
  );
}

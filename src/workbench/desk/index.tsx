import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { MeResponse } from '../../../functions/membership/contracts/me';
import { MeEntries } from '../../components/me-entries';
import { Page } from '../../components/page';
import { gateOf, PageState, type Gate } from '../../components/page-state';
import { getMe } from '../../services/api';
import { listReviewQueue } from '../../services/applications';
import { askSubscription } from '../../services/subscribe';
import { countText, deskCounts, type DeskCounts } from './model';
import './index.scss';

type State = Gate | { kind: 'ready'; me: MeResponse; counts: DeskCounts };

/** Opens a queue from a tap: WeChat's subscription dialog first (待办, 超期), then the queue. */
async function openQueue(url: string) {
  await askSubscription('queue');
  void Taro.navigateTo({ url });
}

/**
 * 工作台, where an official lands after log-in: 待审 N, 已超期 N and 待回访 N, each one tap from its
 * queue; the other desks below; the binding form offered (not imposed) to an official who is not
 * bound to a member.
 */
export default function DeskPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    try {
      const [me, pending, followUps] = await Promise.all([getMe(), listReviewQueue({ status: 'pending' }), listReviewQueue({ followUp: 'open' })]);
      setState({ kind: 'ready', me, counts: deskCounts(pending.items, followUps.items) });
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  return (
    <Page id='desk-page'>
      {state.kind !== 'ready' ? <PageState gate={state} id='desk' onRetry={() => void load()} /> : null}
      {state.kind === 'ready' ? (
        <>
          <View className='desk-tiles'>
            <View id='desk-pending' className='desk-tile' role='button' aria-label={`待审 ${state.counts.pending} 件`} onClick={() => void openQueue('/staff/applications/index')}>
              <Text id='desk-pending-count' className='desk-tile__count'>
                {countText(state.counts.pending, state.counts.capped.pending)}
              </Text>
              <Text className='desk-tile__label'>待审</Text>
            </View>
            <View
              id='desk-overdue'
              className={`desk-tile${state.counts.overdue > 0 ? ' desk-tile--alert' : ''}`}
              role='button'
              aria-label={`已超期 ${state.counts.overdue} 件`}
              onClick={() => void openQueue('/staff/applications/index')}
            >
              <Text id='desk-overdue-count' className='desk-tile__count'>
                {state.counts.overdue}
              </Text>
              <Text className='desk-tile__label'>已超期</Text>
            </View>
            <View id='desk-follow-ups' className='desk-tile' role='button' aria-label={`待回访 ${state.counts.followUps} 件`} onClick={() => void openQueue('/staff/follow-ups/index')}>
              <Text id='desk-follow-ups-count' className='desk-tile__count'>
                {countText(state.counts.followUps, state.counts.capped.followUps)}
              </Text>
              <Text className='desk-tile__label'>待回访</Text>
            </View>
          </View>
          <Button id='desk-open-queue' type='primary' block onClick={() => void openQueue('/staff/applications/index')}>
            {state.counts.pending > 0 ? `去审核（${countText(state.counts.pending, state.counts.capped.pending)} 件待审）` : '打开审核办理'}
          </Button>

          {state.me.member ? null : (
            <View id='desk-binding' className='panel desk-binding'>
              <Text className='muted'>您也可以绑定本人的会员身份，使用电子会员卡和普惠权益（可稍后在“我的”中绑定）。</Text>
              <Button id='desk-bind' size='small' fill='outline' onClick={() => void Taro.navigateTo({ url: '/pages/binding/index' })}>
                绑定会员身份
              </Button>
            </View>
          )}

          <MeEntries roles={state.me.roles} bound={state.me.member !== null} omit={['me-desk']} />
        </>
      ) : null}
    </Page>
  );
}

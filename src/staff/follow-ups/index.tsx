import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
// The same style order as 审核办理 (the shared chunk keeps one order): chips, cards, then NutUI.
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { Page } from '../../components/page';
import '../../components/application/index.scss';
import '../../components/benefit/index.scss';
import { Button } from '@nutui/nutui-react-taro';
import type { ApplicationSummary, QueueKind } from '../../../functions/applications/contracts/applications';
import { KIND_FILTERS } from '../../components/application/model';
import { messageOf } from '../../components/page-state';
import { listReviewQueue } from '../../services/applications';
import { FollowUpCard } from './card';
import '../staff.scss';
import './index.scss';

type KindFilter = QueueKind | 'all';
type ListState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: ApplicationSummary[]; now: number };

/**
 * 差评回访: the open 回访 of the official's subtree (all for an admin), the earliest due first, so
 * the overdue ones lead. Each opens the application, where the 回访 is recorded.
 */
export default function StaffFollowUpsPage() {
  const [kind, setKind] = useState<KindFilter>('all');
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const sequence = useRef(0);

  const load = useCallback(async (nextKind: KindFilter) => {
    const mine = (sequence.current += 1);
    setList({ kind: 'loading' });
    try {
      const { items } = await listReviewQueue({ followUp: 'open', ...(nextKind !== 'all' && { kind: nextKind }) });
      if (mine === sequence.current) setList({ kind: 'ready', items, now: Date.now() });
    } catch (error) {
      if (mine === sequence.current) setList({ kind: 'error', message: messageOf(error) });
    }
  }, []);

  useDidShow(() => void load(kind));
  usePullDownRefresh(() => void load(kind).finally(() => Taro.stopPullDownRefresh()));

  const changeKind = (next: KindFilter) => {
    if (next === kind) return;
    setKind(next);
    void load(next);
  };

  const overdue = list.kind === 'ready' ? list.items.filter((a) => a.followUp?.overdue).length : 0;

  return (
    <Page id='staff-follow-ups-page'>
      <View className='panel'>
        <Text className='muted'>申请人给出“不满意”或“非常不满意”后，作出决定的工会须在15个工作日内核实处理、答复申请人并登记回访。</Text>
      </View>

      <ChipGroup id='follow-up-kinds' className='follow-up-kinds'>
        {KIND_FILTERS.map((filter) => (
          <Chip key={filter.value} id={`follow-up-kind-${filter.value}`} active={kind === filter.value} onTap={() => changeKind(filter.value)}>
            {filter.label}
          </Chip>
        ))}
      </ChipGroup>

      {list.kind === 'ready' && list.items.length > 0 ? (
        <View id='follow-up-summary' className='follow-up-summary'>
          共 {list.items.length} 件待回访
          {overdue > 0 ? <Text className='follow-up-summary__overdue'>，其中 {overdue} 件已超期（排在最前）</Text> : null}
        </View>
      ) : null}

      {list.kind === 'ready' ? (
        <View id='follow-up-list'>
          {list.items.map((application) => (
            <FollowUpCard
              key={application.id}
              application={application}
              now={list.now}
              onOpen={(id) => void Taro.navigateTo({ url: `/staff/application/index?id=${encodeURIComponent(id)}` })}
            />
          ))}
        </View>
      ) : null}

      {list.kind === 'error' ? (
        <View className='list-error'>
          <View id='follow-up-error'>{list.message}</View>
          <Button size='small' fill='outline' onClick={() => void load(kind)}>
            重新加载
          </Button>
        </View>
      ) : null}
      {list.kind === 'loading' ? <View className='list-status muted'>正在加载…</View> : null}
      {list.kind === 'ready' && list.items.length === 0 ? (
        <View id='follow-up-empty' className='list-status muted'>
          没有待回访的差评
        </View>
      ) : null}
    </Page>
  );
}

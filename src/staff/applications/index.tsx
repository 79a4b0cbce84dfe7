import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
// The styles keep the order the other pages give them in the shared chunk: the chips', the
// cards' and the tabs' before NutUI's icons, which the first NutUI component (Tabs) brings along.
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { Page } from '../../components/page';
import '../../components/application/index.scss';
import { TabRow } from '../../components/benefit/tab-row';
import { ApplicationCard } from '../../components/application/card';
import { Button } from '@nutui/nutui-react-taro';
import type { ApplicationStatus, ApplicationSummary, QueueKind } from '../../../functions/applications/contracts/applications';
import { APPLICATION_STATUS_LABELS } from '../../../functions/applications/contracts/applications';
import { KIND_FILTERS, QUEUE_STATUS_TABS } from '../../components/application/model';
import { messageOf } from '../../components/page-state';
import { listReviewQueue } from '../../services/applications';
import '../staff.scss';
import './index.scss';

type KindFilter = QueueKind | 'all';
type ListState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: ApplicationSummary[]; now: number };

/**
 * 审核办理: applications filed under the official's union and the unions below it (all for an
 * admin), by status and kind. Pending ones come as the API orders them: overdue first (the longest
 * overdue first), then the oldest.
 */
export default function StaffApplicationsPage() {
  const [status, setStatus] = useState<ApplicationStatus>('pending');
  const [kind, setKind] = useState<KindFilter>('all');
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const sequence = useRef(0);

  const load = useCallback(async (nextStatus: ApplicationStatus, nextKind: KindFilter) => {
    const mine = (sequence.current += 1);
    setList({ kind: 'loading' });
    try {
      const { items } = await listReviewQueue({ status: nextStatus, ...(nextKind !== 'all' && { kind: nextKind }) });
      if (mine === sequence.current) setList({ kind: 'ready', items, now: Date.now() });
    } catch (error) {
      if (mine === sequence.current) setList({ kind: 'error', message: messageOf(error) });
    }
  }, []);

  useDidShow(() => void load(status, kind));
  usePullDownRefresh(() => void load(status, kind).finally(() => Taro.stopPullDownRefresh()));

  const changeStatus = (next: ApplicationStatus) => {
    if (next === status) return;
    setStatus(next);
    void load(next, kind);
  };
  const changeKind = (next: KindFilter) => {
    if (next === kind) return;
    setKind(next);
    void load(status, next);
  };

  const overdue = list.kind === 'ready' ? list.items.filter((a) => a.currentStep?.overdue).length : 0;

  return (
    <Page id='staff-applications-page'>
      <TabRow id='queue-status-tabs' value={status} tabs={QUEUE_STATUS_TABS} onChange={changeStatus} spread />

      <ChipGroup id='queue-kinds' className='queue-kinds'>
        {KIND_FILTERS.map((filter) => (
          <Chip key={filter.value} id={`queue-kind-${filter.value}`} active={kind === filter.value} onTap={() => changeKind(filter.value)}>
            {filter.label}
          </Chip>
        ))}
      </ChipGroup>

      {list.kind === 'ready' && status === 'pending' && list.items.length > 0 ? (
        <View id='queue-summary' className='queue-summary'>
          共 {list.items.length} 件待办
          {overdue > 0 ? <Text className='queue-summary__overdue'>，其中 {overdue} 件已超期（排在最前）</Text> : null}
        </View>
      ) : null}

      {list.kind === 'ready' ? (
        <View id='queue-list'>
          {list.items.map((application) => (
            <ApplicationCard
              key={application.id}
              application={application}
              now={list.now}
              showApplicant
              onOpen={(a) => void Taro.navigateTo({ url: `/staff/application/index?id=${encodeURIComponent(a.id)}` })}
            />
          ))}
        </View>
      ) : null}

      {list.kind === 'error' ? (
        <View className='list-error'>
          <View id='queue-error'>{list.message}</View>
          <Button size='small' fill='outline' onClick={() => void load(status, kind)}>
            重新加载
          </Button>
        </View>
      ) : null}
      {list.kind === 'loading' ? <View className='list-status muted'>正在加载…</View> : null}
      {list.kind === 'ready' && list.items.length === 0 ? (
        <View id='queue-empty' className='list-status muted'>
          没有{APPLICATION_STATUS_LABELS[status]}的申请
        </View>
      ) : null}
    </Page>
  );
}

import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { BenefitStatus } from '../../../functions/benefits/contracts/benefits';
import { formatDateTime } from '../../components/benefit/format';
import { BENEFIT_CATEGORY_LABELS, BENEFIT_STATUS_LABELS, STATUS_TONES } from '../../components/benefit/model';
import { TabRow } from '../../components/benefit/tab-row';
import { usePagedList } from '../../components/paged-list';
import { listAdminBenefits } from '../../services/benefits';
import { Page } from '../../components/page';
import { StatusTag } from '../../components/status-tag';
import '../staff.scss';

type Filter = BenefitStatus | 'all';

const FILTERS: ReadonlyArray<{ value: Filter; label: string }> = [
  { value: 'all', label: '全部' },
  ...(Object.keys(BENEFIT_STATUS_LABELS) as BenefitStatus[]).map((value) => ({ value, label: BENEFIT_STATUS_LABELS[value] })),
];

const fetchManaged = (status: Filter, cursor?: string) => listAdminBenefits({ status: status === 'all' ? undefined : status, cursor });

/** 权益管理: the benefits of the official's org and below (all of them for an admin), by status. */
export default function StaffBenefitsPage() {
  const [filter, setFilter] = useState<Filter>('all');
  const { list, load } = usePagedList(fetchManaged);

  useDidShow(() => void load(filter));
  usePullDownRefresh(() => void load(filter).finally(() => Taro.stopPullDownRefresh()));
  const loadMore = () => {
    if (list.nextCursor && !list.loading) void load(filter, list.nextCursor);
  };
  useReachBottom(loadMore);

  const changeFilter = (next: Filter) => {
    if (next === filter) return;
    setFilter(next);
    void load(next);
  };

  return (
    <Page id='staff-benefits-page'>
      <TabRow id='staff-status-tabs' value={filter} tabs={FILTERS} onChange={changeFilter} spread />

      <View className='staff-toolbar'>
        <Button
          id='staff-benefit-new'
          type='primary'
          size='small'
          onClick={() => void Taro.navigateTo({ url: '/staff/benefit-edit/index' })}
        >
          + 新建权益
        </Button>
      </View>

      <View id='staff-benefit-list'>
        {list.items.map((benefit) => (
          <View
            key={benefit.id}
            id={`staff-benefit-${benefit.id}`}
            className='staff-card'
            data-id={benefit.id}
            data-status={benefit.status}
            onClick={() => void Taro.navigateTo({ url: `/staff/benefit/index?id=${encodeURIComponent(benefit.id)}` })}
          >
            <View className='staff-card__head'>
              <Text className='staff-card__title'>{benefit.title}</Text>
              <StatusTag className='staff-status' tone={STATUS_TONES[benefit.status]}>
                {benefit.status === 'draft' && benefit.approval.status === 'pending_approval' ? '待上级审批' : BENEFIT_STATUS_LABELS[benefit.status]}
              </StatusTag>
            </View>
            <View className='staff-card__meta'>
              {BENEFIT_CATEGORY_LABELS[benefit.category]} · {benefit.org.name}
            </View>
            <View className='staff-card__meta'>
              领取 {formatDateTime(benefit.claimStartsAt)} 至 {formatDateTime(benefit.claimEndsAt)}
            </View>
            <View className='staff-card__figures'>
              <Text>库存 {benefit.figures.stock}</Text>
              <Text>已领 {benefit.figures.claimed}</Text>
              <Text>已核销 {benefit.figures.redeemed}</Text>
              <Text>剩余 {benefit.figures.remaining}</Text>
            </View>
          </View>
        ))}
      </View>

      {list.error ? (
        <View className='list-error'>
          <View id='staff-benefits-error'>{list.error}</View>
          <Button size='small' fill='outline' onClick={() => void load(filter)}>
            重新加载
          </Button>
        </View>
      ) : null}
      {list.loading ? <View className='list-status muted'>正在加载…</View> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <View id='staff-benefits-empty' className='list-status muted'>
          {filter === 'all' ? '还没有权益，点“新建权益”创建第一个' : `没有${BENEFIT_STATUS_LABELS[filter]}的权益`}
        </View>
      ) : null}
      {!list.loading && list.nextCursor ? (
        <View className='load-more' onClick={loadMore}>
          加载更多
        </View>
      ) : null}
    </Page>
  );
}

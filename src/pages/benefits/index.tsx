import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { BenefitCategory, MemberBenefit } from '../../../functions/benefits/contracts/benefits';
import { BenefitCard } from '../../components/benefit/card';
import { CATEGORY_TABS } from '../../components/benefit/model';
import { TabRow } from '../../components/benefit/tab-row';
import { usePagedList } from '../../components/benefit/use-paged-list';
import { listBenefits, listMyCoupons } from '../../services/benefits';
import { readSession } from '../../services/session';
import { Page } from '../../components/page';
import './index.scss';

type Tab = BenefitCategory | 'all';

const fetchBenefits = (category: Tab, cursor?: string) =>
  listBenefits({ category: category === 'all' ? undefined : category, cursor });

/** How many coupons of each benefit the member holds (any state), from 我的券. */
async function heldByBenefit(): Promise<Record<string, number>> {
  const { items } = await listMyCoupons();
  const held: Record<string, number> = {};
  for (const coupon of items) held[coupon.benefitId] = (held[coupon.benefitId] ?? 0) + 1;
  return held;
}

export default function BenefitsPage() {
  const [tab, setTab] = useState<Tab>('all');
  const { list, load: loadPage } = usePagedList(fetchBenefits);
  const [held, setHeld] = useState<Record<string, number>>({});
  const [session, setSession] = useState(() => readSession() !== null);
  const [now, setNow] = useState(() => Date.now());
  const loggedIn = session && !list.unauthenticated;

  // The catalogue is open before log-in (the API answers a visitor as an unbound account); claiming is not.
  const load = useCallback(
    async (category: Tab, cursor?: string) => {
      setSession(readSession() !== null);
      await loadPage(category, cursor);
      setNow(Date.now());
    },
    [loadPage],
  );

  const refresh = useCallback(
    async (category: Tab) => {
      await load(category);
      // Which benefits are already claimed: best effort, the list stands without it.
      if (readSession()) setHeld(await heldByBenefit().catch(() => ({})));
    },
    [load],
  );

  useDidShow(() => {
    void refresh(tab);
  });

  usePullDownRefresh(() => {
    void refresh(tab).finally(() => Taro.stopPullDownRefresh());
  });

  const loadMore = () => {
    if (list.nextCursor && !list.loading) void load(tab, list.nextCursor);
  };
  useReachBottom(loadMore);

  const changeTab = (next: Tab) => {
    if (next === tab) return;
    setTab(next);
    void load(next);
  };

  const open = (benefit: MemberBenefit) =>
    void Taro.navigateTo({ url: `/pages/benefit/index?id=${encodeURIComponent(benefit.id)}` });

  return (
    <Page id='benefits-page'>
      {!loggedIn ? (
        <View className='panel benefits-empty'>
          <View className='panel__title'>登录后领取会员普惠</View>
          <Text className='muted'>优惠券、一元观影、话费、生活物资和文体活动，先看看有哪些；完成会员实名绑定后即可领取。</Text>
          <View className='benefits-actions'>
            <Button id='benefits-login' type='primary' block onClick={() => void Taro.navigateTo({ url: '/pages/login/index' })}>
              登录
            </Button>
          </View>
        </View>
      ) : null}
      <TabRow id='benefit-tabs' value={tab} tabs={CATEGORY_TABS} onChange={changeTab} />

      <View id='benefit-list'>
        {list.items.map((benefit) => (
          <BenefitCard key={benefit.id} benefit={benefit} held={held[benefit.id] ?? 0} now={now} onOpen={open} />
        ))}
      </View>

      {list.error ? (
        <View className='list-error'>
          <View id='benefits-error'>{list.error}</View>
          <Button id='benefits-retry' size='small' fill='outline' onClick={() => void refresh(tab)}>
            重新加载
          </Button>
        </View>
      ) : null}

      {list.loading ? <View className='list-status muted'>正在加载…</View> : null}

      {!list.loading && !list.error && list.items.length === 0 ? (
        <View id='benefits-empty' className='list-status muted'>
          暂无可领取的权益，敬请关注
        </View>
      ) : null}

      {!list.loading && list.nextCursor ? (
        <View id='benefits-more' className='load-more' onClick={loadMore}>
          加载更多
        </View>
      ) : null}
    </Page>
  );
}

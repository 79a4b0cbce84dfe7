import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ApplicationSummary } from '../../../functions/applications/contracts/applications';
import { ApplicationCard } from '../../components/application/card';
import { GatePanel, NoticePanel, gateOf, type Gate } from '../../components/page-state';
import { listMyApplications } from '../../services/applications';
import { readSession } from '../../services/session';
import { Page } from '../../components/page';

type PageState = Gate | { kind: 'ready'; items: ApplicationSummary[]; now: number };

/** 我的办事: the account's applications, newest first, each with where it is now and by when. */
export default function MyApplicationsPage() {
  const [state, setState] = useState<PageState>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (!readSession()) {
      setState({ kind: 'anonymous' });
      return;
    }
    try {
      const { items } = await listMyApplications();
      setState({ kind: 'ready', items, now: Date.now() });
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (state.kind !== 'ready') {
    return (
      <Page id='applications-page'>
        <GatePanel gate={state} id='applications' onRetry={() => void load()} loginHint='登录后查看您办理的业务和进度。' />
      </Page>
    );
  }

  return (
    <Page id='applications-page'>
      {state.items.length === 0 ? (
        <NoticePanel id='applications-empty' title='还没有办理过业务' text='入会申请、会员关系转接等业务可在“办事”中在线办理。'>
          <Button type='primary' block onClick={() => void Taro.switchTab({ url: '/pages/services/index' })}>
            去办事
          </Button>
        </NoticePanel>
      ) : (
        <View id='applications-list'>
          {state.items.map((application) => (
            <ApplicationCard
              key={application.id}
              application={application}
              now={state.now}
              onOpen={(a) => void Taro.navigateTo({ url: `/apply/application/index?id=${encodeURIComponent(a.id)}` })}
            />
          ))}
        </View>
      )}
    </Page>
  );
}

import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ApplicationKind, ApplicationSummary } from '../../../functions/applications/contracts/applications';
import { APPLICATION_KIND_LABELS } from '../../../functions/applications/contracts/applications';
import type { MeResponse } from '../../../functions/membership/contracts/me';
import { getMe } from '../../services/api';
import { listMyApplications } from '../../services/applications';
import { gateOf } from '../../components/page-state';
import { readSession } from '../../services/session';
import { Page } from '../../components/page';
import './index.scss';

type PageState =
  | { kind: 'loading' }
  | { kind: 'anonymous' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; me: MeResponse; mine: ApplicationSummary[] };

/** What tapping an entry does for this user, and the line under its title. */
interface EntryState {
  /** Where a tap leads (null: not available to this user). */
  url: string | null;
  tab?: boolean;
  note: string;
  tone: 'open' | 'blocked' | 'soon';
}

const LOGIN = '/pages/login/index';

const pendingOf = (mine: ApplicationSummary[], kind: ApplicationKind) => mine.find((a) => a.kind === kind && a.status === 'pending');

/** 入会申请: for a logged-in account that is not a member (yet). */
function joinEntry(state: PageState): EntryState {
  if (state.kind !== 'ready') return { url: LOGIN, note: '登录后即可在线申请', tone: 'open' };
  if (state.me.member) return { url: null, note: '您已是工会会员，无需申请', tone: 'blocked' };
  const pending = pendingOf(state.mine, 'join');
  if (pending) return { url: `/apply/application/index?id=${pending.id}`, note: '您的入会申请正在办理，点击查看进度', tone: 'open' };
  return { url: '/apply/join/index', note: '填写入会信息，选择要加入的基层工会', tone: 'open' };
}

/** 会员关系转接: for a bound member. */
function transferEntry(state: PageState): EntryState {
  if (state.kind !== 'ready') return { url: LOGIN, note: '登录并绑定会员身份后办理', tone: 'open' };
  if (!state.me.member) return { url: '/pages/binding/index', note: '绑定会员身份后可办理', tone: 'blocked' };
  const pending = pendingOf(state.mine, 'transfer');
  if (pending) return { url: `/apply/application/index?id=${pending.id}`, note: '您的转会申请正在办理，点击查看进度', tone: 'open' };
  return { url: '/apply/transfer/index', note: `当前工会：${state.me.member.union.name}`, tone: 'open' };
}

/** 补贴申请: for a bound member (the campaigns and whether they may apply are on the form's page). */
function subsidyEntry(state: PageState): EntryState {
  if (state.kind !== 'ready') return { url: LOGIN, note: '登录并绑定会员身份后办理', tone: 'open' };
  if (!state.me.member) return { url: '/pages/binding/index', note: '绑定会员身份后可申请', tone: 'blocked' };
  // A member may apply to several campaigns: the form's page shows each one and the application filed for it.
  const pending = pendingOf(state.mine, 'subsidy');
  const note = pending ? '您有补贴申请正在办理，点击查看活动和办理进度' : '查看正在开展的补贴活动，在线上传票据申请';
  return { url: '/apply/subsidy/index', note, tone: 'open' };
}

function ServiceEntry({ id, title, detail, entry }: { id: string; title: string; detail: string; entry: EntryState }) {
  const open = () => {
    if (entry.url) void Taro.navigateTo({ url: entry.url });
  };
  return (
    <View id={id} className={`service-entry service-entry--${entry.tone}`} data-url={entry.url ?? ''} onClick={open}>
      <View className='service-entry__text'>
        <View className='service-entry__title'>
          {title}
          {entry.tone === 'soon' ? <Text className='service-entry__soon'>即将开放</Text> : null}
        </View>
        <Text className='service-entry__detail'>{detail}</Text>
        <Text className='service-entry__note'>{entry.note}</Text>
      </View>
      {entry.url ? <Text className='service-entry__arrow'>›</Text> : null}
    </View>
  );
}

/**
 * 办事: 工会业务一网通办. 入会 for accounts not in the roster, 转会 and 补贴 for bound members;
 * 我的办事 for anyone logged in.
 */
export default function ServicesPage() {
  const [state, setState] = useState<PageState>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (!readSession()) {
      setState({ kind: 'anonymous' });
      return;
    }
    try {
      const [me, mine] = await Promise.all([getMe(), listMyApplications().catch(() => ({ items: [] }))]);
      setState({ kind: 'ready', me, mine: mine.items });
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const pending = state.kind === 'ready' ? state.mine.filter((a) => a.status === 'pending').length : 0;

  return (
    <Page id='services-page'>
      <View className='services-banner'>
        <View className='services-banner__title'>工会业务一网通办</View>
        <Text className='services-banner__subtitle'>在线提交，逐级审核，每个环节都有办理时限，进度随时可查。</Text>
      </View>

      {state.kind === 'error' ? (
        <View id='services-error' className='panel services-error' onClick={() => void load()}>
          {state.message}（点击重试）
        </View>
      ) : null}

      <View id='services-entries' className='panel services-entries'>
        <ServiceEntry
          id='services-join'
          title={APPLICATION_KIND_LABELS.join}
          detail='按工作单位找到所在工会，在线申请加入工会组织。'
          entry={joinEntry(state)}
        />
        <ServiceEntry
          id='services-transfer'
          title={`${APPLICATION_KIND_LABELS.transfer}（转会）`}
          detail='更换工作单位后，把会员关系转入新单位的工会：原工会审核，新工会接收。'
          entry={transferEntry(state)}
        />
        <ServiceEntry
          id='services-hardship'
          title='困难帮扶'
          detail='先自测，再在线申请生活、助学、医疗救助。'
          entry={{ url: '/hardship/self-check/index', note: state.kind === 'ready' ? '自测后在线申请，查看进度' : '无需登录即可自测', tone: 'open' }}
        />
        <ServiceEntry
          id='services-subsidy'
          title='补贴申请'
          detail='农民工返乡交通补贴等，在线上传凭证，由工会逐级审核发放。'
          entry={subsidyEntry(state)}
        />
      </View>

      {state.kind === 'ready' ? (
        <View id='services-mine' className='panel service-entry' onClick={() => void Taro.navigateTo({ url: '/pages/applications/index' })}>
          <View className='service-entry__text'>
            <View className='service-entry__title'>我的办事</View>
            <Text id='services-mine-count' className='service-entry__detail'>
              {pending > 0 ? `${pending} 件正在办理` : state.mine.length > 0 ? `共 ${state.mine.length} 件，均已办结` : '还没有办理过业务'}
            </Text>
          </View>
          <Text className='service-entry__arrow'>›</Text>
        </View>
      ) : null}

      {state.kind === 'anonymous' ? (
        <View className='panel'>
          <Text className='muted'>登录后可在线办理，并在“我的办事”中查看每个环节的办理进度。</Text>
        </View>
      ) : null}
    </Page>
  );
}

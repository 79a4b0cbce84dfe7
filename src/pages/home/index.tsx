import { Fragment, useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Role } from '../../../functions/kernel/contracts/common';
import type { ApplicationSummary } from '../../../functions/applications/contracts/applications';
import type { MemberBenefit } from '../../../functions/benefits/contracts/benefits';
import type { MemberProfile } from '../../../functions/membership/contracts/me';
import { formatFen, formatShortDateTime } from '../../components/benefit/format';
import { applicationTitle } from '../../components/application/model';
import { Page } from '../../components/page';
import { getMe } from '../../services/api';
import { listMyApplications } from '../../services/applications';
import { listBenefits } from '../../services/benefits';
import { listMessages } from '../../services/messages';
import { ApiError } from '../../services/request';
import { readSession } from '../../services/session';
import { deskOf } from '../../services/auth';
import { badgeText, bellLabel, benefitRows, destinationOf, search, SERVICES, type SearchHit, type Service, type Viewer } from './model';
import './index.scss';

interface HomeState {
  viewer: Viewer;
  member: MemberProfile | null;
  roles: Role[];
  unread: number;
  inProgress: ApplicationSummary[];
  benefits: MemberBenefit[];
  /** The benefits could not be read: said in place of the rows. */
  benefitsError: string;
}

const EMPTY: HomeState = { viewer: 'anonymous', member: null, roles: [], unread: 0, inProgress: [], benefits: [], benefitsError: '' };

const go = (url: string, tab = false) => void (tab ? Taro.switchTab({ url }) : Taro.navigateTo({ url }));
const openBenefit = (b: MemberBenefit) => go(`/pages/benefit/index?id=${encodeURIComponent(b.id)}`);
const openApplication = (a: ApplicationSummary) => go(`/apply/application/index?id=${encodeURIComponent(a.id)}`);

function ServiceTile({ service, viewer }: { service: Service; viewer: Viewer }) {
  const destination = destinationOf(service, viewer);
  return (
    <View
      id={`home-service-${service.key}`}
      className={`home-service${destination ? '' : ' home-service--soon'}`}
      role='button'
      aria-label={destination ? service.title : `${service.title}，即将上线`}
      onClick={() => destination && go(destination.url, destination.tab)}
    >
      <View className='home-service__icon'>{service.title.slice(0, 1)}</View>
      <Text className='home-service__title'>{service.title}</Text>
      {destination ? null : <Text className='home-service__soon'>即将上线</Text>}
    </View>
  );
}

function BenefitRow({ benefit, now }: { benefit: MemberBenefit; now: number }) {
  const upcoming = benefit.claimState === 'upcoming';
  return (
    <View id={`home-benefit-${benefit.id}`} className='home-benefit' onClick={() => openBenefit(benefit)}>
      <View className='home-benefit__value'>{formatFen(benefit.faceValueFen)}</View>
      <View className='home-benefit__body'>
        <View className='home-benefit__title'>{benefit.title}</View>
        <Text className='home-benefit__note'>
          {upcoming ? `${formatShortDateTime(benefit.claimStartsAt, now)} 开抢` : `剩余 ${benefit.remaining}`}
        </Text>
      </View>
      <Text className='home-benefit__arrow'>›</Text>
    </View>
  );
}

function SearchResults({ hits, viewer }: { hits: SearchHit[]; viewer: Viewer }) {
  if (hits.length === 0) return <View id='home-search-empty' className='home-search__empty'>没有找到相关的服务或权益</View>;
  return (
    <View id='home-search-results' className='home-search__results'>
      {hits.map((hit) => {
        if (hit.kind === 'benefit') {
          return (
            <View key={`b-${hit.benefit.id}`} className='home-search__hit' onClick={() => openBenefit(hit.benefit)}>
              <Text className='home-search__tag'>普惠</Text>
              <Text>{hit.benefit.title}</Text>
            </View>
          );
        }
        const destination = destinationOf(hit.service, viewer);
        return (
          <View
            key={`s-${hit.service.key}`}
            className='home-search__hit'
            onClick={() => destination && go(destination.url, destination.tab)}
          >
            <Text className='home-search__tag'>服务</Text>
            <Text>{hit.service.title}</Text>
            {destination ? null : <Text className='home-service__soon'>即将上线</Text>}
          </View>
        );
      })}
    </View>
  );
}

/**
 * 首页: who I am (name and union, or 去绑定), 出示会员码 one tap away, the services, what is in
 * progress, the benefits open now and opening soon, a search over services and benefits, and the
 * bell of the 消息中心. The benefits are read before log-in too.
 */
export default function HomePage() {
  const [state, setState] = useState<HomeState>(EMPTY);
  const [loaded, setLoaded] = useState(false);
  const [query, setQuery] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const sequence = useRef(0);

  const load = useCallback(async () => {
    const mine = (sequence.current += 1);
    const signedIn = readSession() !== null;
    const benefits = listBenefits().then(
      (page) => ({ items: page.items, error: '' }),
      (error: unknown) => ({ items: [] as MemberBenefit[], error: error instanceof Error && error.message ? error.message : '普惠权益加载失败' }),
    );
    let next: HomeState = { ...EMPTY };
    if (signedIn) {
      const [me, messages, applications] = await Promise.allSettled([getMe(), listMessages(), listMyApplications()]);
      if (me.status === 'fulfilled') {
        next = { ...next, viewer: me.value.member ? 'bound' : 'unbound', member: me.value.member, roles: me.value.roles };
        if (messages.status === 'fulfilled') next.unread = messages.value.unread;
        if (applications.status === 'fulfilled') next.inProgress = applications.value.items.filter((a) => a.status === 'pending');
      } else if (!(me.reason instanceof ApiError && me.reason.isUnauthenticated)) {
        next.viewer = 'unbound';
      }
    }
    const { items, error } = await benefits;
    if (mine !== sequence.current) return;
    setState({ ...next, benefits: items, benefitsError: error });
    setNow(Date.now());
    setLoaded(true);
  }, []);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const { viewer, member } = state;
  const showCard = () => go(viewer === 'bound' ? '/pages/card/index' : viewer === 'unbound' ? '/pages/binding/index' : '/pages/login/index');
  const rows = benefitRows(state.benefits);
  const desk = deskOf(state.roles);
  const hits = query.trim() ? search(query, state.benefits) : null;

  return (
    <Page id='home-page' className='home'>
      <View className='home-head'>
        <View className='home-who'>
          {/* Keyed: a change of viewer mounts its own nodes rather than patching the other's. */}
          {viewer === 'bound' && member ? (
            <Fragment key='bound'>
              <View id='home-member-name' className='home-who__name'>
                {member.name}
              </View>
              <View id='home-member-union' className='home-who__union'>
                {member.union.name}
              </View>
            </Fragment>
          ) : viewer === 'unbound' ? (
            <Fragment key='unbound'>
              <View className='home-who__name'>您好</View>
              <Text id='home-bind' className='home-who__link' onClick={() => go('/pages/binding/index')}>
                尚未绑定会员身份，去绑定 ›
              </Text>
            </Fragment>
          ) : (
            <Fragment key='anonymous'>
              <View className='home-who__name'>海南工会云 · 普惠</View>
              <Text id='home-login' className='home-who__link' onClick={() => go('/pages/login/index')}>
                登录，使用会员服务 ›
              </Text>
            </Fragment>
          )}
        </View>
        {viewer !== 'anonymous' ? (
          <View id='home-bell' className='home-bell' role='button' aria-label={bellLabel(state.unread)} onClick={() => go('/pages/messages/index')}>
            <Text className='home-bell__icon'>消息</Text>
            {state.unread > 0 ? (
              <Text id='home-unread' className='home-bell__badge'>
                {badgeText(state.unread)}
              </Text>
            ) : null}
          </View>
        ) : null}
      </View>

      <Button id='home-show-card' className='home-card-button' type='primary' block onClick={showCard}>
        出示会员码
      </Button>

      {desk ? (
        <View id='home-desk' className='home-desk' onClick={() => go(desk.url)}>
          <Text>{desk.title}</Text>
          <Text className='home-desk__arrow'>进入 ›</Text>
        </View>
      ) : null}

      <View className='home-search'>
        <Input
          id='home-search'
          className='home-search__input'
          placeholder='搜索服务和普惠权益，如 入会、观影'
          confirmType='search'
          value={query}
          onInput={(e) => setQuery(e.detail.value)}
        />
        {hits ? <SearchResults hits={hits} viewer={viewer} /> : null}
      </View>

      <View id='home-services' className='panel home-services'>
        {SERVICES.map((service) => (
          <ServiceTile key={service.key} service={service} viewer={viewer} />
        ))}
      </View>

      {state.inProgress.length > 0 ? (
        <View id='home-in-progress' className='panel'>
          <View className='panel__title'>正在办理</View>
          {state.inProgress.map((a) => (
            <View key={a.id} id={`home-application-${a.id}`} className='home-benefit' onClick={() => openApplication(a)}>
              <View className='home-benefit__body'>
                <View className='home-benefit__title'>{applicationTitle(a.kind, a.status)}</View>
                <Text className='home-benefit__note'>{a.currentStep ? `${a.currentStep.org.name} 办理中` : '办理中'}</Text>
              </View>
              <Text className='home-benefit__arrow'>›</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View id='home-benefits' className='panel'>
        <View className='home-section-head'>
          <View className='panel__title'>普惠权益</View>
          <Text id='home-benefits-all' className='home-who__link' onClick={() => go('/pages/benefits/index', true)}>
            全部 ›
          </Text>
        </View>
        {state.benefitsError ? (
          <View id='home-benefits-error' className='muted' onClick={() => void load()}>
            {state.benefitsError}，点击重试
          </View>
        ) : null}
        {rows.open.length > 0 ? (
          <View id='home-benefits-open'>
            <Text className='home-section-label'>正在开抢</Text>
            {rows.open.map((b) => (
              <BenefitRow key={b.id} benefit={b} now={now} />
            ))}
          </View>
        ) : null}
        {rows.upcoming.length > 0 ? (
          <View id='home-benefits-upcoming'>
            <Text className='home-section-label'>即将开抢</Text>
            {rows.upcoming.map((b) => (
              <BenefitRow key={b.id} benefit={b} now={now} />
            ))}
          </View>
        ) : null}
        {loaded && !state.benefitsError && rows.open.length + rows.upcoming.length === 0 ? (
          <View className='muted'>暂无正在开抢的权益，敬请关注</View>
        ) : null}
      </View>
    </Page>
  );
}

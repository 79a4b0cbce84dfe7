import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Role } from '../../../functions/kernel/contracts/common';
import type { CardResponse, MemberProfile } from '../../../functions/membership/contracts/me';
import { DisplayModeSwitch } from '../../components/display-mode-switch';
import { MemberQr } from '../../components/member-qr';
import { MeEntries, PrivacyLink } from '../../components/me-entries';
import { getCard, getMe } from '../../services/api';
import { clearCachedCard, readCachedCard, saveCachedCard, type CachedCard } from '../../services/card-cache';
import { formatShortDateTime } from '../../components/benefit/format';
import { ApiError } from '../../services/request';
import { clearSession, readSession } from '../../services/session';
import { groupCardNumber, refreshDelay, roleLabel } from '../../utils/format';
import { Page } from '../../components/page';
import './index.scss';

type MeState =
  | { kind: 'loading' }
  | { kind: 'anonymous' }
  | { kind: 'error'; message: string }
  | { kind: 'unbound'; roles: Role[] }
  | { kind: 'bound'; roles: Role[]; member: MemberProfile }
  /** No network: the card kept on the device (services/card-cache.ts), with when it was refreshed. */
  | { kind: 'offline'; card: CachedCard };

const RETRY_MS = 5_000;

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : '加载失败，请稍后再试';
}

function Roles({ roles }: { roles: Role[] }) {
  const shown = roles.filter((role) => role.type !== 'member');
  if (shown.length === 0) return null;
  return (
    <View id='me-roles' className='me-roles'>
      {shown.map((role) => (
        <Text key={roleLabel(role)} className='me-role'>
          {roleLabel(role)}
        </Text>
      ))}
    </View>
  );
}

export default function MePage() {
  const [state, setState] = useState<MeState>({ kind: 'loading' });
  const [card, setCard] = useState<CardResponse | null>(null);
  const [qrStale, setQrStale] = useState(false);
  const visible = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stopTimer = () => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
  };

  /** Fetch a fresh card payload, then schedule the next one before this one expires. */
  const refreshCard = useCallback(async () => {
    stopTimer();
    try {
      const next = await getCard();
      saveCachedCard(next);
      setCard(next);
      setQrStale(false);
      if (visible.current) {
        timer.current = setTimeout(() => void refreshCard(), refreshDelay(next.qr.expiresAt, Date.now()));
      }
    } catch (error) {
      if (error instanceof ApiError && error.isUnauthenticated) {
        clearCachedCard();
        setCard(null);
        setState({ kind: 'anonymous' });
        return;
      }
      setQrStale(true);
      if (visible.current) timer.current = setTimeout(() => void refreshCard(), RETRY_MS);
    }
  }, []);

  const load = useCallback(async () => {
    if (!readSession()) {
      clearCachedCard();
      setCard(null);
      setState({ kind: 'anonymous' });
      return;
    }
    try {
      const me = await getMe();
      if (!me.member) {
        clearCachedCard();
        setCard(null);
        setState({ kind: 'unbound', roles: me.roles });
        return;
      }
      setState({ kind: 'bound', roles: me.roles, member: me.member });
      // A member who left (退会): the card is stopped and no QR is issued.
      if (me.member.status === 'left') {
        clearCachedCard();
        stopTimer();
        setCard(null);
        return;
      }
      await refreshCard();
    } catch (error) {
      if (error instanceof ApiError && error.isUnauthenticated) {
        clearCachedCard();
        setCard(null);
        setState({ kind: 'anonymous' });
        return;
      }
      const cached = error instanceof ApiError && error.code === 'NETWORK_ERROR' ? readCachedCard() : null;
      if (cached) {
        setCard(null);
        setState({ kind: 'offline', card: cached });
        if (visible.current) timer.current = setTimeout(() => void load(), RETRY_MS);
        return;
      }
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [refreshCard]);

  useDidShow(() => {
    visible.current = true;
    void load();
  });

  useDidHide(() => {
    visible.current = false;
    stopTimer();
  });

  useEffect(() => () => stopTimer(), []);

  const logout = () => {
    stopTimer();
    clearSession();
    clearCachedCard();
    setCard(null);
    setState({ kind: 'anonymous' });
  };

  const goLogin = () => void Taro.navigateTo({ url: '/pages/login/index' });
  const goBinding = () => void Taro.navigateTo({ url: '/pages/binding/index' });

  return (
    <Page id='me-page'>
      {state.kind === 'loading' ? (
        <View id='me-loading' className='panel muted'>
          正在加载…
        </View>
      ) : null}

      {state.kind === 'error' ? (
        <View className='panel'>
          <View id='me-error' className='me-error'>
            {state.message}
          </View>
          <Button id='me-retry' type='primary' block onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}

      {state.kind === 'offline' ? (
        <>
          <View id='member-card' className='member-card member-card--offline'>
            <View className='member-card__head'>
              <Text className='member-card__brand'>海南省总工会 · 电子会员卡</Text>
            </View>
            <View id='card-member-name' className='member-card__name'>
              {state.card.memberName}
            </View>
            <View id='card-number' className='member-card__number'>
              {groupCardNumber(state.card.number)}
            </View>
            <View id='card-union' className='member-card__union'>
              {state.card.unionName}
            </View>
          </View>
          <View id='card-offline' className='panel me-offline' aria-live='polite'>
            <View className='panel__title'>当前离线</View>
            <Text id='card-offline-time'>会员卡信息更新于 {formatShortDateTime(state.card.refreshedAt)}。</Text>
            <Text className='muted'>会员码需联网生成，恢复网络后自动刷新。</Text>
            <Button id='me-offline-retry' block fill='outline' onClick={() => void load()}>
              重新连接
            </Button>
          </View>
        </>
      ) : null}

      {state.kind === 'anonymous' ? (
        <View className='panel me-empty'>
          <View className='panel__title'>登录海南工会云</View>
          <Text className='muted'>登录并完成会员实名绑定后，即可使用电子会员卡。</Text>
          <View className='me-actions'>
            <Button id='me-login' type='primary' block onClick={goLogin}>
              登录
            </Button>
          </View>
          <PrivacyLink />
        </View>
      ) : null}

      {state.kind === 'unbound' ? (
        <View className='panel me-empty'>
          <View className='panel__title'>尚未绑定会员身份</View>
          <Text className='muted'>请使用在工会登记的姓名、身份证号和手机号完成实名绑定。</Text>
          <Roles roles={state.roles} />
          <View className='me-actions'>
            <Button id='me-bind' type='primary' block onClick={goBinding}>
              去绑定会员身份
            </Button>
          </View>
        </View>
      ) : null}

      {state.kind === 'bound' ? (
        <>
          <View id='member-card' className={`member-card${state.member.status === 'left' ? ' member-card--stopped' : ''}`}>
            <View className='member-card__head'>
              <Text className='member-card__brand'>海南省总工会 · 电子会员卡</Text>
              {state.member.status === 'left' ? (
                <Text id='card-stopped' className='member-card__stopped'>
                  会员卡已停用
                </Text>
              ) : null}
            </View>
            <View id='card-member-name' className='member-card__name'>
              {state.member.name}
            </View>
            <View id='card-number' className='member-card__number'>
              {groupCardNumber(card?.number ?? state.member.card.number)}
            </View>
            <View id='card-union' className='member-card__union'>
              {state.member.union.name}
            </View>
            <View id='card-union-path' className='member-card__path'>
              {state.member.unionPath.map((org) => org.name).join(' › ')}
            </View>
          </View>

          {state.member.status === 'left' ? (
            <View id='card-stopped-note' className='panel me-stopped'>
              <Text>
                您已{state.member.leftOn ? `于 ${state.member.leftOn} ` : ''}办理退会，会员卡和会员权益已停用，不再生成会员码；如需重新入会，请联系所在工会。
              </Text>
            </View>
          ) : (
            <View className='panel me-qr'>
              {card ? (
                <MemberQr payload={card.qr.payload} sizePx={290} label={`会员码二维码，会员卡号 ${card.number}`} />
              ) : (
                <View className='me-qr__placeholder muted'>正在生成会员码…</View>
              )}
              <View className='me-qr__hint muted'>
                {qrStale ? (
                  <Text id='card-qr-stale' className='me-qr__stale' onClick={() => void refreshCard()}>
                    会员码刷新失败，点击重试
                  </Text>
                ) : (
                  <Text>向商户出示会员码核验身份 · 每分钟自动更新</Text>
                )}
              </View>
            </View>
          )}

          <View className='panel'>
            <View className='panel__title'>会员信息</View>
            <View className='me-row'>
              <Text className='me-row__label'>身份证号</Text>
              <Text id='me-id-number'>{state.member.idNumberMasked}</Text>
            </View>
            <View className='me-row'>
              <Text className='me-row__label'>手机号</Text>
              <Text id='me-phone'>{state.member.phoneMasked}</Text>
            </View>
            <View className='me-row'>
              <Text className='me-row__label'>入会工会</Text>
              <Text>{state.member.union.name}</Text>
            </View>
            <Roles roles={state.roles} />
          </View>
        </>
      ) : null}

      {state.kind === 'bound' || state.kind === 'unbound' ? (
        <MeEntries roles={state.roles} bound={state.kind === 'bound'} />
      ) : null}

      {state.kind === 'loading' ? null : <DisplayModeSwitch />}

      {state.kind === 'bound' || state.kind === 'unbound' ? (
        <View className='me-actions'>
          <Button id='me-logout' block fill='outline' onClick={logout}>
            退出登录
          </Button>
        </View>
      ) : null}
    </Page>
  );
}

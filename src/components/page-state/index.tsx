import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ApiError } from '../../services/request';
import './index.scss';

/**
 * What a page shows before (or instead of) its content: loading, not logged in, offline, a failure
 * with a retry, or empty with an optional action. Every page uses this instead of its own.
 */
export type Gate = { kind: 'loading' } | { kind: 'anonymous' } | { kind: 'error'; message: string; offline?: boolean };

/** What PageState draws: a gate, or an empty result. */
export type PageGate = Gate | { kind: 'empty'; text: string };

export function messageOf(error: unknown, fallback = '加载失败，请稍后再试'): string {
  return error instanceof Error && error.message ? error.message : fallback;
}

/** A failed read as the page shows it: log-in once the session ran out, offline, else the message. */
export function gateOf(error: unknown): Gate {
  if (error instanceof ApiError && error.isUnauthenticated) return { kind: 'anonymous' };
  if (error instanceof ApiError && error.code === 'NETWORK_ERROR') return { kind: 'error', message: error.message, offline: true };
  return { kind: 'error', message: messageOf(error) };
}

export interface PageStateProps {
  gate: PageGate;
  /** Prefix of the ids tests and journeys find: `<id>-error`, `<id>-retry`, `<id>-login`, `<id>-empty`. */
  id: string;
  onRetry?: () => void;
  loginHint?: string;
  /** An action under the empty state (a link to where something can be started). */
  emptyAction?: ReactNode;
  /** Inside a list (below a filter): no panel around it. */
  inline?: boolean;
}

export function PageState({ gate, id, onRetry, loginHint = '登录后即可在线办理。', emptyAction, inline = false }: PageStateProps) {
  const box = inline ? 'page-state page-state--inline' : 'panel page-state';
  if (gate.kind === 'loading') {
    return (
      <View id={`${id}-loading`} className={`${box} page-state--loading`} aria-live='polite'>
        正在加载…
      </View>
    );
  }
  if (gate.kind === 'anonymous') {
    return (
      <NoticePanel id={`${id}-anonymous`} title='请先登录' text={loginHint}>
        <Button id={`${id}-login`} type='primary' block onClick={() => void Taro.navigateTo({ url: '/pages/login/index' })}>
          登录
        </Button>
      </NoticePanel>
    );
  }
  if (gate.kind === 'empty') {
    return (
      <View id={`${id}-empty`} className={`${box} page-state--empty`}>
        <Text className='page-state__text'>{gate.text}</Text>
        {emptyAction ? <View className='page-state__actions'>{emptyAction}</View> : null}
      </View>
    );
  }
  const offline = gate.offline === true;
  return (
    <View className={`${box} page-state--error`}>
      <View id={`${id}-error`} className={offline ? 'page-state__offline' : 'page-state__error'} role='alert'>
        {offline ? '网络连接失败，请检查网络后重试' : gate.message}
      </View>
      {onRetry ? (
        <View className='page-state__actions'>
          <Button id={`${id}-retry`} type='primary' fill={inline ? 'outline' : 'solid'} block={!inline} size={inline ? 'small' : 'normal'} onClick={onRetry}>
            重新加载
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** The older name of PageState, kept for the application pages. */
export const GatePanel = PageState;

export function NoticePanel({ id, title, text, children }: { id?: string; title: string; text: string; children?: ReactNode }) {
  return (
    <View id={id} className='panel'>
      <View className='panel__title'>{title}</View>
      <Text className='muted'>{text}</Text>
      {children ? <View className='page-state__actions'>{children}</View> : null}
    </View>
  );
}

/** A form only a bound member may file: says so, with 去绑定会员身份 (ids `<id>-unbound`, `<id>-bind`). */
export function BindFirstPanel({ id, text }: { id: string; text: string }) {
  return (
    <NoticePanel id={`${id}-unbound`} title='请先绑定会员身份' text={text}>
      <Button id={`${id}-bind`} type='primary' block onClick={() => void Taro.navigateTo({ url: '/pages/binding/index' })}>
        去绑定会员身份
      </Button>
    </NoticePanel>
  );
}

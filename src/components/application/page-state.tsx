import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ApiError } from '../../services/request';
import './index.scss';

/**
 * The states every application page goes through before it has something to show: loading, not
 * logged in, a failure (with a retry), or a plain notice with an action.
 */
export type Gate = { kind: 'loading' } | { kind: 'anonymous' } | { kind: 'error'; message: string };

export function messageOf(error: unknown, fallback = '加载失败，请稍后再试'): string {
  return error instanceof Error && error.message ? error.message : fallback;
}

/** A failed read as the page shows it: the log-in prompt once the session ran out, else the message. */
export function gateOf(error: unknown): Gate {
  return error instanceof ApiError && error.isUnauthenticated ? { kind: 'anonymous' } : { kind: 'error', message: messageOf(error) };
}

export function GatePanel({ gate, id, onRetry, loginHint = '登录后即可在线办理。' }: { gate: Gate; id: string; onRetry: () => void; loginHint?: string }) {
  if (gate.kind === 'loading') return <View className='panel muted'>正在加载…</View>;
  if (gate.kind === 'anonymous') {
    return (
      <NoticePanel title='请先登录' text={loginHint}>
        <Button id={`${id}-login`} type='primary' block onClick={() => void Taro.navigateTo({ url: '/pages/login/index' })}>
          登录
        </Button>
      </NoticePanel>
    );
  }
  return (
    <View className='panel'>
      <View id={`${id}-error`} className='app-message app-message--error'>
        {gate.message}
      </View>
      <View className='app-actions'>
        <Button id={`${id}-retry`} type='primary' block onClick={onRetry}>
          重新加载
        </Button>
      </View>
    </View>
  );
}

export function NoticePanel({ id, title, text, children }: { id?: string; title: string; text: string; children?: ReactNode }) {
  return (
    <View id={id} className='panel'>
      <View className='panel__title'>{title}</View>
      <Text className='muted'>{text}</Text>
      {children ? <View className='app-actions'>{children}</View> : null}
    </View>
  );
}

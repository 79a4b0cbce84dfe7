import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Message } from '../../../functions/applications/contracts/messages';
import { Page } from '../../components/page';
import { gateOf, PageState, type Gate } from '../../components/page-state';
import { listMessages, markMessageRead } from '../../services/messages';
import { afterRead, messageTime, messageTone } from './model';
import './index.scss';

type State = Gate | { kind: 'ready'; items: Message[] };

/**
 * 消息中心: every notice about the member's applications, and a place won from a waiting list (the
 * same the back end sends as WeChat subscription messages, so nothing is lost when WeChat refuses
 * one), unread first. Tapping one marks it read and opens its page (the case, or 我的订单).
 */
export default function MessagesPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', items: (await listMessages()).items });
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const open = (message: Message) => {
    if (!message.read) {
      setState((prev) => (prev.kind === 'ready' ? { kind: 'ready', items: afterRead(prev.items, message.id) } : prev));
      // Best effort: the case opens whatever the answer; an unread mark comes back on the next load.
      void markMessageRead(message.id).catch(() => undefined);
    }
    void Taro.navigateTo({ url: message.page });
  };

  const unread = state.kind === 'ready' ? state.items.filter((m) => !m.read).length : 0;

  return (
    <Page id='messages-page'>
      {state.kind !== 'ready' ? <PageState gate={state} id='messages' onRetry={() => void load()} loginHint='登录后即可查看办理结果通知。' /> : null}
      {state.kind === 'ready' && state.items.length === 0 ? (
        <PageState gate={{ kind: 'empty', text: '暂无消息。提交入会、转会、补贴等申请后，办理结果会在这里通知您。' }} id='messages' />
      ) : null}
      {state.kind === 'ready' && state.items.length > 0 ? (
        <>
          <View id='messages-summary' className='messages-summary'>
            {unread > 0 ? `${unread} 条未读` : '全部已读'}
          </View>
          <View id='messages-list'>
            {state.items.map((m) => (
              <View
                key={m.id}
                id={`message-${m.id}`}
                className={`panel message${m.read ? ' message--read' : ''}`}
                data-read={m.read ? 'true' : 'false'}
                role='button'
                aria-label={`${m.read ? '' : '未读，'}${m.title}${m.result}`}
                onClick={() => open(m)}
              >
                <View className='message__head'>
                  {m.read ? null : <View className='message__dot' />}
                  <Text className='message__title'>{m.title}</Text>
                  <Text className={`message__result message__result--${messageTone(m)}`}>{m.result}</Text>
                </View>
                {m.by ? <View className='message__line'>办理单位：{m.by}</View> : null}
                {m.remark ? <View className='message__line'>{m.remark}</View> : null}
                <View className='message__foot'>
                  <Text>{messageTime(m.at)}</Text>
                  <Text>{m.kind === 'order' ? '查看我的订单 ›' : '查看办理进度 ›'}</Text>
                </View>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </Page>
  );
}

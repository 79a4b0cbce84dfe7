import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AdminOrderView } from '../../../functions/payments/contracts/admin';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { formatDateTime, formatFen } from '../../components/benefit/format';
import { Page } from '../../components/page';
import { messageOf } from '../../components/page-state';
import { decideRefund, listRefunds, type AdminOrderQueue } from '../../services/refunds-admin';
import '../workbench.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: AdminOrderView[] };
const QUEUES: { state: AdminOrderQueue; label: string }[] = [
  { state: 'refund_requested', label: '待审核' },
  { state: 'refunding', label: '退款中' },
  { state: 'refund_failed', label: '退款失败' },
];
const CONFIRM_COLOR = '#c8161d';

/**
 * 退款审核: members' refund requests of the official's subtree (the benefit's policy allows a
 * same-day whole-order refund after review), each approved or refused with a comment (audited; never
 * the official's own request); refunds under way, and failed ones to try again with the same refund
 * number. 会员限制 (bans and lifting them) is one tap away.
 */
export default function RefundsPage() {
  const [queue, setQueue] = useState<AdminOrderQueue>('refund_requested');
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [comments, setComments] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async (which: AdminOrderQueue) => {
    try {
      const { items } = await listRefunds(which);
      setState({ kind: 'ready', items });
    } catch (e) {
      setState({ kind: 'error', message: messageOf(e) });
    }
  }, []);

  useDidShow(() => void load(queue));
  usePullDownRefresh(() => void load(queue).finally(() => Taro.stopPullDownRefresh()));

  const pick = (which: AdminOrderQueue) => {
    setQueue(which);
    setNotice(null);
    setState({ kind: 'loading' });
    void load(which);
  };

  const decide = async (order: AdminOrderView, approve: boolean) => {
    const comment = (comments[order.id] ?? '').trim();
    if (comment === '') {
      setNotice({ tone: 'error', text: approve ? '请填写审核意见' : '请填写驳回理由' });
      return;
    }
    const { confirm } = await Taro.showModal({
      title: approve ? '同意退款' : '驳回申请',
      content: approve ? `将按原路退回 ${formatFen(order.amountFen)}，券码随即作废。确定同意？` : '驳回后订单恢复为已支付，券码可继续使用。确定驳回？',
      confirmColor: CONFIRM_COLOR,
    });
    if (!confirm) return;
    setBusy(order.id);
    setNotice(null);
    try {
      const { order: after } = await decideRefund(order.id, approve, comment);
      setNotice({ tone: 'ok', text: approve ? (after.state === 'refunded' ? '已退款' : '已同意，退款处理中') : '已驳回' });
      await load(queue);
    } catch (e) {
      setNotice({ tone: 'error', text: messageOf(e, '操作失败，请稍后再试') });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page id='refunds-page'>
      <ChipGroup id='refunds-queues'>
        {QUEUES.map((q) => (
          <Chip key={q.state} id={`refunds-queue-${q.state}`} active={q.state === queue} onTap={() => pick(q.state)}>
            {q.label}
          </Chip>
        ))}
      </ChipGroup>
      <View id='refunds-bans' className='wb-entry' onClick={() => void Taro.navigateTo({ url: '/workbench/bans/index' })}>
        会员限制（逾期未使用被暂停参加活动）›
      </View>
      {notice ? (
        <View id='refunds-notice' className={`app-message app-message--${notice.tone}`}>
          {notice.text}
        </View>
      ) : null}
      {state.kind !== 'ready' ? (
        <View id='refunds-status' className='list-status muted'>
          {state.kind === 'loading' ? '正在加载…' : state.message}
        </View>
      ) : null}
      {state.kind === 'ready' && state.items.length === 0 ? (
        <View id='refunds-empty' className='list-status muted'>
          暂无{QUEUES.find((q) => q.state === queue)?.label}的退款
        </View>
      ) : null}
      {state.kind === 'ready'
        ? state.items.map((order) => (
            <View key={order.id} id={`refund-${order.id}`} className='wb-card' data-state={order.state}>
              <View className='wb-card__head'>
                <Text className='wb-card__title'>{order.benefitTitle}</Text>
                <Text className='wb-link'>{formatFen(order.amountFen)}</Text>
              </View>
              <View className='wb-card__meta'>
                会员 {order.memberName}（{order.memberId}）{order.paidAt ? `　支付于 ${formatDateTime(order.paidAt)}` : ''}
              </View>
              {order.refund ? (
                <View className='wb-card__meta'>
                  {formatDateTime(order.refund.requestedAt)} 申请，原因：{order.refund.reason}
                  {order.refund.comment ? `；审核意见：${order.refund.comment}` : ''}
                </View>
              ) : null}
              <View className='wb-card__meta'>退款规则：{order.refundPolicyText}</View>
              {queue !== 'refunding' ? (
                <>
                  <Input
                    id={`refund-comment-${order.id}`}
                    className='app-form__input'
                    maxlength={200}
                    placeholder={queue === 'refund_failed' ? '重新退款的说明' : '审核意见（同意或驳回的理由）'}
                    value={comments[order.id] ?? ''}
                    onInput={(e) => {
                      const value = e.detail?.value ?? '';
                      setComments((c) => ({ ...c, [order.id]: value }));
                    }}
                  />
                  <View className='wb-actions'>
                    <Button id={`refund-approve-${order.id}`} type='primary' size='small' disabled={busy !== null} loading={busy === order.id} onClick={() => void decide(order, true)}>
                      {queue === 'refund_failed' ? '重新退款' : '同意退款'}
                    </Button>
                    {queue === 'refund_requested' ? (
                      <Button id={`refund-refuse-${order.id}`} size='small' fill='outline' disabled={busy !== null} onClick={() => void decide(order, false)}>
                        驳回
                      </Button>
                    ) : null}
                  </View>
                </>
              ) : (
                <View className='wb-card__meta'>已提交微信支付退款，到账后自动更新；异常的退款会由系统继续查询。</View>
              )}
            </View>
          ))
        : null}
    </Page>
  );
}

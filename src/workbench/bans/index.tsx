import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AdminBansResponse } from '../../../functions/payments/contracts/admin';
import { formatDateTime } from '../../components/benefit/format';
import { Page } from '../../components/page';
import { messageOf } from '../../components/page-state';
import { liftBan, listBans } from '../../services/refunds-admin';
import '../workbench.scss';

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; answer: AdminBansResponse };
const CONFIRM_COLOR = '#c8161d';

/**
 * 会员限制 (`?memberId=` optional): a member's bans — a paid code left to expire unused bars them
 * from the owning union's benefits until the date shown — by the unions the official manages, and
 * 解除限制 with a reason (audited `ban.lift`) for a standing one.
 */
export default function BansPage() {
  const { params } = useRouter();
  const [memberId, setMemberId] = useState(params.memberId ?? '');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (id: string) => {
    if (id.trim() === '') {
      setState({ kind: 'error', message: '请填写会员编号' });
      return;
    }
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', answer: await listBans(id.trim()) });
    } catch (e) {
      setState({ kind: 'error', message: messageOf(e) });
    }
  }, []);

  useEffect(() => {
    if (params.memberId) void load(params.memberId);
  }, [params.memberId, load]);

  const lift = async (answer: AdminBansResponse, orgId: string, orgName: string) => {
    const reason = (reasons[orgId] ?? '').trim();
    if (reason === '') {
      setNotice({ tone: 'error', text: '请填写解除原因' });
      return;
    }
    const { confirm } = await Taro.showModal({ title: '解除限制', content: `解除后${answer.member.name}可立即参加${orgName}的普惠活动，操作将记入操作记录。确定解除？`, confirmColor: CONFIRM_COLOR });
    if (!confirm) return;
    setBusy(true);
    setNotice(null);
    try {
      await liftBan(answer.member.id, orgId, reason);
      setNotice({ tone: 'ok', text: '已解除限制' });
      setReasons((r) => ({ ...r, [orgId]: '' }));
      await load(answer.member.id);
    } catch (e) {
      setNotice({ tone: 'error', text: messageOf(e, '解除失败，请稍后再试') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page id='bans-page'>
      <View className='wb-card'>
        <View className='wb-search'>
          <Input id='bans-member' className='wb-search__input' maxlength={64} placeholder='会员编号' value={memberId} onInput={(e) => setMemberId(e.detail?.value ?? '')} onConfirm={() => void load(memberId)} />
          <Button id='bans-search' size='small' type='primary' onClick={() => void load(memberId)}>
            查询
          </Button>
        </View>
        <View className='wb-card__meta'>已支付的券码逾期未使用的会员，将在限制期内不能参加该工会的普惠活动。可在“会员服务”中查到会员编号。</View>
      </View>
      {notice ? (
        <View id='bans-notice' className={`app-message app-message--${notice.tone}`}>
          {notice.text}
        </View>
      ) : null}
      {state.kind === 'loading' || state.kind === 'error' ? (
        <View id='bans-status' className='list-status muted'>
          {state.kind === 'loading' ? '正在查询…' : state.message}
        </View>
      ) : null}
      {state.kind === 'ready' ? (
        <View id='bans-list'>
          <View id='bans-member-name' className='wb-note'>
            会员 {state.answer.member.name}（{state.answer.member.id}）
          </View>
          {state.answer.items.length === 0 ? (
            <View id='bans-empty' className='list-status muted'>
              该会员没有被限制参加活动的记录
            </View>
          ) : null}
          {state.answer.items.map((ban) => (
            <View key={ban.orgId} id={`ban-${ban.orgId}`} className='wb-card' data-active={ban.active ? 'yes' : 'no'}>
              <View className='wb-card__head'>
                <Text className='wb-card__title'>{ban.orgName}</Text>
                <Text className='wb-link'>{ban.active ? '限制中' : ban.liftedAt ? '已解除' : '已到期'}</Text>
              </View>
              <View className='wb-card__meta'>
                {ban.benefitTitle ? `「${ban.benefitTitle}」券码逾期未使用，` : ''}
                {formatDateTime(ban.since)} 起限制，{ban.untilText}起恢复
              </View>
              {ban.liftedAt ? <View className='wb-card__meta'>{formatDateTime(ban.liftedAt)} 已解除</View> : null}
              {ban.active ? (
                <>
                  <Input
                    id={`ban-reason-${ban.orgId}`}
                    className='app-form__input'
                    maxlength={200}
                    placeholder='解除原因（如 会员因病未能按时使用，已核实）'
                    value={reasons[ban.orgId] ?? ''}
                    onInput={(e) => {
                      const value = e.detail?.value ?? '';
                      setReasons((r) => ({ ...r, [ban.orgId]: value }));
                    }}
                  />
                  <View className='wb-actions'>
                    <Button id={`ban-lift-${ban.orgId}`} type='primary' size='small' disabled={busy} loading={busy} onClick={() => void lift(state.answer, ban.orgId, ban.orgName)}>
                      解除限制
                    </Button>
                  </View>
                </>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  );
}

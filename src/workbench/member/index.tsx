import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { APPLICATION_KIND_LABELS, APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../../../functions/applications/contracts/applications';
import type { MemberProfileResponse } from '../../../functions/workbench/contracts/member-profile';
import { formatDateTime } from '../../components/benefit/format';
import { messageOf } from '../../components/page-state';
import { getMemberProfile, memberLeave, releaseMemberPhone, unbindMember } from '../../services/workbench';
import { CARE_ACTIONS, COUPON_STATUS_LABELS, SEX_LABELS, todayInChina, validateLeave, type CareAction, type LeaveDraft } from '../members/model';
import { Page } from '../../components/page';
import { confirmSheet } from '../../components/confirm-sheet';
import '../workbench.scss';
import './index.scss';

type Profile = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; profile: MemberProfileResponse };

function Row({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View id={id} className='care-row'>
      <Text className='care-row__label'>{label}</Text>
      <Text className='care-row__value'>{value}</Text>
    </View>
  );
}

/**
 * 会员信息: one member of the official's subtree — masked identity, binding, card, applications and
 * coupons — and the care actions 释放手机号, 解除微信绑定, 办理退会, each after a confirmation, the
 * API's refusal shown as it gives it.
 */
export default function MemberPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const [state, setState] = useState<Profile>({ kind: 'loading' });
  const [busy, setBusy] = useState<CareAction | null>(null);
  const [result, setResult] = useState('');
  const [refusal, setRefusal] = useState('');
  const [leaving, setLeaving] = useState(false);
  const [draft, setDraft] = useState<LeaveDraft>({ reason: '', date: todayInChina() });
  const [errors, setErrors] = useState<Partial<Record<keyof LeaveDraft, string>>>({});

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', profile: await getMemberProfile(id) });
    } catch (e) {
      setState({ kind: 'error', message: messageOf(e) });
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (action: CareAction) => {
    if (busy) return;
    let leave: LeaveDraft | null = null;
    if (action === 'leave') {
      const checked = validateLeave(draft);
      setErrors(checked.ok ? {} : checked.errors);
      if (!checked.ok) return;
      leave = checked.request;
    }
    if (!(await confirmSheet({ title: CARE_ACTIONS[action].label, content: CARE_ACTIONS[action].confirm, danger: action !== 'release' }))) return;
    setBusy(action);
    setRefusal('');
    setResult('');
    try {
      const answer =
        action === 'release' ? await releaseMemberPhone(id) : action === 'unbind' ? await unbindMember(id) : await memberLeave(id, leave!);
      setResult(answer.changed ? CARE_ACTIONS[action].done : CARE_ACTIONS[action].same);
      if (action === 'leave') setLeaving(false);
      await load();
    } catch (e) {
      setRefusal(messageOf(e, '操作失败，请稍后再试'));
    } finally {
      setBusy(null);
    }
  };

  if (state.kind === 'loading') return <Page className='list-status muted'>正在加载…</Page>;
  if (state.kind === 'error') {
    return (
      <Page>
        <View id='member-error' className='list-error'>
          {state.message}
        </View>
      </Page>
    );
  }
  const { profile } = state;
  const { member } = profile;
  const active = member.status === 'active';

  return (
    <Page id='member-page'>
      <View id='member-identity' className='panel'>
        <View className='wb-card__head'>
          <Text className='wb-card__title'>{member.name}</Text>
          <Text id='member-status' className='wb-card__meta'>
            {active ? '在册' : '已退会'}
          </Text>
        </View>
        <Row label='性别' value={SEX_LABELS[member.sex]} />
        <Row id='member-id-number' label='身份证号' value={member.idNumberMasked} />
        <Row id='member-phone' label='手机号' value={member.phoneMasked ?? '已释放'} />
        <Row label='所在工会' value={profile.unionPath.map((o) => o.name).join(' / ')} />
        <Row label='入册时间' value={formatDateTime(profile.rosterEntryCreatedAt)} />
        {member.left ? <Row id='member-left' label='退会' value={`${member.left.on} · ${member.left.reason}`} /> : null}
      </View>

      <View id='member-binding' className='panel'>
        <View className='panel__title'>微信绑定</View>
        {profile.bindings.length === 0 ? <View className='muted'>未绑定微信</View> : null}
        {profile.bindings.map((b) => (
          <Row key={b.openidMasked} label={b.openidMasked} value={`${b.boundAt ? `${formatDateTime(b.boundAt)} 绑定` : ''}${b.consentVersion ? ` · 授权说明 ${b.consentVersion}` : ''}`} />
        ))}
      </View>

      <View id='member-card' className='panel'>
        <View className='panel__title'>会员卡</View>
        {profile.card ? <Row label={profile.card.number} value={`${formatDateTime(profile.card.issuedAt)} 发卡`} /> : <View className='muted'>尚未发卡（绑定后发卡）</View>}
        {profile.cardHistory.map((c) => (
          <Row key={c.number} label={c.number} value={`${formatDateTime(c.retiredAt)} 停用`} />
        ))}
      </View>

      <View id='member-applications' className='panel'>
        <View className='panel__title'>办事记录</View>
        {profile.applications.length === 0 ? <View className='muted'>没有办事记录</View> : null}
        {profile.applications.map((a) => (
          <Row
            key={a.id}
            label={APPLICATION_KIND_LABELS[a.kind]}
            value={`${APPLICATION_STATUS_LABELS[a.status as ApplicationStatus] ?? a.status}${a.overdue ? '（已超期）' : ''} · ${formatDateTime(a.createdAt)}`}
          />
        ))}
      </View>

      <View id='member-coupons' className='panel'>
        <View className='panel__title'>普惠券</View>
        {profile.coupons.length === 0 ? <View className='muted'>没有领取过普惠券</View> : null}
        {profile.coupons.map((c) => (
          <Row
            key={c.id}
            label={c.benefitTitle}
            value={`${COUPON_STATUS_LABELS[c.status] ?? c.status}${c.redemption ? ` · ${c.redemption.merchantName ?? ''}核销` : ''}`}
          />
        ))}
      </View>

      {result ? (
        <View id='member-result' className='panel care-result'>
          {result}
        </View>
      ) : null}
      {refusal ? (
        <View id='member-refusal' className='wb-error'>
          {refusal}
        </View>
      ) : null}

      {active ? (
        <View key='actions' id='member-actions' className='panel'>
          <View className='panel__title'>会员服务</View>
          <View className='care-actions'>
            <Button id='member-release' size='small' fill='outline' disabled={!member.phoneMasked || !!busy} onClick={() => void act('release')}>
              释放手机号
            </Button>
            <Button id='member-unbind' size='small' fill='outline' disabled={!member.bound || !!busy} onClick={() => void act('unbind')}>
              解除微信绑定
            </Button>
            <Button id='member-leave-open' size='small' fill='outline' disabled={!!busy} onClick={() => setLeaving(!leaving)}>
              办理退会
            </Button>
          </View>
          {leaving ? (
            <View key='leave-form' id='member-leave-form' className='care-leave'>
              <Input
                id='leave-reason'
                className='care-input'
                type='text'
                maxlength={200}
                placeholder='退会原因（如：调离本单位、退休）'
                value={draft.reason}
                onInput={(e) => setDraft({ ...draft, reason: e.detail.value })}
              />
              {errors.reason ? (
                <View id='field-reason-error' className='wb-error'>
                  {errors.reason}
                </View>
              ) : null}
              {/* The date picked, never typed; no later than today in China (the API refuses a future one too). */}
              <Picker id='leave-date' mode='date' value={draft.date} end={todayInChina()} onChange={(e) => setDraft({ ...draft, date: String(e.detail.value) })}>
                <View className='care-input' aria-label={`退会日期：${draft.date || '未选择'}`}>
                  退会日期：{draft.date || '请选择'}
                </View>
              </Picker>
              {errors.date ? (
                <View id='field-date-error' className='wb-error'>
                  {errors.date}
                </View>
              ) : null}
              <Button id='member-leave' size='small' type='primary' loading={busy === 'leave'} onClick={() => void act('leave')}>
                确认办理退会
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </Page>
  );
}

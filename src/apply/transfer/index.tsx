import { useCallback, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ApplicationSummary } from '../../../functions/applications/contracts/applications';
import type { MemberProfile } from '../../../functions/membership/contracts/me';
import { BindFirstPanel, GatePanel, NoticePanel, gateOf, type Gate } from '../../components/page-state';
import { FormField } from '../../components/application-form/field';
import { useApplicationForm } from '../../components/application-form/use-application-form';
import { TRANSFER_FIELDS, validateTransfer } from '../../components/application-form/validation';
import { OrgPicker, type OrgChoice } from '../../components/org-picker';
import { getMe } from '../../services/api';
import { listMyApplications } from '../../services/applications';
import { readSession } from '../../services/session';
import { Page } from '../../components/page';
import '../../components/application-form/index.scss';

type PageState = Gate | { kind: 'unbound' } | { kind: 'open'; application: ApplicationSummary } | { kind: 'ready'; member: MemberProfile };

const REASON_MAX = 200;

/**
 * 会员关系转接 (转会): a bound member picks the grassroots union of their new work unit and says why;
 * their union approves, then the new one accepts. One open transfer at a time.
 */
export default function TransferApplicationPage() {
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [target, setTarget] = useState<OrgChoice | null>(null);
  const [reason, setReason] = useState('');
  const form = useApplicationForm(TRANSFER_FIELDS);

  const load = useCallback(async () => {
    if (!readSession()) {
      setState({ kind: 'anonymous' });
      return;
    }
    try {
      const [me, mine] = await Promise.all([getMe(), listMyApplications()]);
      if (!me.member) {
        setState({ kind: 'unbound' });
        return;
      }
      const open = mine.items.find((a) => a.kind === 'transfer' && a.status === 'pending');
      setState(open ? { kind: 'open', application: open } : { kind: 'ready', member: me.member });
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);

  useDidShow(() => {
    if (state.kind !== 'ready') void load();
  });

  const currentOrgId = state.kind === 'ready' ? state.member.union.id : null;
  const values = { toOrgId: target?.id ?? '', reason };
  const checked = validateTransfer(values, currentOrgId);
  const errors = form.errorsOf(checked);

  const choose = (org: OrgChoice | null) => {
    setTarget(org);
    form.changed('toOrgId');
    if (org) form.touch('toOrgId');
  };

  if (state.kind === 'loading' || state.kind === 'anonymous' || state.kind === 'error') {
    return (
      <Page id='transfer-page'>
        <GatePanel gate={state} id='transfer' onRetry={() => void load()} loginHint='登录并绑定会员身份后即可申请会员关系转接。' />
      </Page>
    );
  }
  if (state.kind === 'unbound') {
    return (
      <Page id='transfer-page'>
        <BindFirstPanel id='transfer' text='会员关系转接需由已实名绑定的工会会员本人申请。' />
      </Page>
    );
  }
  if (state.kind === 'open') {
    return (
      <Page id='transfer-page'>
        <NoticePanel id='transfer-open' title='您有一件转会申请正在办理' text='同一时间只能办理一件会员关系转接。可以查看进度，或撤回后重新申请。'>
          <Button
            id='transfer-open-view'
            type='primary'
            block
            onClick={() => void Taro.redirectTo({ url: `/apply/application/index?id=${encodeURIComponent(state.application.id)}` })}
          >
            查看办理进度
          </Button>
        </NoticePanel>
      </Page>
    );
  }

  const { member } = state;
  return (
    <Page id='transfer-page'>
      <View className='panel'>
        <View className='panel__title'>当前所在工会</View>
        <View id='transfer-current' className='app-form__current'>
          {member.union.name}
        </View>
        <Text className='muted'>{member.unionPath.map((org) => org.name).join(' › ')}</Text>
      </View>

      <View id='transfer-form' className='app-form'>
        <FormField
          label='转入工会'
          field='toOrgId'
          error={errors.toOrgId}
          hint='输入新工作单位或其工会的名称搜索，如“鹿岭酒店”“公交”；单位尚未建会的，可选择所在地区的联合工会。'
        >
          <OrgPicker id='transfer-target' selected={target} onSelect={choose} disabledId={member.union.id} disabledNote='您当前所在的工会' />
        </FormField>
        <FormField label='转会原因' field='reason' error={errors.reason}>
          <Textarea
            id='transfer-reason'
            className='app-form__textarea'
            placeholder='如：已调入新单位工作（请写明新单位名称和入职时间）'
            maxlength={REASON_MAX}
            value={reason}
            onInput={(e) => {
              setReason(e.detail.value);
              form.changed('reason');
            }}
            onBlur={() => form.touch('reason')}
          />
          <Text className='app-form__counter'>
            {reason.length}/{REASON_MAX}
          </Text>
        </FormField>
        <View className='app-form__section'>办理流程</View>
        <Text className='app-form__notice'>
          ① {member.union.name}审核 → ② 转入工会接收。每个环节都有办理时限，进度可在“我的办事”中随时查看；办结后会员卡和会员权益随之转入新工会；转入其他市县（或产业）工会时，会员卡号将按新工会重新编号，旧卡号停用。
        </Text>
        {form.formError ? (
          <View id='transfer-form-error' className='app-form__form-error'>
            {form.formError}
          </View>
        ) : null}
        <Button
          id='transfer-submit'
          className='app-form__submit'
          type='primary'
          block
          loading={form.submitting}
          onClick={() => void form.submit(checked, (request) => ({ kind: 'transfer', form: request }))}
        >
          提交申请
        </Button>
      </View>
    </Page>
  );
}

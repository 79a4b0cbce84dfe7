import { useCallback, useEffect, useState, type ReactNode } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { Page } from '../../components/page';
import '../../components/application/index.scss';
import { Button } from '@nutui/nutui-react-taro';
import { CAMPAIGN_STATE_LABELS, type MemberCampaignView } from '../../../functions/applications/contracts/subsidy';
import { BindFirstPanel, GatePanel, NoticePanel, gateOf, type Gate } from '../../components/page-state';
import { FormField } from '../../components/application-form/field';
import { useApplicationForm } from '../../components/application-form/use-application-form';
import { formatFen } from '../../components/benefit/format';
import { ProofUpload, useProofs } from '../../components/proof-upload';
import {
  amountFor,
  chinaDate,
  eligibilityNote,
  emptySubsidyForm,
  SUBSIDY_FIELDS,
  tierLines,
  validateSubsidy,
  windowLabel,
  type SubsidyField,
  type SubsidyValues,
} from '../../components/subsidy/model';
import { getMe } from '../../services/api';
import { listCampaigns } from '../../services/subsidy';
import { readSession } from '../../services/session';
import '../../components/application-form/index.scss';
import './index.scss';

type PageState = Gate | { kind: 'unbound' } | { kind: 'ready'; campaigns: MemberCampaignView[] };
type TextField = Exclude<SubsidyField, 'proofKeys'>;

const TEXT_SPECS: Record<TextField, { label: string; placeholder: string; type: 'text' | 'digit'; maxlength: number }> = {
  travelDate: { label: '乘车（机）日期', placeholder: '如 2026-01-20', type: 'text', maxlength: 10 },
  fromStation: { label: '出发站（机场）', placeholder: '如 广州南站', type: 'text', maxlength: 30 },
  toStation: { label: '到达站（机场）', placeholder: '如 海口东站', type: 'text', maxlength: 30 },
  fare: { label: '票价（元）', placeholder: '车票（机票）上的票价，如 268.5', type: 'digit', maxlength: 10 },
  bankName: { label: '开户银行', placeholder: '如 中国工商银行海口分行', type: 'text', maxlength: 40 },
  accountNumber: { label: '本人银行卡号', placeholder: '16至19位数字，可分组输入', type: 'digit', maxlength: 23 },
};

function InfoRow({ label, id, children }: { label: string; id?: string; children: ReactNode }) {
  return (
    <View className='app-row'>
      <Text className='app-row__label'>{label}</Text>
      <View id={id} className='app-row__value'>
        {children}
      </View>
    </View>
  );
}

/** The campaign's rules as the member reads them before filing: windows, threshold, tiers, places, and where they stand. */
function CampaignPanel({ campaign }: { campaign: MemberCampaignView }) {
  const { me } = campaign;
  return (
    <View id='subsidy-campaign' className='panel' data-campaign={campaign.id}>
      <View className='panel__title'>
        {campaign.title}
        <Text id='subsidy-campaign-state' className='subsidy-campaign__state'>
          {CAMPAIGN_STATE_LABELS[campaign.state]}
        </Text>
      </View>
      <Text id='subsidy-campaign-description' className='subsidy-campaign__description'>
        {campaign.description}
      </Text>
      <InfoRow label='主办单位'>{campaign.owner.name}</InfoRow>
      <InfoRow label='申请时间' id='subsidy-apply-window'>
        {windowLabel(campaign.applyFrom, campaign.applyUntil)}
        {campaign.extended ? '（已延期）' : ''}
      </InfoRow>
      <InfoRow label='乘车日期' id='subsidy-travel-window'>
        {campaign.travelFrom} 至 {campaign.travelUntil}
      </InfoRow>
      <InfoRow label='票价门槛' id='subsidy-threshold'>
        往返票价满 {formatFen(campaign.fareThresholdFen)}
      </InfoRow>
      <InfoRow label='补贴标准' id='subsidy-tiers'>
        {tierLines(campaign.tiers).map((line) => (
          <View key={line.key} className='subsidy-tiers__line'>
            票价 {line.fare}：补贴 {line.amount}
          </View>
        ))}
      </InfoRow>
      {me.quotaLeft !== null ? (
        <InfoRow label='本市剩余名额' id='subsidy-quota'>
          {me.quotaLeft} 个
        </InfoRow>
      ) : null}
      <View
        id='subsidy-eligibility'
        className={`subsidy-eligibility subsidy-eligibility--${me.eligible ? 'ok' : 'blocked'}`}
        data-eligible={me.eligible ? 'true' : 'false'}
      >
        {me.eligible ? '您符合申请条件，每人每个活动限享受一次。' : eligibilityNote(me.reason ?? 'NOT_ELIGIBLE')}
      </View>
      {me.applicationId ? (
        <View className='app-actions'>
          <Button
            id='subsidy-mine'
            type='primary'
            fill='outline'
            block
            onClick={() => void Taro.navigateTo({ url: `/apply/application/index?id=${encodeURIComponent(me.applicationId!)}` })}
          >
            查看我的申请
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/**
 * 补贴申请: a bound member picks an open campaign (返乡交通补贴 …), reads its rules and whether they
 * may apply, fills in the journey and the fare (the subsidy shown as they type, from the contract's
 * subsidyAmount), uploads up to three ticket images and files; their union reviews it, then the
 * city federation.
 */
export default function SubsidyApplicationPage() {
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [chosenId, setChosenId] = useState('');
  const [values, setValues] = useState<SubsidyValues>(emptySubsidyForm);
  const proofs = useProofs();
  const form = useApplicationForm(SUBSIDY_FIELDS);
  const { touch, changed } = form;

  const load = useCallback(async () => {
    if (!readSession()) {
      setState({ kind: 'anonymous' });
      return;
    }
    try {
      const [me, { items }] = await Promise.all([getMe(), listCampaigns()]);
      if (!me.member) {
        setState({ kind: 'unbound' });
        return;
      }
      setState({ kind: 'ready', campaigns: items });
      // Keep the campaign the member was reading; else the first they may apply to.
      setChosenId((current) =>
        items.some((c) => c.id === current) ? current : ((items.find((c) => c.me.eligible) ?? items[0])?.id ?? ''),
      );
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);

  useDidShow(() => {
    if (state.kind !== 'ready') void load();
  });

  const proofCount = proofs.proofs.length;
  useEffect(() => {
    if (proofCount > 0) {
      touch('proofKeys');
      changed('proofKeys');
    }
  }, [proofCount, proofs.keys.length]);

  if (state.kind === 'loading' || state.kind === 'anonymous' || state.kind === 'error') {
    return (
      <Page id='subsidy-page'>
        <GatePanel gate={state} id='subsidy' onRetry={() => void load()} loginHint='登录并绑定会员身份后即可申请补贴。' />
      </Page>
    );
  }
  if (state.kind === 'unbound') {
    return (
      <Page id='subsidy-page'>
        <BindFirstPanel id='subsidy' text='补贴由已实名绑定的工会会员本人申请。' />
      </Page>
    );
  }
  const campaign = state.campaigns.find((c) => c.id === chosenId) ?? null;
  if (!campaign) {
    return (
      <Page id='subsidy-page'>
        <NoticePanel id='subsidy-none' title='暂无正在开展的补贴活动' text='工会开展补贴活动时，会在这里公布申请条件和时间，敬请关注。' />
      </Page>
    );
  }

  const checked = validateSubsidy({ ...values, proofKeys: proofs.keys }, campaign, chinaDate(Date.now()));
  const errors = form.errorsOf(checked);
  if (proofs.uploading) errors.proofKeys = '图片正在上传，请稍候';
  else if (proofs.failed) errors.proofKeys = '有图片未上传成功：请点击重试，或删除后重新添加';
  const ready = !proofs.uploading && !proofs.failed ? checked : ({ ok: false, errors: { proofKeys: errors.proofKeys } } as const);
  const amount = amountFor(campaign.tiers, values.fare);

  const set = (field: TextField, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    changed(field);
  };

  const text = (field: TextField) => {
    const spec = TEXT_SPECS[field];
    return (
      <FormField label={spec.label} field={field} error={errors[field]}>
        <Input
          id={`subsidy-${field}`}
          className='app-form__input'
          type={spec.type}
          maxlength={spec.maxlength}
          placeholder={spec.placeholder}
          value={values[field]}
          onInput={(e) => set(field, e.detail.value)}
          onBlur={() => touch(field)}
        />
      </FormField>
    );
  };

  return (
    <Page id='subsidy-page'>
      {state.campaigns.length > 1 ? (
        <ChipGroup id='subsidy-campaigns' className='subsidy-campaigns'>
          {state.campaigns.map((c) => (
            <Chip key={c.id} id={`subsidy-campaign-${c.id}`} active={c.id === campaign.id} onTap={() => setChosenId(c.id)}>
              {c.title}
            </Chip>
          ))}
        </ChipGroup>
      ) : null}

      <CampaignPanel campaign={campaign} />

      {campaign.me.eligible ? (
        <View id='subsidy-form' className='app-form'>
          {text('travelDate')}
          {text('fromStation')}
          {text('toStation')}
          {text('fare')}
          <View id='subsidy-amount' className='subsidy-amount' data-amount={amount ?? ''}>
            {amount === null ? (
              <Text key='empty' className='subsidy-amount__note'>
                填写票价后显示可获补贴金额
              </Text>
            ) : amount === 0 ? (
              <Text key='below' className='subsidy-amount__note'>
                票价未达到补贴门槛，不能获得补贴
              </Text>
            ) : (
              <>
                <Text key='label' className='subsidy-amount__label'>
                  可获补贴
                </Text>
                <Text key='value' id='subsidy-amount-value' className='subsidy-amount__value'>
                  {formatFen(amount)}
                </Text>
              </>
            )}
          </View>
          <FormField
            label='车票（机票）图片'
            field='proofKeys'
            error={errors.proofKeys}
            hint='请上传票面清晰、印有本人姓名和身份证号的车票、机票或行程单照片（JPG 或 PNG，每张不超过5MB，最多3张）。'
          >
            <ProofUpload id='subsidy-proofs' proofs={proofs} />
          </FormField>
          <View className='app-form__section'>收款账户</View>
          <Text id='subsidy-payee-name' className='app-form__notice'>
            补贴发放到会员本人名下的银行卡，户名为会员名册中的本人姓名；卡号加密保存，页面上只显示末四位。
          </Text>
          {text('bankName')}
          {text('accountNumber')}
          <View className='app-form__section'>办理流程</View>
          <Text className='app-form__notice'>
            ① 所在基层工会初审 → ② 市（县）总工会复核 → ③ 主办工会财务分批发放到上述银行卡。审核通过后按上述标准核定补贴金额，发放结果可在“我的办事”中随时查看。
          </Text>
          {form.formError ? (
            <View id='subsidy-form-error' className='app-form__form-error'>
              {form.formError}
            </View>
          ) : null}
          <Button
            id='subsidy-submit'
            className='app-form__submit'
            type='primary'
            block
            loading={form.submitting}
            onClick={() => void form.submit(ready, (request) => ({ kind: 'subsidy', form: request }))}
          >
            提交申请
          </Button>
        </View>
      ) : null}
    </Page>
  );
}

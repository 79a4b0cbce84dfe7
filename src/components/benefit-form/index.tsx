import { useEffect, useState, type ReactNode } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  BENEFIT_CATEGORY_LABELS,
  type BenefitCategory,
  type CreateBenefitRequest,
  type MerchantRef,
  defaultShardCount,
} from '../../../functions/benefits/contracts/benefits';
import type { OrgRef } from '../../../functions/kernel/contracts/common';
import { REFUND_POLICY_WORDS, type RefundPolicy } from '../../../functions/payments/contracts/refund-policy';
import { REGION_NAMES } from '../benefit/model';
import { parseYuanToFen } from '../benefit/format';
import { DateTimeField } from '../date-time-field';
import {
  formFieldOf,
  validateBenefitForm,
  type BenefitFormErrors,
  type BenefitFormField,
  type BenefitFormValues,
} from './validation';
import { Chip, ChipGroup } from './chip';
import { refusalOf } from '../../services/refusal';
import './index.scss';

export interface BenefitFormProps {
  initial: BenefitFormValues;
  /** Orgs the official acts for (their own org first); admins may also type an org id. */
  orgChoices: OrgRef[];
  allowOrgInput: boolean;
  /** Merchants to pick from, searched by name (the signed directory replaces them when `merchantsFor` answers). */
  merchantChoices: MerchantRef[];
  /**
   * The merchants a benefit of the chosen org may name (signed by it or an org above it): when given,
   * the picker offers these, reloaded as the org changes, instead of `merchantChoices`.
   */
  merchantsFor?: (orgId: string) => Promise<MerchantRef[]>;
  submitLabel: string;
  /** Resolves when saved; rejects with something carrying `message` (and `fields`) when refused. */
  onSubmit: (request: CreateBenefitRequest) => Promise<void>;
}

const CATEGORIES = Object.keys(BENEFIT_CATEGORY_LABELS) as BenefitCategory[];
const REFUND_POLICIES: RefundPolicy[] = ['none', 'same_day_review'];
const REFUND_POLICY_LABELS: Record<RefundPolicy, string> = { none: '不予退款（如一元观影）', same_day_review: '当天可申请退款，审核后退回（如团购）' };
/** Regions a quota may reserve, by name (the card number's 2-digit code is sent). */
const REGIONS = Object.entries(REGION_NAMES)
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => a.code.localeCompare(b.code));

function Field({ label, field, error, children }: { label: string; field: string; error?: string; children: ReactNode }) {
  return (
    <View className={`benefit-form__field${error ? ' benefit-form__field--error' : ''}`}>
      <Text className='benefit-form__label'>{label}</Text>
      <View className='benefit-form__control'>{children}</View>
      {error ? (
        <Text className='field-error benefit-form__error' data-field={field}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

/**
 * The official's benefit form: every value checked on submit with the shared contract (amounts typed
 * in yuan and sent in fen, times typed in Beijing time and sent with +08:00); the API's refusal is
 * shown as is, with its per-field messages next to the fields.
 */
export function BenefitForm({ initial, orgChoices, allowOrgInput, merchantChoices: givenChoices, merchantsFor, submitLabel, onSubmit }: BenefitFormProps) {
  const [values, setValues] = useState<BenefitFormValues>(initial);
  const [merchantChoices, setMerchantChoices] = useState<MerchantRef[]>(givenChoices);
  const [signedOnly, setSignedOnly] = useState(false);
  useEffect(() => {
    if (!merchantsFor || !values.orgId) return;
    let current = true;
    merchantsFor(values.orgId)
      .then((signed) => {
        if (!current) return;
        setMerchantChoices(signed);
        setSignedOnly(true);
      })
      .catch(() => {
        if (!current) return;
        setMerchantChoices(givenChoices);
        setSignedOnly(false);
      });
    return () => {
      current = false;
    };
  }, [merchantsFor, values.orgId, givenChoices]);
  const [errors, setErrors] = useState<BenefitFormErrors>({});
  const [formError, setFormError] = useState('');
  const [merchantQuery, setMerchantQuery] = useState('');
  const [advanced, setAdvanced] = useState(initial.shards.trim() !== '');
  const [submitting, setSubmitting] = useState(false);

  const priced = (parseYuanToFen(values.priceYuan) ?? 0) > 0;
  const set = <K extends keyof BenefitFormValues>(field: K, value: BenefitFormValues[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setErrors((prev) => ({ ...prev, [field]: undefined }));
    setFormError('');
  };

  const text = (field: Exclude<BenefitFormField, 'category' | 'merchantIds' | 'otherRegions' | 'refundPolicy' | 'quotas' | `quotas.${number}`>, id: string, placeholder: string, type: 'text' | 'digit' | 'number' = 'text') => (
    <Input
      id={id}
      className='benefit-form__input'
      type={type}
      placeholder={placeholder}
      value={values[field]}
      onInput={(e) => set(field, e.detail.value)}
    />
  );

  const merchantName = (id: string) => (merchantChoices.find((m) => m.id === id) ?? givenChoices.find((m) => m.id === id))?.name ?? '已不在签约目录中的商户';
  const toggleMerchant = (id: string) =>
    set('merchantIds', values.merchantIds.includes(id) ? values.merchantIds.filter((m) => m !== id) : [...values.merchantIds, id]);
  // The chosen merchants first, then the directory's others whose name holds what was typed.
  const query = merchantQuery.trim();
  const shownMerchants = [
    ...values.merchantIds,
    ...merchantChoices.filter((m) => !values.merchantIds.includes(m.id) && (!query || m.name.includes(query))).map((m) => m.id),
  ];
  const stockNumber = /^\s*\d{1,9}\s*$/.test(values.stock) ? Number(values.stock) : null;

  const setQuota = (index: number, row: Partial<BenefitFormValues['quotas'][number]>) => {
    setValues((prev) => ({ ...prev, quotas: prev.quotas.map((q, i) => (i === index ? { ...q, ...row } : q)) }));
    setErrors((prev) => ({ ...prev, [`quotas.${index}`]: undefined, quotas: undefined }));
  };
  const addQuota = () => set('quotas', [...values.quotas, { code: '', quota: '' }]);
  const removeQuota = (index: number) => {
    set('quotas', values.quotas.filter((_, i) => i !== index));
    setErrors({});
  };

  const submit = async () => {
    if (submitting) return;
    const checked = validateBenefitForm(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      if (checked.errors.shards) setAdvanced(true);
      setFormError('请按提示修改标红的内容');
      return;
    }
    setErrors({});
    setFormError('');
    setSubmitting(true);
    try {
      await onSubmit(checked.request);
    } catch (error) {
      const refusal = refusalOf(error, '保存失败，请稍后再试');
      setFormError(refusal.message);
      const fieldErrors: BenefitFormErrors = {};
      for (const [key, message] of Object.entries(refusal.fields ?? {})) {
        const field = formFieldOf(key);
        if (field) fieldErrors[field] ??= message;
      }
      setErrors(fieldErrors);
      if (fieldErrors.shards) setAdvanced(true);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View id='benefit-form' className='benefit-form'>
      <View className='benefit-form__section'>基本信息</View>
      <Field label='权益名称' field='title' error={errors.title}>
        {text('title', 'benefit-form-title', '如：椰风影城一元观影券')}
      </Field>
      <Field label='权益说明' field='description' error={errors.description}>
        <Textarea
          id='benefit-form-description'
          className='benefit-form__textarea'
          placeholder='使用规则、适用场次、注意事项等'
          maxlength={2000}
          value={values.description}
          onInput={(e) => set('description', e.detail.value)}
        />
      </Field>
      <Field label='类别' field='category' error={errors.category}>
        <ChipGroup>
          {CATEGORIES.map((category) => (
            <Chip
              key={category}
              id={`benefit-form-category-${category}`}
              active={values.category === category}
              onTap={() => set('category', category)}
            >
              {BENEFIT_CATEGORY_LABELS[category]}
            </Chip>
          ))}
        </ChipGroup>
      </Field>
      <Field label='适用商户' field='merchantIds' error={errors.merchantIds}>
        {signedOnly ? (
          <Text id='benefit-form-merchants-hint' className='benefit-form__hint'>
            {merchantChoices.length > 0 ? '只列出与本级或上级工会签约的商户' : '本级和上级工会还没有签约的商户，请先请省、市县总工会签约'}
          </Text>
        ) : null}
        <Input
          id='benefit-form-merchant-search'
          className='benefit-form__input'
          placeholder='输入商户名称搜索，如 影城'
          value={merchantQuery}
          onInput={(e) => setMerchantQuery(e.detail.value)}
        />
        <ChipGroup id='benefit-form-merchants'>
          {shownMerchants.map((id) => (
            <Chip key={id} id={`benefit-form-merchant-${id}`} active={values.merchantIds.includes(id)} onTap={() => toggleMerchant(id)}>
              {merchantName(id)}
            </Chip>
          ))}
        </ChipGroup>
        {query && shownMerchants.length === values.merchantIds.length ? (
          <Text id='benefit-form-merchants-none' className='benefit-form__hint'>
            没有名称含“{query}”的签约商户
          </Text>
        ) : null}
      </Field>

      <View className='benefit-form__section'>金额与数量</View>
      <Field label='面值（元）' field='faceValueYuan' error={errors.faceValueYuan}>
        {text('faceValueYuan', 'benefit-form-face-value', '如 35 或 12.50', 'digit')}
      </Field>
      <Field label='价格（元）' field='priceYuan' error={errors.priceYuan}>
        {text('priceYuan', 'benefit-form-price', '免费领取填 0；收费的由会员微信支付', 'digit')}
      </Field>
      {priced ? (
        <Field label='退款规则' field='refundPolicy' error={errors.refundPolicy}>
          <ChipGroup id='benefit-form-refund'>
            {REFUND_POLICIES.map((policy) => (
              <Chip key={policy} id={`benefit-form-refund-${policy}`} active={values.refundPolicy === policy} onTap={() => set('refundPolicy', policy)}>
                {REFUND_POLICY_LABELS[policy]}
              </Chip>
            ))}
          </ChipGroup>
          <Text id='benefit-form-refund-hint' className='benefit-form__hint'>
            {values.refundPolicy ? `会员支付前看到：${REFUND_POLICY_WORDS[values.refundPolicy]}` : '会员中签或领取后须在3小时内微信支付，逾期名额释放；支付前会看到这里选择的退款规则'}
          </Text>
        </Field>
      ) : null}
      <Field label='库存' field='stock' error={errors.stock}>
        {text('stock', 'benefit-form-stock', '发放总数，如 12500', 'number')}
      </Field>
      <Field label='每人限领' field='perMemberLimit' error={errors.perMemberLimit}>
        {text('perMemberLimit', 'benefit-form-limit', '每位会员最多可领张数', 'number')}
      </Field>

      <View className='benefit-form__section'>时间（北京时间）</View>
      <Field label='开始领取' field='claimStartsAt' error={errors.claimStartsAt}>
        <DateTimeField id='benefit-form-claim-starts' value={values.claimStartsAt} onChange={(v) => set('claimStartsAt', v)} allowNow />
      </Field>
      <Field label='结束领取' field='claimEndsAt' error={errors.claimEndsAt}>
        <DateTimeField id='benefit-form-claim-ends' value={values.claimEndsAt} onChange={(v) => set('claimEndsAt', v)} />
      </Field>
      <Field label='使用截止' field='useEndsAt' error={errors.useEndsAt}>
        <DateTimeField id='benefit-form-use-ends' value={values.useEndsAt} onChange={(v) => set('useEndsAt', v)} />
      </Field>

      <View className='benefit-form__section'>发放范围</View>
      <Field label='所属工会' field='orgId' error={errors.orgId}>
        {orgChoices.length > 0 ? (
          <ChipGroup>
            {orgChoices.map((org) => (
              <Chip key={org.id} id={`benefit-form-org-${org.id}`} active={values.orgId === org.id} onTap={() => set('orgId', org.id)}>
                {org.name}
              </Chip>
            ))}
          </ChipGroup>
        ) : null}
        {allowOrgInput || orgChoices.length === 0 ? text('orgId', 'benefit-form-org', '工会编号，如 org-hainan') : null}
        <View className='benefit-form__hint'>该工会及下级工会已绑定的会员可以领取。</View>
      </Field>
      <Field label='地区名额' field='quotas' error={errors.quotas}>
        <View className='benefit-form__hint'>可选：为某个市县（或产业）的会员预留名额，按会员卡所属地区计算。</View>
        {values.quotas.map((row, index) => (
          <View key={index} className='benefit-quota'>
            <View className='benefit-quota__row'>
              <Picker
                id={`benefit-form-quota-region-${index}`}
                mode='selector'
                range={REGIONS.map((r) => r.name)}
                value={Math.max(0, REGIONS.findIndex((r) => r.code === row.code.trim()))}
                onChange={(e) => setQuota(index, { code: REGIONS[Number(e.detail.value)]?.code ?? '' })}
              >
                <View className={`benefit-quota__name${REGION_NAMES[row.code.trim()] ? '' : ' benefit-quota__name--empty'}`}>
                  {REGION_NAMES[row.code.trim()] ?? '选择地区'}
                </View>
              </Picker>
              <Input
                id={`benefit-form-quota-${index}`}
                className='benefit-quota__amount'
                type='number'
                placeholder='名额'
                value={row.quota}
                onInput={(e) => setQuota(index, { quota: e.detail.value })}
              />
              <Text className='benefit-form__link' onClick={() => removeQuota(index)}>
                删除
              </Text>
            </View>
            {errors[`quotas.${index}`] ? (
              <Text className='field-error benefit-form__error' data-field={`quotas.${index}`}>
                {errors[`quotas.${index}`]}
              </Text>
            ) : null}
          </View>
        ))}
        <Text id='benefit-form-quota-add' className='benefit-form__link' onClick={addQuota}>
          + 添加地区名额
        </Text>
      </Field>
      {values.quotas.length > 0 ? (
        <Field label='其他地区' field='otherRegions' error={errors.otherRegions}>
          <ChipGroup>
            <Chip id='benefit-form-other-open' active={values.otherRegions === 'open'} onTap={() => set('otherRegions', 'open')}>
              可领取未预留的名额
            </Chip>
            <Chip id='benefit-form-other-closed' active={values.otherRegions === 'closed'} onTap={() => set('otherRegions', 'closed')}>
              不可领取
            </Chip>
          </ChipGroup>
        </Field>
      ) : null}
      <View id='benefit-form-advanced' className='benefit-form__fold' role='button' aria-expanded={advanced} onClick={() => setAdvanced(!advanced)}>
        高级设置{advanced ? ' ▾' : ' ▸'}
      </View>
      {advanced ? (
        <Field label='库存分片' field='shards' error={errors.shards}>
          {text('shards', 'benefit-form-shards', '留空按库存自动确定', 'number')}
          <View id='benefit-form-shards-auto' className='benefit-form__hint'>
            {stockNumber !== null && stockNumber > 0
              ? `留空时按库存自动分为 ${defaultShardCount(stockNumber)} 片（每 2,500 份 1 片，至多 16 片）。`
              : '留空时按库存自动确定（每 2,500 份 1 片，至多 16 片）。'}
            只有预计每秒抢领上千次的热门权益才需要调大。
          </View>
        </Field>
      ) : null}

      {formError ? (
        <View id='benefit-form-error' className='benefit-form__form-error'>
          {formError}
        </View>
      ) : null}
      <Button id='benefit-form-submit' className='benefit-form__submit' type='primary' block loading={submitting} onClick={() => void submit()}>
        {submitLabel}
      </Button>
    </View>
  );
}

export default BenefitForm;

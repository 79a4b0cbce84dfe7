import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { BindingRequest } from '../../../functions/membership/contracts/me';
import {
  BINDING_FIELDS,
  type BindingErrors,
  type BindingField,
  type BindingValues,
  devPhoneCode,
  validateBinding,
  validateField,
} from './validation';
import { refusalOf } from '../../services/refusal';
import { privacyDocumentUrl } from '../../services/privacy';
import { PrivacyPopup } from '../privacy-popup';
import './index.scss';

export type { SubmitRefusal } from '../../services/refusal';

/**
 * How the member proves the phone number: WeChat's 手机号快速验证 button in the mini-program, or, in
 * the H5 demo build against the local stack, a typed number sent as the development code
 * `dev-phone:<number>` (which only the local and test stages accept).
 */
export type PhoneVerification = 'wechat' | 'dev';

export const DEFAULT_PHONE_VERIFICATION: PhoneVerification = process.env.TARO_ENV === 'weapp' ? 'wechat' : 'dev';

export interface BindingFormProps {
  /** Resolves when bound; rejects with something carrying `message` (and `fields`) when refused. */
  onSubmit: (request: BindingRequest) => Promise<void>;
  phoneVerification?: PhoneVerification;
}

interface FieldSpec {
  label: string;
  placeholder: string;
  inputId: string;
  type: 'text' | 'idcard' | 'number';
  maxlength: number;
}

const FIELD_SPECS: Record<BindingField, FieldSpec> = {
  name: { label: '姓名', placeholder: '与身份证一致', inputId: 'binding-name', type: 'text', maxlength: 30 },
  idNumber: {
    label: '身份证号',
    placeholder: '18位居民身份证号',
    inputId: 'binding-id-number',
    type: 'idcard',
    maxlength: 18,
  },
};

const EMPTY: BindingValues = { name: '', idNumber: '' };
/** Stands in for the phone code while only the typed fields are checked. */
const PENDING_PHONE = 'pending';

/**
 * Real-name binding: name and ID number, checked as the member types (after the first blur) with the
 * same zod schema the API applies, then the phone number verified by WeChat (the proof that the
 * member is who they say); the server's Chinese refusal is shown as is.
 *
 * The WeChat button appears only once the typed fields are valid: each verification is billed, and a
 * code is single-use, so the member is not asked to verify for a form that would be refused anyway.
 */
export function BindingForm({ onSubmit, phoneVerification = DEFAULT_PHONE_VERIFICATION }: BindingFormProps) {
  const [values, setValues] = useState<BindingValues>(EMPTY);
  const [devPhone, setDevPhone] = useState('');
  const [touched, setTouched] = useState<Partial<Record<BindingField, boolean>>>({});
  const [errors, setErrors] = useState<BindingErrors>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [consent, setConsent] = useState(false);

  const toggleConsent = () => {
    setConsent((given) => !given);
    setErrors((prev) => ({ ...prev, consent: undefined }));
  };

  /** Opens the text in its reader without ticking the box the link sits in. */
  const openConsentText = (event: { stopPropagation: () => void }) => {
    event.stopPropagation();
    void Taro.navigateTo({ url: privacyDocumentUrl('member-consent') });
  };

  const change = (field: BindingField, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setFormError('');
    if (touched[field] || errors[field]) {
      setErrors((prev) => ({ ...prev, [field]: validateField(field, value) }));
    }
  };

  const blur = (field: BindingField, value: string) => {
    setTouched((prev) => ({ ...prev, [field]: true }));
    setErrors((prev) => ({ ...prev, [field]: validateField(field, value) }));
  };

  const typedFieldsValid = validateBinding(values, consent, PENDING_PHONE).ok;

  /** Shows what is wrong with the typed fields; true when they are fine. */
  const checkTyped = (): boolean => {
    setTouched({ name: true, idNumber: true });
    const checked = validateBinding(values, consent, PENDING_PHONE);
    if (checked.ok) return true;
    setErrors(checked.errors);
    setFormError('');
    return false;
  };

  const submitDev = () => {
    if (submitting || !checkTyped()) return;
    const dev = devPhoneCode(devPhone);
    if ('error' in dev) {
      setErrors({ devPhone: dev.error });
      return;
    }
    void submit(dev.code);
  };

  const onWeChatPhone = (detail: { code?: string; errMsg?: string }) => {
    if (!detail.code) {
      setFormError('需要验证您在工会登记的手机号才能完成绑定，请重新点击并允许');
      return;
    }
    void submit(detail.code);
  };

  const submit = async (phoneCode: string) => {
    if (submitting) return;
    const checked = validateBinding(values, consent, phoneCode);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFormError('');
      return;
    }
    setErrors({});
    setFormError('');
    setSubmitting(true);
    try {
      await onSubmit(checked.request);
    } catch (error) {
      const refusal = refusalOf(error, '提交失败，请稍后再试');
      setFormError(refusal.message);
      const fieldErrors: BindingErrors = {};
      for (const field of [...BINDING_FIELDS, 'consent'] as const) {
        const message = refusal.fields?.[field];
        if (message) fieldErrors[field] = message;
      }
      setErrors(fieldErrors);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className='binding-form'>
      {BINDING_FIELDS.map((field) => {
        const spec = FIELD_SPECS[field];
        const error = errors[field];
        return (
          <View key={field} className={`binding-form__field${error ? ' binding-form__field--error' : ''}`}>
            <Text className='binding-form__label'>{spec.label}</Text>
            <Input
              id={spec.inputId}
              className='binding-form__input'
              type={spec.type}
              maxlength={spec.maxlength}
              placeholder={spec.placeholder}
              value={values[field]}
              onInput={(e) => change(field, e.detail.value)}
              onBlur={(e) => blur(field, e.detail.value)}
            />
            {error ? (
              <Text className='field-error' data-field={field} id={`${spec.inputId}-error`}>
                {error}
              </Text>
            ) : null}
          </View>
        );
      })}
      <View
        id='binding-consent'
        className={`binding-form__consent${consent ? ' binding-form__consent--given' : ''}`}
        role='checkbox'
        aria-checked={consent}
        onClick={toggleConsent}
      >
        <View className='binding-form__tick'>{consent ? '✓' : ''}</View>
        <View className='binding-form__consent-text'>
          <Text>我已阅读并同意</Text>
          <Text id='binding-consent-link' className='binding-form__link' onClick={openConsentText}>
            《会员信息授权说明》
          </Text>
          <Text>：</Text>
          <Text className='binding-form__consent-detail'>
            海南省总工会仅为核验会员身份、提供会员服务而处理您的姓名、身份证号和手机号；身份证号加密保存，不向第三方提供。
          </Text>
        </View>
      </View>
      {errors.consent ? (
        <Text className='field-error binding-form__consent-error' data-field='consent' id='binding-consent-error'>
          {errors.consent}
        </Text>
      ) : null}
      {formError ? (
        <View id='form-error' className='binding-form__form-error'>
          {formError}
        </View>
      ) : null}
      {phoneVerification === 'dev' ? (
        <View className={`binding-form__field${errors.devPhone ? ' binding-form__field--error' : ''}`}>
          <Text className='binding-form__label'>演示手机号</Text>
          <Input
            id='binding-phone'
            className='binding-form__input'
            type='number'
            maxlength={11}
            placeholder='开发环境代替微信手机号验证'
            value={devPhone}
            onInput={(e) => {
              setDevPhone(e.detail.value);
              setErrors((prev) => ({ ...prev, devPhone: undefined }));
            }}
          />
          {errors.devPhone ? (
            <Text className='field-error' data-field='devPhone' id='binding-phone-error'>
              {errors.devPhone}
            </Text>
          ) : null}
        </View>
      ) : (
        <Text className='muted binding-form__phone-note'>
          下一步将通过微信验证您的手机号，须与工会会员名册登记的手机号一致。
        </Text>
      )}
      {phoneVerification === 'wechat' && typedFieldsValid ? (
        <Button
          id='binding-submit'
          className='binding-form__submit'
          openType='getPhoneNumber'
          disabled={submitting}
          onGetPhoneNumber={(e) => onWeChatPhone(e.detail)}
        >
          {submitting ? '正在核验…' : '验证手机号并绑定'}
        </Button>
      ) : (
        <Button
          id='binding-submit'
          className='binding-form__submit'
          disabled={submitting}
          onClick={() => (phoneVerification === 'dev' ? submitDev() : void checkTyped())}
        >
          {submitting ? '正在核验…' : phoneVerification === 'dev' ? '提交绑定' : '验证手机号并绑定'}
        </Button>
      )}
      {/* WeChat holds the 获取手机号 button until its privacy guide is agreed to. */}
      {phoneVerification === 'wechat' ? <PrivacyPopup /> : null}
    </View>
  );
}

export default BindingForm;

import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button as WeChatButton, Input, Picker, Text, View } from '@tarojs/components';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { Button } from '@nutui/nutui-react-taro';
import {
  EDUCATION_LABELS,
  EMPLOYMENT_STATUS_LABELS,
  JOIN_ID_CONSENT_VERSION,
  POLITICAL_STATUS_LABELS,
  SKILL_LEVEL_LABELS,
  type ApplicationSummary,
} from '../../../functions/applications/contracts/applications';
import { GatePanel, NoticePanel, gateOf, type Gate } from '../../components/page-state';
import { FormField } from '../../components/application-form/field';
import { useApplicationForm } from '../../components/application-form/use-application-form';
import {
  emptyJoinForm,
  impliedByIdNumber,
  JOIN_FIELDS,
  validateJoin,
  type JoinField,
  type JoinValues,
} from '../../components/application-form/validation';
import { OrgPicker, type OrgChoice } from '../../components/org-picker';
import { COMMON_ETHNIC_GROUPS, ETHNIC_GROUPS } from '../../components/application-form/ethnic-groups';
import { DEFAULT_PHONE_VERIFICATION, type PhoneVerification } from '../../components/binding-form';
import { devPhoneCode } from '../../components/binding-form/validation';
import { PrivacyPopup } from '../../components/privacy-popup';
import { getMe } from '../../services/api';
import { listMyApplications } from '../../services/applications';
import { readSession } from '../../services/session';
import { Page } from '../../components/page';
import '../../components/application-form/index.scss';
import './index.scss';

type PageState = Gate | { kind: 'member' } | { kind: 'ready'; pending: ApplicationSummary | null };

type TextField = 'name' | 'idNumber' | 'birthDate' | 'workUnit' | 'householdRegistration' | 'residence';

/** Stands in for the phone code while only the typed fields are checked (the phone comes last, from WeChat). */
const PENDING_PHONE = 'pending-phone-verification';

const TEXT_SPECS: Record<TextField, { label: string; placeholder: string; type: 'text' | 'idcard' | 'number'; maxlength: number }> = {
  name: { label: '姓名', placeholder: '与身份证一致', type: 'text', maxlength: 30 },
  idNumber: { label: '身份证号', placeholder: '18位居民身份证号', type: 'idcard', maxlength: 18 },
  birthDate: { label: '出生日期', placeholder: '如 1990-05-01（填身份证号后自动填写）', type: 'text', maxlength: 10 },
  workUnit: { label: '工作单位', placeholder: '单位全称', type: 'text', maxlength: 60 },
  householdRegistration: { label: '户籍所在地', placeholder: '如 海南省儋州市那大镇', type: 'text', maxlength: 60 },
  residence: { label: '现居住地', placeholder: '如 海口市美兰区海甸岛', type: 'text', maxlength: 100 },
};

const optionsOf = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

const CHOICES = {
  sex: [
    { value: 'male', label: '男' },
    { value: 'female', label: '女' },
  ],
  employmentStatus: optionsOf(EMPLOYMENT_STATUS_LABELS),
  education: optionsOf(EDUCATION_LABELS),
  skillLevel: optionsOf(SKILL_LEVEL_LABELS),
  politicalStatus: optionsOf(POLITICAL_STATUS_LABELS),
} as const;
type ChoiceField = keyof typeof CHOICES;
const CHOICE_LABELS: Record<ChoiceField, string> = {
  sex: '性别',
  employmentStatus: '就业状况',
  education: '学历',
  skillLevel: '技能等级',
  politicalStatus: '政治面貌',
};

/** The form in three steps, each with the fields it checks before 下一步. */
const STEPS: ReadonlyArray<{ title: string; fields: readonly JoinField[] }> = [
  { title: '个人信息', fields: ['name', 'idNumber', 'sex', 'birthDate', 'ethnicity', 'politicalStatus'] },
  { title: '工作与住址', fields: ['employmentStatus', 'workUnit', 'education', 'skillLevel', 'migrantWorker', 'householdRegistration', 'residence'] },
  { title: '选择工会', fields: ['targetOrgId'] },
];
const LAST_STEP = STEPS.length - 1;
const ID_CONSENT_REQUIRED = '请先阅读并同意身份证号的使用说明';
// The consent's text below is the one of JOIN_ID_CONSENT_VERSION: a changed text needs a new version in the contract.

/**
 * 入会申请: an account not in the roster fills the DOMAIN.md fields and picks the grassroots union
 * of its work unit. Filed again while pending, it replaces the form under review. The phone is not
 * typed: as in binding, the submit button is WeChat's 手机号快速验证 (getPhoneNumber) and the API
 * exchanges its code for the number WeChat verified; in H5 and the local stages a demo number stands
 * in (`dev-phone:<number>`, accepted there only). In three steps (个人信息, 工作与住址, 选择工会): 下一步
 * checks the step's fields; the ID number needs its own consent (what it is used for) before going on,
 * 民族 is picked from the 56 groups, and the phone is verified last, with the filing.
 */
export default function JoinApplicationPage({ phoneVerification = DEFAULT_PHONE_VERIFICATION }: { phoneVerification?: PhoneVerification } = {}) {
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [values, setValues] = useState<JoinValues>(emptyJoinForm);
  const [target, setTarget] = useState<OrgChoice | null>(null);
  const form = useApplicationForm(JOIN_FIELDS);
  const [step, setStep] = useState(0);
  const [idConsent, setIdConsent] = useState(false);
  const [consentError, setConsentError] = useState('');
  const [stepError, setStepError] = useState('');
  /** What the ID number filled in last: replaced when the ID changes, unless the member typed over it. */
  const implied = useRef<{ birthDate: string; sex: string }>({ birthDate: '', sex: '' });

  const load = useCallback(async () => {
    if (!readSession()) {
      setState({ kind: 'anonymous' });
      return;
    }
    try {
      const [me, mine] = await Promise.all([getMe(), listMyApplications()]);
      if (me.member) {
        setState({ kind: 'member' });
        return;
      }
      setState({ kind: 'ready', pending: mine.items.find((a) => a.kind === 'join' && a.status === 'pending') ?? null });
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);

  useDidShow(() => {
    if (state.kind !== 'ready') void load();
  });

  const [devPhone, setDevPhone] = useState('');
  const [devPhoneError, setDevPhoneError] = useState('');
  const [phoneError, setPhoneError] = useState('');
  const withPhone = (phoneCode: string) =>
    validateJoin({ ...values, phoneCode, targetOrgId: target?.id ?? '', idConsentVersion: idConsent ? JOIN_ID_CONSENT_VERSION : '' });
  const checked = withPhone(PENDING_PHONE);
  const errors = form.errorsOf(checked);
  const send = (phoneCode: string) => {
    if (!idConsent) {
      setConsentError(ID_CONSENT_REQUIRED);
      setStep(0);
      return;
    }
    void form.submit(withPhone(phoneCode), (request) => ({ kind: 'join', form: request }));
  };
  /** 下一步: the step's fields are checked (and shown) first; the first step also needs the ID consent. */
  const next = () => {
    const fields = STEPS[step]!.fields;
    for (const field of fields) form.touch(field);
    const wrong = !checked.ok && fields.some((field) => checked.errors[field]);
    const noConsent = step === 0 && !idConsent;
    if (noConsent) setConsentError(ID_CONSENT_REQUIRED);
    if (wrong || noConsent) {
      setStepError('请按提示修改标红的内容');
      return;
    }
    setStepError('');
    setStep(step + 1);
    try {
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    } catch {
      // No page to scroll (a test): nothing to do.
    }
  };
  const submitDev = () => {
    // Typed fields still wrong: marks them (the placeholder phone is never sent).
    if (!checked.ok) return send(PENDING_PHONE);
    const dev = devPhoneCode(devPhone);
    if ('error' in dev) return void setDevPhoneError(dev.error);
    send(dev.code);
  };
  const onWeChatPhone = (detail: { code?: string }) => {
    if (!detail.code) return void setPhoneError('需要验证您本人的手机号才能提交入会申请，请重新点击并允许');
    setPhoneError('');
    send(detail.code);
  };

  const set = <K extends JoinField>(field: K, value: JoinValues[K]) => {
    setValues((prev) => {
      const next = { ...prev, [field]: value };
      if (field === 'idNumber') {
        const fromId = impliedByIdNumber(String(value));
        if (fromId) {
          if (prev.birthDate === '' || prev.birthDate === implied.current.birthDate) next.birthDate = fromId.birthDate;
          if (prev.sex === '' || prev.sex === implied.current.sex) next.sex = fromId.sex;
          implied.current = fromId;
        }
      }
      return next;
    });
    form.changed(field);
  };
  const { touch } = form;

  const ethnicity = (
    <FormField label='民族' field='ethnicity' error={errors.ethnicity}>
      <ChipGroup id='join-ethnicity'>
        {COMMON_ETHNIC_GROUPS.map((group, index) => (
          <Chip
            key={group}
            id={`join-ethnicity-common-${index}`}
            active={values.ethnicity === group}
            onTap={() => {
              set('ethnicity', group);
              touch('ethnicity');
            }}
          >
            {group}
          </Chip>
        ))}
        <Picker
          id='join-ethnicity-picker'
          mode='selector'
          range={[...ETHNIC_GROUPS]}
          value={Math.max(0, ETHNIC_GROUPS.findIndex((g) => g === values.ethnicity))}
          onChange={(e) => {
            set('ethnicity', ETHNIC_GROUPS[Number(e.detail.value)] ?? '');
            touch('ethnicity');
          }}
        >
          <Chip active={values.ethnicity !== '' && !(COMMON_ETHNIC_GROUPS as readonly string[]).includes(values.ethnicity)} onTap={() => undefined}>
            {values.ethnicity !== '' && !(COMMON_ETHNIC_GROUPS as readonly string[]).includes(values.ethnicity) ? values.ethnicity : '其他民族 ▾'}
          </Chip>
        </Picker>
      </ChipGroup>
    </FormField>
  );

  const text = (field: TextField) => {
    const spec = TEXT_SPECS[field];
    return (
      <FormField label={spec.label} field={field} error={errors[field]}>
        <Input
          id={`join-${field}`}
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

  const choice = (field: ChoiceField) => (
    <FormField label={CHOICE_LABELS[field]} field={field} error={errors[field]}>
      <ChipGroup>
        {CHOICES[field].map((option) => (
          <Chip
            key={option.value}
            id={`join-${field}-${option.value}`}
            active={values[field] === option.value}
            onTap={() => {
              set(field, option.value as JoinValues[typeof field]);
              touch(field);
            }}
          >
            {option.label}
          </Chip>
        ))}
      </ChipGroup>
    </FormField>
  );

  if (state.kind === 'loading' || state.kind === 'anonymous' || state.kind === 'error') {
    return (
      <Page id='join-page'>
        <GatePanel gate={state} id='join' onRetry={() => void load()} loginHint='登录后即可在线申请加入工会。' />
      </Page>
    );
  }
  if (state.kind === 'member') {
    return (
      <Page id='join-page'>
        <NoticePanel id='join-member' title='您已是工会会员' text='您的账号已绑定工会会员身份，无需再申请入会。更换单位请办理会员关系转接。'>
          <Button type='primary' block onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
            查看我的会员卡
          </Button>
        </NoticePanel>
      </Page>
    );
  }

  return (
    <Page id='join-page'>
      {state.pending ? (
        <NoticePanel
          id='join-pending'
          title='您的入会申请正在办理'
          text='再次提交将以新填写的内容替换原申请，由您新选择的工会重新审核。'
        >
          <Button
            fill='outline'
            block
            onClick={() => void Taro.navigateTo({ url: `/apply/application/index?id=${encodeURIComponent(state.pending!.id)}` })}
          >
            查看办理进度
          </Button>
        </NoticePanel>
      ) : null}

      {/* Drawn with Views, not NutUI's Steps: its script and stylesheet would take 12 KiB of the main package. */}
      <View id='join-steps' className='join-steps' data-value={step + 1} aria-label={`第 ${step + 1} 步，共 ${STEPS.length} 步：${STEPS[step]!.title}`}>
        {STEPS.map((item, index) => (
          <View key={item.title} className={`join-step${index === step ? ' join-step--current' : index < step ? ' join-step--done' : ''}`}>
            <Text className='join-step__dot'>{index < step ? '✓' : index + 1}</Text>
            <Text className='join-step__title'>{item.title}</Text>
          </View>
        ))}
      </View>
      <View id='join-form' className='app-form'>
        {step === 0 ? (
          <>
            <View className='app-form__section'>个人信息</View>
            {text('name')}
            {text('idNumber')}
            <View
              id='join-id-consent'
              className={`join-consent${idConsent ? ' join-consent--checked' : ''}`}
              role='checkbox'
              aria-checked={idConsent}
              onClick={() => {
                setIdConsent(!idConsent);
                setConsentError('');
              }}
            >
              <Text className='join-consent__box'>{idConsent ? '✓' : ''}</Text>
              <Text className='join-consent__text'>
                我同意提供身份证号：身份证号加密保存，仅用于核验会员身份、办理入会和发放电子会员卡，不用于其他用途。
              </Text>
            </View>
            {consentError ? (
              <Text id='join-id-consent-error' className='app-form__error' data-field='idConsent'>
                {consentError}
              </Text>
            ) : null}
            {choice('sex')}
            {text('birthDate')}
            {ethnicity}
            {choice('politicalStatus')}
          </>
        ) : null}

        {step === 1 ? (
          <>
            <View className='app-form__section'>工作与学历</View>
            {choice('employmentStatus')}
            {text('workUnit')}
            {choice('education')}
            {choice('skillLevel')}
            <FormField label='是否农民工' field='migrantWorker' error={errors.migrantWorker}>
              <ChipGroup>
                {[true, false].map((answer) => (
                  <Chip
                    key={String(answer)}
                    id={`join-migrantWorker-${answer ? 'yes' : 'no'}`}
                    active={values.migrantWorker === answer}
                    onTap={() => {
                      set('migrantWorker', answer);
                      touch('migrantWorker');
                    }}
                  >
                    {answer ? '是' : '否'}
                  </Chip>
                ))}
              </ChipGroup>
            </FormField>

            <View className='app-form__section'>户籍与住址</View>
            {text('householdRegistration')}
            {text('residence')}
          </>
        ) : null}

        {step === LAST_STEP ? (
          <>
            <View className='app-form__section'>申请加入</View>
            <FormField
              label='要加入的工会'
              field='targetOrgId'
              error={errors.targetOrgId}
              hint='输入工作单位名称查找本单位的基层工会；单位尚未建会的，可选择所在地区的联合工会。'
            >
              <OrgPicker
                id='join-target'
                selected={target}
                onSelect={(org) => {
                  setTarget(org);
                  form.changed('targetOrgId');
                  if (org) touch('targetOrgId');
                }}
              />
            </FormField>
            {phoneVerification === 'dev' ? (
              <FormField label='手机号（演示）' field='phoneCode' error={devPhoneError || undefined}>
                <Input
                  id='join-mobile'
                  className='app-form__input'
                  type='number'
                  maxlength={11}
                  placeholder='开发环境代替微信手机号验证'
                  value={devPhone}
                  onInput={(e) => {
                    setDevPhone(e.detail.value);
                    setDevPhoneError('');
                  }}
                />
              </FormField>
            ) : (
              <FormField label='手机号' field='phoneCode' error={phoneError || undefined}>
                <Text id='join-phone-note' className='muted'>
                  提交时将通过微信验证您本人的手机号；审核进度和结果请在“我的办事”中查看。
                </Text>
              </FormField>
            )}
            <Text className='app-form__hint'>审核通过后，用本人手机号完成会员实名绑定即可领取电子会员卡。</Text>
          </>
        ) : null}
        {form.formError || stepError ? (
          <View id='join-form-error' className='app-form__form-error'>
            {form.formError || stepError}
          </View>
        ) : null}
        <View className='join-nav'>
          {step > 0 ? (
            <Button id='join-prev' fill='outline' onClick={() => setStep(step - 1)}>
              上一步
            </Button>
          ) : null}
          {step < LAST_STEP ? (
            <Button id='join-next' type='primary' onClick={next}>
              下一步
            </Button>
          ) : null}
        </View>
        {step < LAST_STEP ? null : phoneVerification === 'wechat' && checked.ok && idConsent ? (
          <WeChatButton
            id='join-submit'
            className='app-form__submit'
            openType='getPhoneNumber'
            disabled={form.submitting}
            onGetPhoneNumber={(e) => onWeChatPhone(e.detail)}
          >
            {form.submitting ? '正在提交…' : state.pending ? '验证手机号并重新提交' : '验证手机号并提交申请'}
          </WeChatButton>
        ) : (
          <Button
            id='join-submit'
            className='app-form__submit'
            type='primary'
            block
            loading={form.submitting}
            onClick={() => (phoneVerification === 'dev' ? submitDev() : send(PENDING_PHONE))}
          >
            {state.pending ? '重新提交申请' : '提交申请'}
          </Button>
        )}
        {/* WeChat holds the 获取手机号 button until its privacy guide is agreed to. */}
        {phoneVerification === 'wechat' ? <PrivacyPopup /> : null}
      </View>
    </Page>
  );
}

import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  AID_KIND_LABELS,
  AID_KINDS,
  FINANCE_CHECK_CONSENT_VERSION,
  HARDSHIP_CAUSE_LABELS,
  HARDSHIP_CAUSES,
  HARDSHIP_REGIONS,
  HEALTH_LABELS,
  HEALTH_STATES,
  HOUSING_LABELS,
  HOUSING_TYPES,
  PROOF_KIND_LABELS,
  PROOF_KINDS,
  RELATION_LABELS,
  RELATIONS,
  type CaseSummary,
  type ProofKind,
} from '../../../functions/hardship/contracts/hardship';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { FormField } from '../../components/application-form/field';
import { GatePanel, NoticePanel, gateOf, messageOf, type Gate } from '../../components/page-state';
import { ProofUpload, useProofs } from '../../components/proof-upload';
import { Page } from '../../components/page';
import { getMe } from '../../services/api';
import { ApiError } from '../../services/request';
import { getDraft, getMyHardship, saveDraft, submitCase } from '../../services/hardship';
import { readSession } from '../../services/session';
import { bankCardHint, groupDigits, yuan } from '../model';
import {
  buildForm,
  emptyDraft,
  emptyMember,
  formErrors,
  fromServerDraft,
  MAX_MEMBERS,
  MAX_PROOFS,
  missingProofs,
  offeredProofs,
  stepErrors,
  STEPS,
  toggleSecondary,
  toServerDraft,
  type DraftErrors,
  type HardshipDraft,
  type MemberDraft,
} from './form';
import '../../components/application-form/index.scss';
import '../hardship.scss';

type PageState = Gate | { kind: 'unbound' } | { kind: 'open'; open: CaseSummary } | { kind: 'ready' };

const LAST = STEPS.length - 1;
/** Where the contract reports a draft field's problem. */
const ERROR_PATHS: Partial<Record<keyof HardshipDraft, string>> = {
  housingType: 'housing.type',
  housingArea: 'housing.areaM2',
  address: 'housing.address',
  rigidExpenses: 'rigidExpensesFen',
  otherIncome: 'otherIncomeFen',
  bankName: 'payee.bankName',
  accountNumber: 'payee.accountNumber',
};
const optionsOf = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((value) => ({ value, label: labels[value] }));
const caseUrl = (id: string) => `/hardship/case/index?id=${encodeURIComponent(id)}`;

/**
 * 困难帮扶申请, in five steps: the household (each member's name, relation, ID number, health,
 * monthly income, school or employer; the applicant is 本人), housing and causes (one main of the
 * ten, up to three secondary), the aid asked for and the bank card (check digit hinted as typed),
 * the proofs the causes need (through the proof uploads), and the separate consent to the
 * family-finance check with its version. 下一步 checks the step with the contract's own rules and
 * keeps the draft on the server (POST /api/hardship/draft); the draft comes back on the next visit.
 */
export default function HardshipApply() {
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [draft, setDraft] = useState<HardshipDraft>(emptyDraft);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [consent, setConsent] = useState(false);
  const [formError, setFormError] = useState('');
  const [draftNote, setDraftNote] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const loaded = useRef(false);

  // One upload list per proof kind (hooks in a fixed order: every kind, shown or not).
  const proofLists = Object.fromEntries(PROOF_KINDS.map((kind) => [kind, useProofs({ max: 4 })])) as Record<ProofKind, ReturnType<typeof useProofs>>;
  const proofs = PROOF_KINDS.flatMap((kind) => proofLists[kind].keys.map((key) => ({ kind, key })));
  const uploading = PROOF_KINDS.some((kind) => proofLists[kind].uploading);

  const load = useCallback(async () => {
    if (!readSession()) return setState({ kind: 'anonymous' });
    try {
      const [me, mine, kept] = await Promise.all([getMe(), getMyHardship().catch(() => null), getDraft().catch(() => null)]);
      if (!me.member) return setState({ kind: 'unbound' });
      const open = mine?.cases.find((c) => c.status === 'pending' || c.status === 'paused');
      if (open) return setState({ kind: 'open', open });
      if (!loaded.current) {
        loaded.current = true;
        const restored = fromServerDraft(kept?.draft);
        const base = restored ?? emptyDraft();
        const self = base.members.find((m) => m.relation === 'self');
        if (self && self.name === '') self.name = me.member.name;
        // The city: the card number's region digits (46 + region + …) until the member picks another.
        const region = me.member.card.number.slice(2, 4);
        if (base.regionCode === '' && HARDSHIP_REGIONS.some((r) => r.code === region)) base.regionCode = region;
        setDraft(base);
        if (restored && kept?.updatedAt) setDraftNote('已恢复您上次保存的草稿');
      }
      setState({ kind: 'ready' });
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);
  useDidShow(() => {
    if (state.kind !== 'ready') void load();
  });

  const change = (patch: Partial<HardshipDraft>) => {
    setDraft((prev) => ({ ...prev, ...patch }));
    setFormError('');
    // A field changed is no longer wrong until checked again.
    const paths = Object.keys(patch).map((key) => ERROR_PATHS[key as keyof HardshipDraft] ?? key);
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !paths.includes(k))));
  };
  const changeMember = (index: number, patch: Partial<MemberDraft>) => {
    setDraft((prev) => ({ ...prev, members: prev.members.map((m, i) => (i === index ? { ...m, ...patch } : m)) }));
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith(`members.${index}.`))));
  };

  const keepDraft = async () => {
    try {
      await saveDraft({ form: toServerDraft(draft) });
      setDraftNote('草稿已保存，下次打开可继续填写（银行卡号和证明材料不保存在草稿中）');
    } catch {
      setDraftNote('草稿暂未保存到服务器，请不要关闭页面');
    }
  };

  const scrollTop = () => {
    try {
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    } catch {
      // No page to scroll (a test).
    }
  };

  const next = () => {
    const found = stepErrors(STEPS[step]!.key, draft, proofs);
    setErrors(found);
    if (Object.keys(found).length > 0) return setFormError('请按提示修改标红的内容');
    if (STEPS[step]!.key === 'proofs' && uploading) return setFormError('图片还在上传，请稍候');
    setFormError('');
    setStep(step + 1);
    void keepDraft();
    scrollTop();
  };

  const submit = async () => {
    if (!consent) return setFormError('请阅读并同意家庭经济状况核对授权');
    if (uploading) return setFormError('图片还在上传，请稍候');
    const { form, amountErrors } = buildForm(draft, proofs);
    const checked = formErrors(form);
    const missing = missingProofs(draft, proofs);
    if (!checked.ok || Object.keys(amountErrors).length > 0 || missing.length > 0) {
      // Back to the first step with a problem.
      const first = STEPS.findIndex((s) => Object.keys(stepErrors(s.key, draft, proofs)).length > 0);
      if (first >= 0) {
        setStep(first);
        setErrors(stepErrors(STEPS[first]!.key, draft, proofs));
      }
      return setFormError('还有内容没有填好，请按提示修改');
    }
    setSubmitting(true);
    setFormError('');
    try {
      const { case: filed } = await submitCase({ form: checked.form, financeCheckConsent: { agreed: true, version: FINANCE_CHECK_CONSENT_VERSION } });
      void Taro.redirectTo({ url: caseUrl(filed.id) });
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) setErrors(Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.replace(/^form\./, ''), v])));
      setFormError(messageOf(error, '提交失败，请稍后再试'));
    } finally {
      setSubmitting(false);
    }
  };

  if (state.kind === 'loading' || state.kind === 'anonymous' || state.kind === 'error') {
    return (
      <Page id='hardship-apply-page'>
        <GatePanel gate={state} id='hardship-apply' onRetry={() => void load()} loginHint='登录并绑定会员身份后即可在线申请困难帮扶。' />
      </Page>
    );
  }
  if (state.kind === 'unbound') {
    return (
      <Page id='hardship-apply-page'>
        <NoticePanel id='hardship-apply-unbound' title='请先绑定会员身份' text='困难帮扶面向工会会员，绑定会员身份后即可申请。'>
          <Button type='primary' block onClick={() => void Taro.navigateTo({ url: '/pages/binding/index' })}>
            去绑定
          </Button>
        </NoticePanel>
      </Page>
    );
  }
  if (state.kind === 'open') {
    return (
      <Page id='hardship-apply-page'>
        <NoticePanel id='hardship-apply-open' title='您的帮扶申请正在办理' text='一户只能有一件申请在办理中，请查看办理进度；办结后如有需要可再次申请。'>
          <Button type='primary' block onClick={() => void Taro.navigateTo({ url: caseUrl(state.open.id) })}>
            查看办理进度
          </Button>
        </NoticePanel>
      </Page>
    );
  }

  const err = (path: string) => errors[path];
  const chips = <K extends string>(id: string, options: Array<{ value: K; label: string }>, active: (v: K) => boolean, onTap: (v: K) => void) => (
    <ChipGroup id={id}>
      {options.map((o) => (
        <Chip key={o.value} id={`${id}-${o.value}`} active={active(o.value)} onTap={() => onTap(o.value)}>
          {o.label}
        </Chip>
      ))}
    </ChipGroup>
  );
  const current = STEPS[step]!.key;
  const accountHint = bankCardHint(draft.accountNumber);

  return (
    <Page id='hardship-apply-page'>
      <View id='hardship-steps' className='hardship-steps' data-value={step + 1} aria-label={`第 ${step + 1} 步，共 ${STEPS.length} 步：${STEPS[step]!.title}`}>
        {STEPS.map((item, index) => (
          <View key={item.key} className={`hardship-step${index === step ? ' hardship-step--current' : index < step ? ' hardship-step--done' : ''}`}>
            <Text className='hardship-step__dot'>{index < step ? '✓' : index + 1}</Text>
            <Text className='hardship-step__title'>{item.title}</Text>
          </View>
        ))}
      </View>

      <View id='hardship-form' className='app-form'>
        {current === 'household' ? (
          <>
            <View className='app-form__section'>共同生活的家庭成员（含本人），身份证号加密保存、仅用于核对家庭经济状况</View>
            {draft.members.map((m, i) => (
              <View key={i} id={`hardship-member-${i}`} className='hardship-member'>
                <View className='hardship-member__head'>
                  <Text>{m.relation === 'self' ? '本人' : `家庭成员 ${i + 1}`}</Text>
                  {m.relation !== 'self' ? (
                    <View
                      id={`hardship-member-${i}-remove`}
                      className='hardship-link'
                      role='button'
                      onClick={() => change({ members: draft.members.filter((_, j) => j !== i) })}
                    >
                      删除
                    </View>
                  ) : null}
                </View>
                <FormField label='姓名' field={`members-${i}-name`} error={err(`members.${i}.name`)}>
                  <Input id={`hardship-member-${i}-name`} className='app-form__input' maxlength={30} placeholder='与身份证一致' value={m.name} onInput={(e) => changeMember(i, { name: e.detail.value })} />
                </FormField>
                {m.relation !== 'self' ? (
                  <FormField label='与本人关系' field={`members-${i}-relation`} error={err(`members.${i}.relation`)}>
                    {chips(`hardship-member-${i}-relation`, optionsOf(RELATIONS.filter((r) => r !== 'self'), RELATION_LABELS), (v) => m.relation === v, (v) => changeMember(i, { relation: v }))}
                  </FormField>
                ) : null}
                <FormField label='身份证号' field={`members-${i}-idNumber`} error={err(`members.${i}.idNumber`)}>
                  <Input id={`hardship-member-${i}-idNumber`} className='app-form__input' type='idcard' maxlength={18} placeholder='18位居民身份证号' value={m.idNumber} onInput={(e) => changeMember(i, { idNumber: e.detail.value })} />
                </FormField>
                <FormField label='健康状况' field={`members-${i}-health`} error={err(`members.${i}.health`)}>
                  {chips(`hardship-member-${i}-health`, optionsOf(HEALTH_STATES, HEALTH_LABELS), (v) => m.health === v, (v) => changeMember(i, { health: v }))}
                </FormField>
                <FormField label='月收入（元）' field={`members-${i}-monthlyIncomeFen`} error={err(`members.${i}.monthlyIncomeFen`)} hint='工资、养老金、经营收入等，没有收入填 0'>
                  <Input id={`hardship-member-${i}-income`} className='app-form__input' type='digit' maxlength={10} placeholder='如 2800' value={m.income} onInput={(e) => changeMember(i, { income: e.detail.value })} />
                </FormField>
                <FormField label='工作单位或就读学校' field={`members-${i}-schoolOrEmployer`} error={err(`members.${i}.schoolOrEmployer`)}>
                  <Input id={`hardship-member-${i}-school`} className='app-form__input' maxlength={60} placeholder='没有可不填' value={m.schoolOrEmployer} onInput={(e) => changeMember(i, { schoolOrEmployer: e.detail.value })} />
                </FormField>
              </View>
            ))}
            {err('members') ? (
              <Text id='field-members-error' className='app-form__error'>
                {err('members')}
              </Text>
            ) : null}
            {draft.members.length < MAX_MEMBERS ? (
              <View id='hardship-member-add' className='hardship-add' role='button' onClick={() => change({ members: [...draft.members, emptyMember()] })}>
                ＋ 添加家庭成员
              </View>
            ) : null}
          </>
        ) : null}

        {current === 'cause' ? (
          <>
            <View className='app-form__section'>住房情况</View>
            <FormField label='住房类型' field='housing-type' error={err('housing.type')}>
              {chips('hardship-housing', optionsOf(HOUSING_TYPES, HOUSING_LABELS), (v) => draft.housingType === v, (v) => change({ housingType: v }))}
            </FormField>
            <FormField label='建筑面积（平方米）' field='housing-areaM2' error={err('housing.areaM2')} hint='没有住房填 0'>
              <Input id='hardship-housing-area' className='app-form__input' type='digit' maxlength={7} placeholder='如 56' value={draft.housingArea} onInput={(e) => change({ housingArea: e.detail.value })} />
            </FormField>
            <FormField label='家庭住址' field='housing-address' error={err('housing.address')}>
              <Input id='hardship-address' className='app-form__input' maxlength={100} placeholder='如 海口市美兰区海甸岛某小区3栋' value={draft.address} onInput={(e) => change({ address: e.detail.value })} />
            </FormField>
            <FormField label='户口所在市县' field='regionCode' error={err('regionCode')} hint='按所在市县的低保标准核定困难类别'>
              <Picker
                id='hardship-apply-region-picker'
                mode='selector'
                range={HARDSHIP_REGIONS.map((r) => r.name)}
                value={Math.max(0, HARDSHIP_REGIONS.findIndex((r) => r.code === draft.regionCode))}
                onChange={(e) => change({ regionCode: HARDSHIP_REGIONS[Number(e.detail.value)]?.code ?? '' })}
              >
                <View id='hardship-apply-region' className='hardship-picker' role='button' aria-label='选择户口所在市县'>
                  {HARDSHIP_REGIONS.find((r) => r.code === draft.regionCode)?.name ?? '请选择'} ▾
                </View>
              </Picker>
            </FormField>

            <View className='app-form__section'>致困原因</View>
            <FormField label='主要致困原因（选一项）' field='mainCause' error={err('mainCause')}>
              {chips(
                'hardship-main-cause',
                optionsOf(HARDSHIP_CAUSES, HARDSHIP_CAUSE_LABELS),
                (v) => draft.mainCause === v,
                (v) => change({ mainCause: v, secondaryCauses: draft.secondaryCauses.filter((c) => c !== v) }),
              )}
            </FormField>
            <FormField label='次要致困原因（最多三项，可不选）' field='secondaryCauses' error={err('secondaryCauses')}>
              {chips(
                'hardship-secondary-cause',
                optionsOf(
                  HARDSHIP_CAUSES.filter((c) => c !== draft.mainCause),
                  HARDSHIP_CAUSE_LABELS,
                ),
                (v) => draft.secondaryCauses.includes(v),
                (v) => change({ secondaryCauses: toggleSecondary(draft, v) }),
              )}
            </FormField>
            <FormField label='是否为农民工' field='migrantWorker' error={err('migrantWorker')} hint='困难农民工需在城镇实际就业满一年，并上传劳动合同'>
              <ChipGroup id='hardship-migrant'>
                {[true, false].map((answer) => (
                  <Chip key={String(answer)} id={`hardship-migrant-${answer ? 'yes' : 'no'}`} active={draft.migrantWorker === answer} onTap={() => change({ migrantWorker: answer })}>
                    {answer ? '是' : '否'}
                  </Chip>
                ))}
              </ChipGroup>
            </FormField>
            <FormField label='困难情况说明' field='statement' error={err('statement')}>
              <Textarea
                id='hardship-statement'
                className='app-form__textarea'
                maxlength={500}
                placeholder='简要说明家庭遇到的困难，如患病、失业、子女上学等'
                value={draft.statement}
                onInput={(e) => change({ statement: e.detail.value })}
              />
              <Text className='app-form__counter'>{draft.statement.length}/500</Text>
            </FormField>
          </>
        ) : null}

        {current === 'aid' ? (
          <>
            <View className='app-form__section'>申请的帮扶</View>
            <FormField label='帮扶类型（可多选）' field='aid' error={err('aid')}>
              {chips(
                'hardship-aid',
                optionsOf(AID_KINDS, AID_KIND_LABELS),
                (v) => draft.aid.includes(v),
                (v) => change({ aid: draft.aid.includes(v) ? draft.aid.filter((a) => a !== v) : [...draft.aid, v] }),
              )}
            </FormField>
            <FormField label='家庭年度刚性支出（元）' field='rigidExpensesFen' error={err('rigidExpensesFen')} hint='全年自付的医疗费、子女教育费等，没有填 0'>
              <Input id='hardship-rigid' className='app-form__input' type='digit' maxlength={12} placeholder='如 24000' value={draft.rigidExpenses} onInput={(e) => change({ rigidExpenses: e.detail.value })} />
            </FormField>
            <FormField label='家庭其他非工资年收入（元）' field='otherIncomeFen' error={err('otherIncomeFen')} hint='租金、赔偿、补助等，没有填 0'>
              <Input id='hardship-other-income' className='app-form__input' type='digit' maxlength={12} placeholder='没有填 0' value={draft.otherIncome} onInput={(e) => change({ otherIncome: e.detail.value })} />
            </FormField>

            <View className='app-form__section'>收款银行卡（本人名下，加密保存）</View>
            <FormField label='开户银行' field='payee-bankName' error={err('payee.bankName')}>
              <Input id='hardship-bank' className='app-form__input' maxlength={40} placeholder='如 中国工商银行海口分行' value={draft.bankName} onInput={(e) => change({ bankName: e.detail.value })} />
            </FormField>
            <FormField label='银行卡号' field='payee-accountNumber' error={err('payee.accountNumber') ?? accountHint ?? undefined} hint='填写时自动核对银行卡号的校验位'>
              <Input
                id='hardship-account'
                className='app-form__input'
                type='number'
                maxlength={23}
                placeholder='16到19位数字'
                value={groupDigits(draft.accountNumber)}
                onInput={(e) => change({ accountNumber: e.detail.value.replace(/\s+/g, '') })}
              />
            </FormField>
          </>
        ) : null}

        {current === 'proofs' ? (
          <>
            <View className='app-form__section'>按致困原因上传证明材料（JPG/PNG，每项最多 4 张，共不超过 {MAX_PROOFS} 张）</View>
            {offeredProofs(draft).map((kind) => (
              <FormField key={kind} label={`${PROOF_KIND_LABELS[kind]}${missingProofs(draft, []).includes(kind) ? '（必传）' : '（选传）'}`} field={`proofs-${kind}`}>
                <ProofUpload id={`hardship-proofs-${kind}`} proofs={proofLists[kind]} />
              </FormField>
            ))}
            {err('proofs') ? (
              <Text id='field-proofs-error' className='app-form__error'>
                {err('proofs')}
              </Text>
            ) : null}
          </>
        ) : null}

        {current === 'consent' ? (
          <>
            <View className='app-form__section'>核对与提交</View>
            <View id='hardship-summary' className='hardship-facts'>
              <View className='hardship-fact'>
                <Text className='hardship-fact__label'>家庭人口</Text>
                <Text>{draft.members.length} 人</Text>
              </View>
              <View className='hardship-fact'>
                <Text className='hardship-fact__label'>主要致困原因</Text>
                <Text>{HARDSHIP_CAUSE_LABELS[draft.mainCause as keyof typeof HARDSHIP_CAUSE_LABELS] ?? ''}</Text>
              </View>
              <View className='hardship-fact'>
                <Text className='hardship-fact__label'>申请帮扶</Text>
                <Text>{draft.aid.map((a) => AID_KIND_LABELS[a as keyof typeof AID_KIND_LABELS]).join('、')}</Text>
              </View>
              <View className='hardship-fact'>
                <Text className='hardship-fact__label'>证明材料</Text>
                <Text>{proofs.length} 张</Text>
              </View>
              <View className='hardship-fact'>
                <Text className='hardship-fact__label'>刚性支出</Text>
                <Text>{buildForm(draft, []).form.rigidExpensesFen !== undefined ? yuan(buildForm(draft, []).form.rigidExpensesFen as number) : ''}</Text>
              </View>
            </View>
            <View
              id='hardship-consent'
              className={`hardship-consent${consent ? ' hardship-consent--checked' : ''}`}
              role='checkbox'
              aria-checked={consent}
              data-version={FINANCE_CHECK_CONSENT_VERSION}
              onClick={() => {
                setConsent(!consent);
                setFormError('');
              }}
            >
              <Text className='hardship-consent__box'>{consent ? '✓' : ''}</Text>
              <Text>
                我和共同生活的家庭成员同意工会会同民政等部门核对我们的家庭经济状况（收入、存款、房产、车辆、工商登记等），所填家庭成员的身份证号和收入仅用于困难职工认定和帮扶，不作他用。入户核查时将请家庭成员在纸质授权书上签字。《家庭经济状况核对授权书》版本 {FINANCE_CHECK_CONSENT_VERSION}
              </Text>
            </View>
            <Text className='app-form__hint'>提交后由所在基层工会初审，再经入户核查、帮扶中心审核、公示和审批；每个环节的办理时限可在办理进度中查看。</Text>
          </>
        ) : null}

        {formError ? (
          <View id='hardship-form-error' className='app-form__form-error' role='alert'>
            {formError}
          </View>
        ) : null}
        <View className='hardship-nav'>
          {step > 0 ? (
            <Button id='hardship-prev' fill='outline' onClick={() => setStep(step - 1)}>
              上一步
            </Button>
          ) : null}
          {step < LAST ? (
            <Button id='hardship-next' type='primary' onClick={next}>
              下一步
            </Button>
          ) : null}
        </View>
        {step === LAST ? (
          <Button id='hardship-submit' className='app-form__submit' type='primary' block loading={submitting} onClick={() => void submit()}>
            提交申请
          </Button>
        ) : null}
        {draftNote ? (
          <Text id='hardship-draft-note' className='hardship-draft'>
            {draftNote}
          </Text>
        ) : null}
      </View>
    </Page>
  );
}

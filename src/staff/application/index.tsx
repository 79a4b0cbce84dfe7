import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { DECISION_LABELS, type ApplicationView, type Decision } from '../../../functions/applications/contracts/applications';
import { ApplicationDetail } from '../../components/application/detail';
import { deadlineLabel, validateDecision, type DecisionErrors } from '../../components/application/model';
import { GatePanel } from '../../components/page-state';
import { useApplicationPage } from '../../components/application/use-application-page';
import { FormField, formFieldErrors, refusalOf } from '../../components/application-form/field';
import { OrgPicker, type OrgChoice } from '../../components/org-picker';
import { decideApplication } from '../../services/applications';
import { ApiError } from '../../services/request';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { FollowUpForm } from './follow-up-form';
import { REASON_TEMPLATES, withTemplate } from './reasons';
import { Page } from '../../components/page';
import '../../components/application-form/index.scss';
import { confirmSheet } from '../../components/confirm-sheet';
import '../staff.scss';
import './index.scss';

type Notice = { tone: 'ok' | 'error'; text: string } | null;

const COMMENT_MAX = 200;

const BUTTON_TYPES: Record<Decision, { type: 'primary' | 'danger' | 'default'; fill: 'solid' | 'outline' }> = {
  approve: { type: 'primary', fill: 'solid' },
  reject: { type: 'danger', fill: 'outline' },
  forward: { type: 'default', fill: 'outline' },
};

/** What the confirmation says before a decision is sent. */
function confirmText(decision: Decision, application: ApplicationView, forwardTo: OrgChoice | null): string {
  if (decision === 'reject') return '驳回后本申请即终止，申请人将看到驳回原因。确定驳回？';
  if (decision === 'forward') return `转交给“${forwardTo?.name ?? ''}”审核，本环节即结束。确定转交？`;
  const open = application.steps.findIndex((s) => s.id === application.currentStepId);
  return open === application.steps.length - 1 ? '这是最后一个审核环节，同意后申请即办结。确定同意？' : '同意后将进入下一审核环节。确定同意？';
}

/**
 * 申请审核 (`?id=`): one application for its reviewers, with the decision on its open step and, for a
 * 差评 whose 回访 the official may record, the 回访 form (the recorded one shows in 评价与回访).
 */
export default function StaffApplicationPage() {
  const { applicationId, state, show, reload } = useApplicationPage();
  const [comment, setComment] = useState('');
  const [forwardTo, setForwardTo] = useState<OrgChoice | null>(null);
  const [errors, setErrors] = useState<DecisionErrors>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);

  const decide = async (decision: Decision) => {
    if (busy || state.kind !== 'ready' || !state.application.currentStepId) return;
    const { application } = state;
    const checked = validateDecision({ stepId: application.currentStepId!, decision, comment, toOrgId: forwardTo?.id ?? '' });
    setNotice(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const confirm = await confirmSheet({
      title: DECISION_LABELS[decision],
      content: confirmText(decision, application, forwardTo),
      danger: decision === 'reject',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      show((await decideApplication(applicationId, checked.request)).application);
      setComment('');
      setForwardTo(null);
      setNotice({ tone: 'ok', text: `已${DECISION_LABELS[decision]}` });
      void Taro.showToast({ title: `已${DECISION_LABELS[decision]}`, icon: 'success' });
    } catch (error) {
      // The API's Chinese message, e.g. ALREADY_DECIDED's 该审核环节已经处理过了…
      const refusal = refusalOf(error);
      setNotice({ tone: 'error', text: refusal.message });
      if (error instanceof ApiError && (error.code === 'ALREADY_DECIDED' || error.code === 'APPLICATION_NOT_PENDING')) {
        // Someone else decided first: show what they decided.
        void reload();
      } else {
        setErrors(formFieldErrors(refusal.fields, ['comment', 'toOrgId'] as const));
      }
    } finally {
      setBusy(false);
    }
  };

  if (state.kind !== 'ready') {
    return (
      <Page id='staff-application-page'>
        <GatePanel gate={state} id='staff-application' onRetry={() => void reload()} />
      </Page>
    );
  }

  const { application, now } = state;
  const step = application.steps.find((s) => s.id === application.currentStepId) ?? null;
  const decisions = application.can.decide;
  const deadline = step ? deadlineLabel(step, now) : null;

  // 困难帮扶 is decided on its own page (the visit record, 公示, the category): not through the engine's panel.
  const panel =
    step && decisions.length > 0 && application.kind !== 'hardship' ? (
      <View id='decision-panel' className='panel'>
        <View className='panel__title'>审核：{step.name}</View>
        <View className='staff-card__meta'>
          {step.org.name}
          {deadline ? <Text className={step.overdue ? 'decision-overdue' : ''}> · {deadline}</Text> : null}
        </View>
        <View className='decision-fields'>
          <FormField label='审核意见' field='comment' error={errors.comment} hint='同意时可不填；驳回、转交须写明原因，申请人可以看到。'>
            <ChipGroup id='decision-templates' className='decision-templates'>
              {REASON_TEMPLATES.map((template, index) => (
                <Chip
                  key={template}
                  id={`decision-template-${index}`}
                  active={comment.includes(template)}
                  onTap={() => {
                    setComment((prev) => withTemplate(prev, template));
                    setErrors((prev) => ({ ...prev, comment: undefined }));
                  }}
                >
                  {template}
                </Chip>
              ))}
            </ChipGroup>
            <Textarea
              id='decision-comment'
              className='app-form__textarea'
              placeholder='填写审核意见'
              maxlength={COMMENT_MAX}
              value={comment}
              onInput={(e) => {
                setComment(e.detail.value);
                setErrors((prev) => ({ ...prev, comment: undefined }));
              }}
            />
          </FormField>
          {decisions.includes('forward') ? (
            <FormField label='转交给（仅转交时选择）' field='toOrgId' error={errors.toOrgId}>
              <OrgPicker
                id='decision-forward-org'
                selected={forwardTo}
                onSelect={(org) => {
                  setForwardTo(org);
                  setErrors((prev) => ({ ...prev, toOrgId: undefined }));
                }}
                disabledId={step.org.id}
                disabledNote='当前审核工会'
              />
            </FormField>
          ) : null}
        </View>
        <View id='decision-buttons' className='app-actions'>
          {decisions.map((decision) => (
            <Button
              key={decision}
              id={`decision-${decision}`}
              type={BUTTON_TYPES[decision].type}
              fill={BUTTON_TYPES[decision].fill}
              disabled={busy}
              onClick={() => void decide(decision)}
            >
              {DECISION_LABELS[decision]}
            </Button>
          ))}
        </View>
        {errors.form ? <View className='app-message app-message--error'>{errors.form}</View> : null}
      </View>
    ) : null;

  return (
    <Page id='staff-application-page'>
      {notice ? (
        <View id='decision-notice' className={`panel app-message app-message--${notice.tone}`}>
          {notice.text}
        </View>
      ) : null}
      {!panel && application.status === 'pending' ? (
        <View id='decision-none' className='panel muted'>
          当前环节由 {step?.org.name ?? '其他工会'} 办理，您可以查看进度。
        </View>
      ) : null}
      <ApplicationDetail application={application} now={now}>
        {application.can.followUp && application.followUp?.status === 'open' ? (
          <FollowUpForm
            application={application}
            now={now}
            onRecorded={(recorded) => {
              show(recorded);
              setNotice({ tone: 'ok', text: '已登记回访' });
            }}
            onStale={() => void reload()}
          />
        ) : null}
      </ApplicationDetail>
      {/* The decision below the case it decides: read first, then decide. */}
      {panel}
    </Page>
  );
}

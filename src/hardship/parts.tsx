import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import {
  AID_KIND_LABELS,
  CASE_STATUS_LABELS,
  HARDSHIP_CATEGORY_LABELS,
  HEALTH_LABELS,
  RELATION_LABELS,
  type CaseStepView,
  type HouseholdMemberView,
  type PaymentView,
} from '../../functions/hardship/contracts/hardship';
import { StatusTag } from '../components/status-tag';
import { Row } from '../components/application/row';
import { formatDateTime } from '../components/benefit/format';
import { formatDate, STEP_TONES } from '../components/application/model';
import { CASE_STATUS_TONES, CATEGORY_TONES, STEP_STATUS_LABELS, yuan } from './model';
import '../components/application/index.scss';

/** 困难帮扶's shared parts: the steps with their deadlines, the household, the aid paid. */

export { Row };

/** A case's state in a pill (the id on a wrapper: NutUI's Tag drops it in WeChat). */
export function CaseStatusTag({ status, id }: { status: keyof typeof CASE_STATUS_LABELS; id?: string }) {
  return (
    <View id={id} className='hardship-tag' data-status={status}>
      <StatusTag tone={CASE_STATUS_TONES[status]}>{CASE_STATUS_LABELS[status]}</StatusTag>
    </View>
  );
}

export function CategoryTag({ category, id }: { category: keyof typeof HARDSHIP_CATEGORY_LABELS; id?: string }) {
  return (
    <View id={id} className='hardship-tag' data-category={category}>
      <StatusTag tone={CATEGORY_TONES[category]}>{HARDSHIP_CATEGORY_LABELS[category]}</StatusTag>
    </View>
  );
}

/** A step's deadline as it is read: "5月20日（周三）前办结", overdue marked; 公示's "公示至…". */
function dueLabel(step: CaseStepView, now: number): string | null {
  if (!step.dueDate || step.status !== 'open') return null;
  if (step.step === 'publicity') return `公示至${formatDate(step.dueDate, now)}`;
  const due = `${formatDate(step.dueDate, now)}前办结`;
  return step.overdue ? `已超期：应于${due}` : due;
}

/** The five steps: union, state, deadline (overdue marked), who decided when, the comment. */
export function CaseSteps({ steps, now }: { steps: CaseStepView[]; now: number }) {
  return (
    <View id='hardship-case-steps' className='app-steps'>
      {steps.map((step, index) => {
        const due = dueLabel(step, now);
        return (
          <View
            key={step.step}
            id={`hardship-step-${step.step}`}
            className={`app-step app-step--${STEP_TONES[step.status]}`}
            data-status={step.status}
            data-overdue={step.overdue ? 'true' : 'false'}
          >
            <View className='app-step__rail'>
              <View className='app-step__dot'>{index + 1}</View>
              {index < steps.length - 1 ? <View className='app-step__line' /> : null}
            </View>
            <View className='app-step__body'>
              <View className='app-step__head'>
                <Text className='app-step__name'>{step.name}</Text>
                <Text className='app-step__status'>{STEP_STATUS_LABELS[step.status]}</Text>
              </View>
              <View className='app-step__org'>{step.org.name}</View>
              {due ? (
                <View className={`app-step__due${step.overdue ? ' app-step__due--overdue' : ''}`} data-role='deadline'>
                  {due}
                </View>
              ) : null}
              {step.decidedAt ? (
                <View className='app-step__note' data-role='decided'>
                  {step.decidedByOrg?.name ?? '平台管理员'} · {formatDateTime(step.decidedAt)}
                </View>
              ) : null}
              {step.comment ? (
                <View className='app-step__comment' data-role='comment'>
                  意见：{step.comment}
                </View>
              ) : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}

/** The household, ID numbers masked as the API answers them. */
export function Household({ members }: { members: HouseholdMemberView[] }) {
  return (
    <View id='hardship-household'>
      {members.map((m, i) => (
        <View key={`${m.idNumberMasked}-${i}`} className='hardship-member' id={`hardship-household-${i}`}>
          <View className='hardship-member__head'>
            <Text>{m.name}</Text>
            <Text className='muted'>{RELATION_LABELS[m.relation]}</Text>
          </View>
          <View className='muted'>
            {m.idNumberMasked} · {HEALTH_LABELS[m.health]} · 月收入 {yuan(m.monthlyIncomeFen)}
            {m.schoolOrEmployer ? ` · ${m.schoolOrEmployer}` : ''}
          </View>
        </View>
      ))}
    </View>
  );
}

/** Aid recorded against the file: paid, or waiting for the second person's confirmation. */
export function Payments({ payments, id = 'hardship-payments', action }: { payments: PaymentView[]; id?: string; action?: (p: PaymentView) => ReactNode }) {
  if (payments.length === 0) {
    return (
      <View id={`${id}-empty`} className='muted'>
        暂无帮扶发放记录
      </View>
    );
  }
  return (
    <View id={id}>
      {payments.map((p) => (
        <View key={p.id} id={`${id}-${p.id}`} className='hardship-list-item' data-status={p.status}>
          <View className='hardship-list-item__head'>
            <Text>
              {AID_KIND_LABELS[p.aid]} {yuan(p.amountFen)}
            </Text>
            <StatusTag tone={p.status === 'paid' ? 'success' : 'progress'}>{p.status === 'paid' ? '已发放' : '待确认发放'}</StatusTag>
          </View>
          <View className='muted'>
            {p.paidAt ? `发放于 ${formatDateTime(p.paidAt)}` : `登记于 ${formatDateTime(p.recordedAt)}`}
            {p.note ? ` · ${p.note}` : ''}
          </View>
          {action ? action(p) : null}
        </View>
      ))}
    </View>
  );
}

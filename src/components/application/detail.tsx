import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import {
  APPLICATION_KIND_LABELS,
  EDUCATION_LABELS,
  EMPLOYMENT_STATUS_LABELS,
  POLITICAL_STATUS_LABELS,
  SKILL_LEVEL_LABELS,
  STEP_STATUS_LABELS,
  TIMELINE_ACTION_LABELS,
  type ApplicationView,
} from '../../../functions/applications/contracts/applications';
import { PayoutRows } from './payout';
import { Row } from './row';
import { receiptNumber } from '../../../functions/applications/contracts/receipt';
import { formatDateTime, formatFen } from '../benefit/format';
import { OverdueTag, StatusTag } from './card';
import { actorLabel, deadlineLabel, decidedByLabel, STEP_TONES } from './model';
import { FeedbackPanel } from './rating';
import './index.scss';

type SubsidyFormView = Extract<ApplicationView['form'], { kind: 'subsidy' }>;

/** The ticket images of a subsidy: thumbnails that open WeChat's image viewer. */
function ProofThumbnails({ urls }: { urls: string[] }) {
  if (urls.length === 0) return <Text className='muted'>无</Text>;
  return (
    <View id='application-proofs' className='app-proofs'>
      {urls.map((url, index) => (
        <Image
          key={url}
          id={`application-proof-${index}`}
          className='app-proofs__image'
          src={url}
          mode='aspectFill'
          onClick={() => void Taro.previewImage({ urls, current: url })}
        />
      ))}
    </View>
  );
}

/** A subsidy: the campaign, the journey, the fare, the amount computed at filing, the tickets and, once approved, the payout. */
function SubsidyRows({ form, applicationId, onChanged }: { form: SubsidyFormView; applicationId: string; onChanged?: (application: ApplicationView) => void }) {
  return (
    <>
      <Row label='补贴活动' id='application-campaign'>
        {form.campaign.title}
      </Row>
      <Row label='乘车日期' id='application-travel-date'>
        {form.travelDate}
      </Row>
      <Row label='行程' id='application-journey'>
        {form.fromStation} → {form.toStation}
      </Row>
      <Row label='票价' id='application-fare'>
        {formatFen(form.fareFen)}
      </Row>
      <Row label='补贴金额' id='application-amount'>
        {formatFen(form.amountFen)}
      </Row>
      <PayoutRows form={form} applicationId={applicationId} onChanged={onChanged} />
      <Row label='票据图片'>
        <ProofThumbnails urls={form.proofUrls} />
      </Row>
    </>
  );
}

/** What was filed: the two unions and the reason of a transfer, a subsidy's journey and tickets, the fields of a join (ID number masked). */
function FormRows({ form, applicationId, onChanged }: { form: ApplicationView['form']; applicationId: string; onChanged?: (application: ApplicationView) => void }) {
  if (form.kind === 'subsidy') return <SubsidyRows form={form} applicationId={applicationId} onChanged={onChanged} />;
  // 困难帮扶: the household's data is read (and each read audited) on its own page in the hardship subpackage.
  if (form.kind === 'hardship') {
    return (
      <Row label='申请内容' id='application-hardship'>
        <Text className='app-link' onClick={() => void Taro.navigateTo({ url: `/hardship/case/index?id=${encodeURIComponent(applicationId)}` })}>
          查看申请内容
        </Text>
      </Row>
    );
  }
  if (form.kind === 'transfer') {
    return (
      <>
        <Row label='转出工会' id='application-from'>
          {form.from.name}
        </Row>
        <Row label='转入工会' id='application-to'>
          {form.to.name}
        </Row>
        <Row label='转会原因' id='application-reason'>
          {form.reason}
        </Row>
      </>
    );
  }
  return (
    <>
      <Row label='申请加入' id='application-target'>
        {form.targetOrg.name}
      </Row>
      <Row label='姓名'>{form.name}</Row>
      <Row label='性别'>{form.sex === 'male' ? '男' : '女'}</Row>
      <Row label='出生日期'>{form.birthDate}</Row>
      <Row label='民族'>{form.ethnicity}</Row>
      <Row label='身份证号'>{form.idNumberMasked}</Row>
      <Row label='手机号'>{form.mobile}</Row>
      <Row label='就业状况'>{EMPLOYMENT_STATUS_LABELS[form.employmentStatus]}</Row>
      <Row label='工作单位'>{form.workUnit}</Row>
      <Row label='学历'>{EDUCATION_LABELS[form.education]}</Row>
      <Row label='技能等级'>{SKILL_LEVEL_LABELS[form.skillLevel]}</Row>
      <Row label='政治面貌'>{POLITICAL_STATUS_LABELS[form.politicalStatus]}</Row>
      <Row label='户籍所在地'>{form.householdRegistration}</Row>
      <Row label='现居住地'>{form.residence}</Row>
      <Row label='农民工'>{form.migrantWorker ? '是' : '否'}</Row>
    </>
  );
}

/** Every review step: its union, status, deadline (overdue marked), and who decided when, with what comment. */
export function ApplicationSteps({ steps, now }: { steps: ApplicationView['steps']; now: number }) {
  return (
    <View id='application-steps' className='app-steps'>
      {steps.map((step, index) => {
        const deadline = deadlineLabel(step, now);
        return (
          <View
            key={step.id}
            id={`step-${step.id}`}
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
              {deadline ? (
                <View className={`app-step__due${step.overdue ? ' app-step__due--overdue' : ''}`} data-role='deadline'>
                  {deadline}
                </View>
              ) : null}
              {step.status === 'waiting' ? <View className='app-step__note'>办理时限 {step.workingDays} 个工作日</View> : null}
              {step.decidedAt ? (
                <View className='app-step__note' data-role='decided'>
                  {decidedByLabel(step.decidedBy)} · {formatDateTime(step.decidedAt)}
                </View>
              ) : null}
              {step.forwardedTo ? <View className='app-step__note'>转交至 {step.forwardedTo.name}</View> : null}
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

/** Who did what and when, in order. */
export function ApplicationTimeline({ timeline }: { timeline: ApplicationView['timeline'] }) {
  return (
    <View id='application-timeline' className='app-timeline'>
      {timeline.map((entry, index) => (
        <View key={`${entry.at}-${index}`} className='app-timeline__entry' data-action={entry.action}>
          <Text className='app-timeline__time'>{formatDateTime(entry.at)}</Text>
          <View className='app-timeline__text'>
            {actorLabel(entry)} {TIMELINE_ACTION_LABELS[entry.action]}
            {entry.comment ? `：${entry.comment}` : ''}
          </View>
        </View>
      ))}
    </View>
  );
}

/**
 * Where the case stands, said first: the result and, for a rejection, the reason (the comment of the
 * step that decided it); for a transfer, whether the card number changes.
 */
export function ApplicationResult({ application }: { application: ApplicationView }) {
  const decisive = [...application.steps].reverse().find((s) => s.status === 'rejected' || s.status === 'approved');
  const transferNote =
    application.kind === 'transfer'
      ? application.status === 'approved'
        ? '转会已办结：转入其他市县（或产业）工会时，会员卡号已按新工会重新编号，旧卡号停用；同一市县内转会卡号不变。'
        : '办结后，若转入其他市县（或产业）工会，会员卡号将按新工会重新编号、旧卡号停用；同一市县内转会卡号不变。'
      : null;
  return (
    <>
      {application.status === 'rejected' ? (
        <View id='application-result' className='app-detail__result app-detail__result--rejected' data-status='rejected'>
          结果：未通过{decisive?.comment ? `。理由：${decisive.comment}` : ''}
        </View>
      ) : application.status === 'approved' ? (
        <View id='application-result' className='app-detail__result app-detail__result--approved' data-status='approved'>
          结果：已通过{decisive?.comment ? `。意见：${decisive.comment}` : ''}
        </View>
      ) : application.status === 'cancelled' ? (
        <View id='application-result' className='app-detail__result' data-status='cancelled'>
          结果：申请人已撤回
        </View>
      ) : null}
      {transferNote ? (
        <View id='application-card-note' className='app-detail__note'>
          {transferNote}
        </View>
      ) : null}
    </>
  );
}

/**
 * One application as its applicant and its reviewers see it: what it is and where it stands, its
 * rating and 回访, what was filed, each step with its deadline, and the timeline. `actions` go under
 * the summary, `children` (e.g. the rating form) right after it.
 */
export function ApplicationDetail({
  application,
  now,
  actions,
  children,
  onChanged,
}: {
  application: ApplicationView;
  now: number;
  actions?: ReactNode;
  children?: ReactNode;
  /** The applicant changed something in place (their payout's card): the application as it now is. */
  onChanged?: (application: ApplicationView) => void;
}) {
  return (
    <View id='application-detail'>
      <View className='panel'>
        <View className='app-detail__head'>
          <Text id='application-kind' className='panel__title app-detail__kind'>
            {APPLICATION_KIND_LABELS[application.kind]}
          </Text>
          <View id='application-status' className='app-card__tags' data-status={application.status}>
            {application.overdue ? <OverdueTag /> : null}
            <StatusTag status={application.status} />
          </View>
        </View>
        {application.overdue ? (
          <View id='application-overdue' className='app-detail__alert'>
            当前环节已超过办理期限，请相关工会尽快办理。
          </View>
        ) : null}
        <ApplicationResult application={application} />
        <Row label='受理编号' id='application-receipt'>
          {receiptNumber(application.id)}
        </Row>
        <Row label='申请人' id='application-applicant'>
          {application.applicant.name}
        </Row>
        <Row label='提交时间'>{formatDateTime(application.createdAt)}</Row>
        <Row label='最近更新'>{formatDateTime(application.updatedAt)}</Row>
        {actions}
      </View>

      {children}
      <FeedbackPanel application={application} now={now} />

      <View className='panel'>
        <View className='panel__title'>申请内容</View>
        <FormRows form={application.form} applicationId={application.id} onChanged={onChanged} />
      </View>

      <View className='panel'>
        <View className='panel__title'>办理进度</View>
        <ApplicationSteps steps={application.steps} now={now} />
      </View>

      <View className='panel'>
        <View className='panel__title'>办理记录</View>
        <ApplicationTimeline timeline={application.timeline} />
      </View>
    </View>
  );
}

export default ApplicationDetail;

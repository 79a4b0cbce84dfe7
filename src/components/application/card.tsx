import { Text, View } from '@tarojs/components';
import {
  APPLICATION_KIND_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  type ApplicationSummary,
} from '../../../functions/applications/contracts/applications';
import { formatDateTime, formatShortDateTime } from '../benefit/format';
import { StatusTag as Pill } from '../status-tag';
import { deadlineLabel, followUpLabel, ratingNote, STATUS_TONES } from './model';
import './index.scss';

export function StatusTag({ status }: { status: ApplicationStatus }) {
  return (
    <Pill className='app-tag' tone={STATUS_TONES[status]}>
      {APPLICATION_STATUS_LABELS[status]}
    </Pill>
  );
}

export function OverdueTag() {
  return (
    <Pill className='app-tag app-tag--overdue' tone='danger'>
      已超期
    </Pill>
  );
}

export interface ApplicationCardProps {
  application: ApplicationSummary;
  now: number;
  /** The officials' queue names the applicant; 我的办事 does not. */
  showApplicant?: boolean;
  onOpen: (application: ApplicationSummary) => void;
}

/** One application in a list: kind, status, where it is now and by when, or when it closed. */
export function ApplicationCard({ application, now, showApplicant = false, onOpen }: ApplicationCardProps) {
  const step = application.currentStep;
  const deadline = step ? deadlineLabel({ ...step, status: 'open' }, now) : null;
  const rating = ratingNote(application, !showApplicant);
  const followUp = followUpLabel(application.followUp, now);
  return (
    <View
      id={`application-${application.id}`}
      className={`app-card${step?.overdue ? ' app-card--overdue' : ''}`}
      data-id={application.id}
      data-status={application.status}
      data-overdue={step?.overdue ? 'true' : 'false'}
      onClick={() => onOpen(application)}
    >
      <View className='app-card__head'>
        <Text className='app-card__kind'>{APPLICATION_KIND_LABELS[application.kind]}</Text>
        <View className='app-card__tags'>
          {step?.overdue ? <OverdueTag /> : null}
          <StatusTag status={application.status} />
        </View>
      </View>
      {showApplicant ? <View className='app-card__title'>申请人：{application.applicantName}</View> : null}
      {step ? (
        <View className='app-card__meta'>
          当前环节：{step.name} · {step.org.name}
        </View>
      ) : (
        <View className='app-card__meta'>办结于 {formatDateTime(application.updatedAt)}</View>
      )}
      {deadline ? <View className={`app-card__due${step?.overdue ? ' app-card__due--overdue' : ''}`}>{deadline}</View> : null}
      {followUp ? (
        <View className={`app-card__due${application.followUp?.overdue ? ' app-card__due--overdue' : ''}`} data-role='follow-up'>
          {followUp}
        </View>
      ) : null}
      <View className='app-card__meta'>
        提交于 {formatShortDateTime(application.createdAt, now)}
        {rating ? <Text className='app-card__rating'> · {rating}</Text> : null}
      </View>
    </View>
  );
}

export default ApplicationCard;

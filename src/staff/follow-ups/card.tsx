import { Text, View } from '@tarojs/components';
import { APPLICATION_KIND_LABELS, RATING_LABELS, type ApplicationSummary } from '../../../functions/applications/contracts/applications';
import { OverdueTag, StatusTag } from '../../components/application/card';
import { followUpLabel } from '../../components/application/model';
import { formatShortDateTime } from '../../components/benefit/format';

/**
 * One open 回访 in the officials' list: the application, who rated it how, the union that owes the
 * call-back and by when (已超期 in red once past its 15th working day).
 */
export function FollowUpCard({ application, now, onOpen }: { application: ApplicationSummary; now: number; onOpen: (id: string) => void }) {
  const { followUp, rating } = application;
  const overdue = followUp?.overdue === true;
  return (
    <View
      id={`follow-up-${application.id}`}
      className={`app-card${overdue ? ' app-card--overdue' : ''}`}
      data-id={application.id}
      data-overdue={overdue ? 'true' : 'false'}
      onClick={() => onOpen(application.id)}
    >
      <View className='app-card__head'>
        <Text className='app-card__kind'>{APPLICATION_KIND_LABELS[application.kind]}</Text>
        <View className='app-card__tags'>
          {overdue ? <OverdueTag /> : null}
          <StatusTag status={application.status} />
        </View>
      </View>
      <View className='app-card__title'>
        申请人：{application.applicantName}
        {rating ? <Text className='app-card__rating'> · {RATING_LABELS[rating.level]}</Text> : null}
      </View>
      {followUp ? <View className='app-card__meta'>回访工会：{followUp.org.name}</View> : null}
      <View className={`app-card__due${overdue ? ' app-card__due--overdue' : ''}`} data-role='follow-up'>
        {followUpLabel(followUp, now)}
      </View>
      <View className='app-card__meta'>提交于 {formatShortDateTime(application.createdAt, now)}</View>
    </View>
  );
}

export default FollowUpCard;

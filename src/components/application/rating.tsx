import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ApplicationView, RatingLevel } from '../../../functions/applications/contracts/applications';
import { rateApplication } from '../../services/applications';
import { formatDateTime } from '../benefit/format';
import { badRatingNote, followUpByLabel, followUpLabel, isBadRating, RATING_CHOICES, validateRating } from './model';
import { messageOf } from '../page-state';
import './index.scss';

const COMMENT_MAX = 200;

/** The union whose decision closed the application: the one a 差评's 回访 falls to. */
function decidingOrgName(application: ApplicationView): string {
  const decided = application.steps.filter((s) => s.status === 'approved' || s.status === 'rejected');
  return decided[decided.length - 1]?.org.name ?? '办理工会';
}

/**
 * 好差评 of a closed application by its applicant: one of the five levels and an optional comment,
 * once. A 差评 tells the member which union will call back, and within how long.
 */
export function RatingForm({ application, onRated }: { application: ApplicationView; onRated: (application: ApplicationView) => void }) {
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (sending) return;
    const checked = validateRating(level, comment);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setError('');
    setSending(true);
    try {
      onRated((await rateApplication(application.id, checked.request)).application);
    } catch (failure) {
      setError(messageOf(failure, '评价失败，请稍后再试'));
    } finally {
      setSending(false);
    }
  };

  return (
    <View id='rating-form' className='panel'>
      <View className='panel__title'>评价本次办理</View>
      <Text className='muted'>按照政务服务“好差评”制度，每件事项可评价一次。</Text>
      <View id='rating-levels' className='app-rating__levels'>
        {RATING_CHOICES.map((choice) => (
          <View
            key={choice.level}
            id={`rating-level-${choice.level}`}
            className={`app-rating__level${level === choice.level ? ' app-rating__level--chosen' : ''}${isBadRating(choice.level) ? ' app-rating__level--bad' : ''}`}
            aria-checked={level === choice.level}
            onClick={() => {
              setLevel(choice.level);
              setError('');
            }}
          >
            {choice.label}
          </View>
        ))}
      </View>
      {level !== null && isBadRating(level) ? (
        <View id='rating-bad-note' className='app-rating__note'>
          {badRatingNote(decidingOrgName(application))}
        </View>
      ) : null}
      <Textarea
        id='rating-comment'
        className='app-rating__comment'
        placeholder='说说您的办理体验（选填）'
        maxlength={COMMENT_MAX}
        value={comment}
        onInput={(e) => setComment(e.detail.value)}
      />
      {error ? (
        <View id='rating-error' className='app-message app-message--error'>
          {error}
        </View>
      ) : null}
      <View className='app-actions'>
        <Button id='rating-submit' type='primary' block loading={sending} onClick={() => void send()}>
          提交评价
        </Button>
      </View>
    </View>
  );
}

/** The rating given and the 回访 it opened, as the applicant and the reviewers read them. */
export function FeedbackPanel({ application, now }: { application: ApplicationView; now: number }) {
  const { rating, followUp } = application;
  if (!rating && !followUp) return null;
  const followUpState = followUpLabel(followUp, now);
  return (
    <View id='application-feedback' className='panel'>
      <View className='panel__title'>评价与回访</View>
      {rating ? (
        <View id='application-rating' className='app-rating__given' data-level={rating.level}>
          <Text className={`app-rating__badge${isBadRating(rating.level) ? ' app-rating__badge--bad' : ''}`}>{rating.label}</Text>
          <Text className='app-rating__time'>{formatDateTime(rating.at)}</Text>
          {rating.comment ? <View className='app-step__comment'>{rating.comment}</View> : null}
        </View>
      ) : null}
      {followUp ? (
        <View id='application-follow-up' className='app-rating__follow-up' data-status={followUp.status} data-overdue={followUp.overdue ? 'true' : 'false'}>
          <View className={followUp.overdue ? 'app-step__due app-step__due--overdue' : 'app-step__note'}>{followUpState}</View>
          {followUp.note ? <View className='app-step__comment'>回访情况：{followUp.note}</View> : null}
          {followUp.doneAt ? (
            <View className='app-step__note' data-role='follow-up-done'>
              {followUpByLabel(followUp.doneBy)} 登记于 {formatDateTime(followUp.doneAt)}
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ApplicationView } from '../../../functions/applications/contracts/applications';
import { followUpLabel, validateFollowUp } from '../../components/application/model';
import { FormField, refusalOf } from '../../components/application-form/field';
import { recordFollowUp } from '../../services/applications';
import { ApiError } from '../../services/request';
import { confirmSheet } from '../../components/confirm-sheet';

const NOTE_MAX = 500;

/**
 * 登记回访: what the union did about a 差评 (verified, put right, how the member was answered),
 * recorded once by an official of the 回访's union, of an org above it, or an admin. The note is
 * checked with the contract's followUpRequest before anything is sent.
 */
export function FollowUpForm({
  application,
  now,
  onRecorded,
  onStale,
}: {
  application: ApplicationView;
  now: number;
  onRecorded: (application: ApplicationView) => void;
  /** Someone recorded it first (FOLLOW_UP_ALREADY_DONE): read the application again. */
  onStale: () => void;
}) {
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [sending, setSending] = useState(false);
  const followUp = application.followUp!;

  const send = async () => {
    if (sending) return;
    const checked = validateFollowUp(note);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setError('');
    if (!(await confirmSheet({ title: '登记回访', content: '回访情况登记后不能修改，申请人可以看到。确定登记？' }))) return;
    setSending(true);
    try {
      onRecorded((await recordFollowUp(application.id, checked.request)).application);
      setNote('');
      void Taro.showToast({ title: '已登记回访', icon: 'success' });
    } catch (failure) {
      const refusal = refusalOf(failure, '登记失败，请稍后再试');
      setError(refusal.fields.note ?? refusal.message);
      if (failure instanceof ApiError && (failure.code === 'FOLLOW_UP_ALREADY_DONE' || failure.code === 'NO_FOLLOW_UP')) onStale();
    } finally {
      setSending(false);
    }
  };

  return (
    <View id='follow-up-panel' className='panel'>
      <View className='panel__title'>登记回访</View>
      <View
        id='follow-up-due'
        className={followUp.overdue ? 'app-step__due app-step__due--overdue' : 'app-step__note'}
        data-overdue={followUp.overdue ? 'true' : 'false'}
      >
        {followUpLabel(followUp, now)}
      </View>
      <Text className='muted'>申请人给出差评后，须在15个工作日内核实处理、答复申请人并登记回访情况。</Text>
      <FormField label='回访情况' field='note' error={error} hint='写明核实了什么、如何处理、怎样答复了申请人；登记后申请人可以看到。'>
        <Textarea
          id='follow-up-note'
          className='app-form__textarea'
          placeholder='如：已电话联系申请人，说明驳回依据，协助其向所在单位工会重新申请'
          maxlength={NOTE_MAX}
          value={note}
          onInput={(e) => {
            setNote(e.detail.value);
            setError('');
          }}
        />
        <Text className='app-form__counter'>
          {note.length}/{NOTE_MAX}
        </Text>
      </FormField>
      <View className='app-actions'>
        <Button id='follow-up-submit' type='primary' block loading={sending} onClick={() => void send()}>
          登记回访
        </Button>
      </View>
    </View>
  );
}

export default FollowUpForm;

import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { visitRequest } from '../../../functions/hardship/contracts/hardship';
import { FormField } from '../../components/application-form/field';
import { ProofUpload, useProofs } from '../../components/proof-upload';
import { messageOf } from '../../components/page-state';
import { Page } from '../../components/page';
import { recordVisit } from '../../services/hardship';
import { todayInChina } from '../model';
import '../../components/application-form/index.scss';
import '../hardship.scss';

/**
 * 入户核查 (`?id=` the case), recorded from the phone at the household: the date (picked, not later
 * than today), who was met, what was found, and photos of the signed 申请书 and 家庭经济状况核对授权
 * 委托书 taken there (through the proof uploads). Checked with the contract before it is sent.
 */
export default function HardshipVisit() {
  const [caseId, setCaseId] = useState('');
  const [date, setDate] = useState(todayInChina());
  const [met, setMet] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const signed = useProofs({ max: 3 });
  const authorisation = useProofs({ max: 3 });

  useLoad((params: Record<string, string | undefined>) => setCaseId(decodeURIComponent(params.id ?? '')));

  const submit = async () => {
    if (signed.uploading || authorisation.uploading) return setFailure('照片还在上传，请稍候');
    const parsed = visitRequest.safeParse({
      date,
      met,
      notes,
      signedApplicationKeys: signed.keys,
      authorisationKeys: authorisation.keys,
    });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0] ?? 'form')] ??= issue.message;
      setErrors(found);
      return setFailure('请按提示补充后再提交');
    }
    setErrors({});
    setFailure('');
    setBusy(true);
    try {
      await recordVisit(caseId, parsed.data);
      void Taro.showToast({ title: '已录入', icon: 'success' });
      void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/hardship/case/index?id=${encodeURIComponent(caseId)}` }));
    } catch (error) {
      setFailure(messageOf(error, '提交失败，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page id='hardship-visit-page'>
      <View id='hardship-visit-form' className='app-form'>
        <FormField label='走访日期' field='date' error={errors.date}>
          <Picker id='hardship-visit-date' mode='date' value={date} end={todayInChina()} onChange={(e) => setDate(String(e.detail.value))}>
            <View className='hardship-picker' role='button' aria-label={`走访日期：${date}`}>
              {date} ▾
            </View>
          </Picker>
        </FormField>
        <FormField label='见到的家庭成员' field='met' error={errors.met} hint='姓名和与申请人的关系，如：申请人本人、配偶李某'>
          <Input id='hardship-visit-met' className='app-form__input' maxlength={100} value={met} onInput={(e) => setMet(e.detail.value)} />
        </FormField>
        <FormField label='核查情况' field='notes' error={errors.notes}>
          <Textarea
            id='hardship-visit-notes'
            className='app-form__textarea'
            maxlength={500}
            placeholder='住房、家庭成员就业和收入、患病情况是否与申请一致'
            value={notes}
            onInput={(e) => setNotes(e.detail.value)}
          />
        </FormField>
        <FormField label='签字的帮扶申请书（拍照）' field='signedApplicationKeys' error={errors.signedApplicationKeys}>
          <ProofUpload id='hardship-visit-signed' proofs={signed} />
        </FormField>
        <FormField label='签字的家庭经济状况核对授权委托书（拍照）' field='authorisationKeys' error={errors.authorisationKeys}>
          <ProofUpload id='hardship-visit-authorisation' proofs={authorisation} />
        </FormField>
        {failure ? (
          <View id='hardship-visit-error' className='app-form__form-error' role='alert'>
            {failure}
          </View>
        ) : null}
        <Button id='hardship-visit-submit' className='app-form__submit' type='primary' block loading={busy} onClick={() => void submit()}>
          提交核查记录
        </Button>
        <Text className='app-form__hint'>提交后在“帮扶审核”中对入户核查环节作出办理意见。</Text>
      </View>
    </Page>
  );
}

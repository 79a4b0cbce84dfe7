import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { objectionRequest, type PublicityEntry } from '../../../functions/hardship/contracts/hardship';
import { FormField } from '../../components/application-form/field';
import { gateOf, messageOf, PageState, type PageGate } from '../../components/page-state';
import { Page } from '../../components/page';
import { listPublicity, objectTo } from '../../services/hardship';
import { readSession } from '../../services/session';
import { chinaDate } from '../model';
import { CategoryTag } from '../parts';
import '../../components/application-form/index.scss';
import '../hardship.scss';

/**
 * 帮扶公示 (public, before log-in): the cases in 公示 with masked names, their union, category and
 * main cause, and the dates; 提出异议 opens a short form (a logged-in account: the reason and how to
 * reach the objector), which pauses the case for the 帮扶中心 to review.
 */
export default function HardshipPublicity() {
  const [items, setItems] = useState<PublicityEntry[]>([]);
  const [gate, setGate] = useState<PageGate | null>({ kind: 'loading' });
  const [objecting, setObjecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [contact, setContact] = useState('');
  const [error, setError] = useState('');
  const [sent, setSent] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setGate({ kind: 'loading' });
    listPublicity().then(
      (answer) => {
        setItems(answer.items);
        setGate(answer.items.length === 0 ? { kind: 'empty', text: '目前没有正在公示的困难职工帮扶名单' } : null);
      },
      (e: unknown) => setGate(gateOf(e)),
    );
  }, []);
  useEffect(load, [load]);

  const open = (caseId: string) => {
    if (!readSession()) return void Taro.navigateTo({ url: '/pages/login/index' });
    setObjecting(caseId);
    setReason('');
    setContact('');
    setError('');
  };

  const send = async (caseId: string) => {
    const parsed = objectionRequest.safeParse({ reason, contact });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请填写异议内容');
    setBusy(true);
    setError('');
    try {
      const answer = await objectTo(caseId, parsed.data);
      setSent((prev) => ({ ...prev, [caseId]: answer.message }));
      setObjecting(null);
    } catch (e) {
      setError(messageOf(e, '提交失败，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page id='hardship-publicity-page'>
      <View className='panel'>
        <View className='panel__title'>困难职工帮扶公示</View>
        <Text className='muted'>以下职工经基层工会初审、入户核查和帮扶中心审核，拟认定为困难职工。对公示对象有异议的，可在公示期内实名提出，工会将核查并保护异议人信息。</Text>
      </View>
      {gate ? (
        <PageState id='hardship-publicity' gate={gate} onRetry={load} />
      ) : (
        <View id='hardship-publicity-list' className='panel'>
          {items.map((p) => (
            <View key={p.caseId} id={`hardship-publicity-${p.caseId}`} className='hardship-list-item'>
              <View className='hardship-list-item__head'>
                <Text className='hardship-publicity__name'>{p.nameMasked}</Text>
                <CategoryTag category={p.category} />
              </View>
              <View className='muted'>
                {p.org.name} · 主要原因：{p.mainCauseLabel}
              </View>
              <View className='muted'>
                公示期 {chinaDate(p.startDate)} 至 {chinaDate(p.endDate)}
                {p.paused ? '（收到异议，核查中）' : ''}
              </View>
              {sent[p.caseId] ? (
                <View id={`hardship-publicity-${p.caseId}-sent`} className='app-message app-message--ok'>
                  {sent[p.caseId]}
                </View>
              ) : objecting === p.caseId ? (
                <View id={`hardship-objection-form-${p.caseId}`}>
                  <FormField label='异议内容' field='reason' error={error || undefined}>
                    <Textarea
                      id='hardship-objection-reason'
                      className='app-form__textarea'
                      maxlength={500}
                      placeholder='请写明您了解的情况，如收入、房产、车辆等与公示不符之处'
                      value={reason}
                      onInput={(e) => setReason(e.detail.value)}
                    />
                  </FormField>
                  <FormField label='联系方式（选填，仅工会核查时使用）' field='contact'>
                    <Input id='hardship-objection-contact' className='app-form__input' maxlength={40} value={contact} onInput={(e) => setContact(e.detail.value)} />
                  </FormField>
                  <View className='hardship-nav'>
                    <Button id='hardship-objection-cancel' fill='outline' onClick={() => setObjecting(null)}>
                      取消
                    </Button>
                    <Button id='hardship-objection-send' type='primary' loading={busy} onClick={() => void send(p.caseId)}>
                      提交异议
                    </Button>
                  </View>
                </View>
              ) : !p.paused ? (
                <View id={`hardship-publicity-${p.caseId}-object`} className='hardship-link' role='button' onClick={() => open(p.caseId)}>
                  提出异议
                </View>
              ) : null}
            </View>
          ))}
        </View>
      )}
    </Page>
  );
}

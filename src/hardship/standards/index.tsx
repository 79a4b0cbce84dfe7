import { useCallback, useEffect, useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { HARDSHIP_REGIONS, standardRequest, type StandardListResponse } from '../../../functions/hardship/contracts/hardship';
import { FormField } from '../../components/application-form/field';
import { gateOf, messageOf, PageState, type PageGate } from '../../components/page-state';
import { Page } from '../../components/page';
import { listStandards, setStandard } from '../../services/hardship';
import { yuan, yuanFen } from '../model';
import '../../components/application-form/index.scss';
import '../../components/application/index.scss';
import '../hardship.scss';

/**
 * 低保标准: each city's monthly 低保 per person for a year (the self-check and the filing compare
 * against it), and — for the province's 帮扶 officials (the API refuses the others) — the form that
 * sets a city's standard with the document it comes from.
 */
export default function HardshipStandards() {
  const thisYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [answer, setAnswer] = useState<StandardListResponse | null>(null);
  const [gate, setGate] = useState<PageGate | null>({ kind: 'loading' });
  const [region, setRegion] = useState(0);
  const [monthly, setMonthly] = useState('');
  const [source, setSource] = useState('');
  const [note, setNote] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback((y: string) => {
    setGate({ kind: 'loading' });
    listStandards(y).then(
      (a) => {
        setAnswer(a);
        setGate(null);
      },
      (e: unknown) => setGate(gateOf(e)),
    );
  }, []);
  useEffect(() => load(String(thisYear)), [load, thisYear]);

  const years = [thisYear + 1, thisYear, thisYear - 1].map(String);
  const save = async () => {
    const fen = yuanFen(monthly);
    const parsed = standardRequest.safeParse({
      regionCode: HARDSHIP_REGIONS[region]?.code,
      year: Number(year),
      monthlyFen: fen === null || monthly.trim() === '' ? undefined : fen,
      source,
    });
    if (!parsed.success) return setNote({ tone: 'error', text: parsed.error.issues[0]?.message ?? '请填写完整' });
    setBusy(true);
    setNote(null);
    try {
      const { standard } = await setStandard(parsed.data);
      setNote({ tone: 'ok', text: `已保存：${standard.regionName}${standard.year}年 每人每月 ${yuan(standard.monthlyFen)}` });
      setMonthly('');
      load(year);
    } catch (e) {
      setNote({ tone: 'error', text: messageOf(e, '保存失败，请稍后再试') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page id='hardship-standards-page'>
      <View className='panel'>
        <FormField label='年度' field='year'>
          <Picker mode='selector' range={years} value={Math.max(0, years.indexOf(year))} onChange={(e) => { const y = years[Number(e.detail.value)]!; setYear(y); load(y); }}>
            <View id='hardship-standards-year' className='hardship-picker' role='button' aria-label='选择年度'>
              {year}年 ▾
            </View>
          </Picker>
        </FormField>
      </View>
      {gate ? (
        <PageState id='hardship-standards' gate={gate} onRetry={() => load(year)} inline />
      ) : (
        <View id='hardship-standards-list' className='panel'>
          {HARDSHIP_REGIONS.map((r) => {
            const s = answer?.items.find((i) => i.regionCode === r.code);
            return (
              <View key={r.code} id={`hardship-standard-${r.code}`} className='hardship-fact hardship-list-item'>
                <Text>{r.name}</Text>
                <Text className={s ? '' : 'muted'}>{s ? `${yuan(s.monthlyFen)}/人·月` : '未公布'}</Text>
              </View>
            );
          })}
        </View>
      )}
      <View id='hardship-standard-form' className='app-form'>
        <View className='app-form__section'>设置低保标准（省总工会帮扶工作人员）</View>
        <FormField label='市县' field='regionCode'>
          <Picker mode='selector' range={HARDSHIP_REGIONS.map((r) => r.name)} value={region} onChange={(e) => setRegion(Number(e.detail.value))}>
            <View id='hardship-standard-region' className='hardship-picker' role='button'>
              {HARDSHIP_REGIONS[region]?.name} ▾
            </View>
          </Picker>
        </FormField>
        <FormField label='每人每月（元）' field='monthlyFen'>
          <Input id='hardship-standard-monthly' className='app-form__input' type='digit' maxlength={8} placeholder='如 1080' value={monthly} onInput={(e) => setMonthly(e.detail.value)} />
        </FormField>
        <FormField label='依据文件' field='source'>
          <Input id='hardship-standard-source' className='app-form__input' maxlength={100} placeholder='如 琼民发〔2026〕1号' value={source} onInput={(e) => setSource(e.detail.value)} />
        </FormField>
        {note ? (
          <View id='hardship-standard-note' className={`app-message app-message--${note.tone}`}>
            {note.text}
          </View>
        ) : null}
        <Button id='hardship-standard-save' className='app-form__submit' type='primary' block loading={busy} onClick={() => void save()}>
          保存 {year} 年标准
        </Button>
      </View>
    </Page>
  );
}

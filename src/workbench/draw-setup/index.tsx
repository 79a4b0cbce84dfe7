import { useCallback, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { QuestionBankListResponse } from '../../../functions/draws/contracts/draws';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { REGION_NAMES } from '../../components/benefit/model';
import { Page } from '../../components/page';
import { messageOf } from '../../components/page-state';
import { createDraw, listBanks } from '../../services/draw-admin';
import { drawRequestOf, emptyDrawSetup, type DrawSetupValues } from './model';
import '../workbench.scss';

type Banks = QuestionBankListResponse['items'];
type NumberField = 'questionsPerAttempt' | 'passMark' | 'attemptsPerDay' | 'timeLimitMinutes' | 'winRatePercent' | 'winsPerMemberPerDay' | 'seedSource';

/**
 * 设置答题抽签 (`?benefitId=` a draft benefit): how the benefit is given out instead of first come —
 * 答题即抽 (each pass of the quiz draws at once: the win rate and the wins a member may have a day) or
 * 报名后统一抽签 (entries during the window, optionally after passing the quiz; places per region pool
 * and the public value the seed will be). The quiz names a bank of the subtree, the questions an
 * attempt draws (6), the pass mark (4), attempts a day (6) and the time an attempt may take. Saved,
 * the page opens 抽签开奖.
 */
export default function DrawSetupPage() {
  const { params } = useRouter();
  const benefitId = params.benefitId ?? '';
  const [values, setValues] = useState<DrawSetupValues>(emptyDrawSetup());
  const [banks, setBanks] = useState<Banks | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const { items } = await listBanks();
      setBanks(items.filter((b) => !b.archived));
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useDidShow(() => void load());

  const set = <K extends keyof DrawSetupValues>(field: K, value: DrawSetupValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setError(null);
  };
  const field = (name: NumberField, label: string, placeholder: string) => (
    <View className='wb-card__meta'>
      <Text className='wb-label'>{label}</Text>
      <Input id={`draw-setup-${name}`} className='app-form__input' placeholder={placeholder} value={values[name]} onInput={(e) => set(name, e.detail?.value ?? '')} />
    </View>
  );
  const setPlace = (index: number, patch: Partial<DrawSetupValues['places'][number]>) =>
    set(
      'places',
      values.places.map((row, i) => (i === index ? { ...row, ...patch } : row)),
    );

  const save = async () => {
    const checked = drawRequestOf(values);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '设置答题抽签',
      content: values.kind === 'instant' ? '设置后会员只能通过答题抽签获得本权益，每日密钥的哈希将立即公示。确定设置？' : '设置后会员只能通过报名抽签获得本权益。确定设置？',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const { draw } = await createDraw(benefitId, checked.request);
      void Taro.redirectTo({ url: `/workbench/draw-admin/index?id=${encodeURIComponent(draw.id)}` });
    } catch (e) {
      setError(messageOf(e, '设置失败，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  const quiz = values.kind === 'instant' || values.quiz;
  return (
    <Page id='draw-setup-page'>
      <View className='wb-card'>
        <View className='wb-card__title'>发放方式</View>
        <ChipGroup id='draw-setup-kind'>
          <Chip id='draw-setup-kind-instant' active={values.kind === 'instant'} onTap={() => set('kind', 'instant')}>
            答题即抽
          </Chip>
          <Chip id='draw-setup-kind-scheduled' active={values.kind === 'scheduled'} onTap={() => set('kind', 'scheduled')}>
            报名后统一抽签
          </Chip>
        </ChipGroup>
        <View className='wb-card__meta'>
          {values.kind === 'instant'
            ? '会员每答题通过一次即抽签一次，结果由每日事先公示哈希的密钥决定，次日公布密钥供复核。'
            : '会员在领取时间内报名，结束后封存名单，以公开的开奖号码为种子按公示规则统一抽签，未支付的名额依次递补。'}
        </View>
        {values.kind === 'scheduled' ? (
          <ChipGroup id='draw-setup-quiz'>
            <Chip id='draw-setup-quiz-yes' active={values.quiz} onTap={() => set('quiz', true)}>
              答题通过后报名
            </Chip>
            <Chip id='draw-setup-quiz-no' active={!values.quiz} onTap={() => set('quiz', false)}>
              直接报名
            </Chip>
          </ChipGroup>
        ) : null}
      </View>

      {quiz ? (
        <View className='wb-card' id='draw-setup-quiz-rules'>
          <View className='wb-card__title'>答题规则</View>
          {banks === null ? <View className='wb-card__meta'>正在加载题库…</View> : null}
          {banks?.length === 0 ? <View className='wb-card__meta'>还没有题库，请先在“答题题库”中新建并录入题目。</View> : null}
          <ChipGroup id='draw-setup-banks'>
            {(banks ?? []).map((b) => (
              <Chip key={b.id} id={`draw-setup-bank-${b.id}`} active={values.bankId === b.id} onTap={() => set('bankId', b.id)}>
                {b.title}（{b.questionCount}题）
              </Chip>
            ))}
          </ChipGroup>
          {field('questionsPerAttempt', '每次抽题数', '默认 6')}
          {field('passMark', '答对几题通过', '默认 4')}
          {field('attemptsPerDay', '每人每日答题次数', '默认 6')}
          {field('timeLimitMinutes', '每次答题时限（分钟）', '默认 5，超时按已作答计分并计为一次')}
        </View>
      ) : null}

      {values.kind === 'instant' ? (
        <View className='wb-card' id='draw-setup-instant'>
          <View className='wb-card__title'>抽签规则</View>
          {field('winRatePercent', '中签率（%）', '如 30')}
          {field('winsPerMemberPerDay', '每人每日最多中签次数', '默认 2')}
        </View>
      ) : (
        <View className='wb-card' id='draw-setup-scheduled'>
          <View className='wb-card__title'>名额与开奖号码</View>
          {values.places.map((row, i) => (
            <View key={i} className='wb-search'>
              <Input
                id={`draw-setup-pool-${i}`}
                className='wb-search__input'
                placeholder='地区代码（其他地区填 *）'
                value={row.pool}
                onInput={(e) => setPlace(i, { pool: e.detail?.value ?? '' })}
              />
              <Input id={`draw-setup-count-${i}`} className='wb-search__input' placeholder='名额' value={row.count} onInput={(e) => setPlace(i, { count: e.detail?.value ?? '' })} />
              <Text className='wb-link'>{row.pool === '*' || row.pool === '' ? '其他地区' : (REGION_NAMES[row.pool] ?? '')}</Text>
            </View>
          ))}
          <View id='draw-setup-add-pool' className='wb-entry' onClick={() => set('places', [...values.places, { pool: '', count: '' }])}>
            ＋ 添加地区名额
          </View>
          {field('seedSource', '开奖号码来源', '如 中国福利彩票双色球 第2026140期 开奖号码')}
        </View>
      )}

      {error ? (
        <View id='draw-setup-error' className='app-message app-message--error'>
          {error}
        </View>
      ) : null}
      <Button id='draw-setup-submit' type='primary' block loading={busy} disabled={busy || !benefitId} onClick={() => void save()}>
        保存并公示
      </Button>
    </Page>
  );
}

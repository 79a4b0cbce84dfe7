import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../components/page';
import { FormField } from '../../components/application-form/field';
import { StatusTag } from '../../components/status-tag';
import { gateOf, messageOf, PageState, type PageGate } from '../../components/page-state';
import { readSession } from '../../services/session';
import { listStandards, selfCheck } from '../../services/hardship';
import { HARDSHIP_CATEGORY_LABELS, type SelfCheckResponse, type Standard } from '../../../functions/hardship/contracts/hardship';
import { CATEGORY_TONES, sumFen, yuan, yuanFen } from '../model';
import '../../components/application-form/index.scss';
import '../hardship.scss';

const MAX_MEMBERS = 12;
const APPLY_URL = '/hardship/apply/index';

type Result = SelfCheckResponse | null;

/**
 * 困难帮扶自测: before applying (and before logging in), the member types the household's yearly
 * incomes, one line a person, the rigid expenses (medical, schooling) and picks the city; the API
 * (`POST /api/hardship/self-check`, no session, nothing stored) answers the category against that
 * city's 低保 standard, and the page shows the arithmetic. The 意外致困 and 困难农民工 paths, which no
 * income arithmetic decides, are explained beside it; 去申请 opens the form (after log-in).
 */
export default function HardshipSelfCheck() {
  const [regions, setRegions] = useState<Standard[]>([]);
  const [gate, setGate] = useState<PageGate | null>({ kind: 'loading' });
  const [region, setRegion] = useState(0);
  const [incomes, setIncomes] = useState<string[]>(['']);
  const [medical, setMedical] = useState('');
  const [schooling, setSchooling] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const [failure, setFailure] = useState('');

  const load = useCallback(() => {
    setGate({ kind: 'loading' });
    listStandards().then(
      (answer) => {
        setRegions(answer.items);
        setGate(answer.items.length === 0 ? { kind: 'empty', text: '暂未公布各市县低保标准，请稍后再试或咨询所在工会' } : null);
      },
      (error: unknown) => setGate(gateOf(error)),
    );
  }, []);
  useEffect(load, [load]);

  const changed = () => {
    setResult(null);
    setFailure('');
  };

  const check = async () => {
    const next: Record<string, string> = {};
    incomes.forEach((text, index) => {
      if (yuanFen(text) === null) next[`income-${index}`] = '请填写金额（元），最多两位小数';
    });
    if (yuanFen(medical) === null) next.medical = '请填写金额（元），最多两位小数';
    if (yuanFen(schooling) === null) next.schooling = '请填写金额（元），最多两位小数';
    setErrors(next);
    const chosen = regions[region];
    if (Object.keys(next).length > 0 || !chosen) return;
    setBusy(true);
    setFailure('');
    try {
      setResult(
        await selfCheck({
          householdSize: incomes.length,
          annualIncomeFen: sumFen(incomes)!,
          rigidExpensesFen: sumFen([medical, schooling])!,
          regionCode: chosen.regionCode,
        }),
      );
    } catch (error) {
      setResult(null);
      setFailure(messageOf(error, '测算失败，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  const apply = () => void Taro.navigateTo({ url: readSession() ? APPLY_URL : '/pages/login/index' });

  return (
    <Page id='hardship-self-check'>
      <View className='panel hardship-intro'>
        <View className='panel__title'>先测一测，再申请</View>
        <Text className='muted'>
          按全国总工会困难职工认定办法：家庭月人均收入 =（家庭年收入 − 医疗、子女教育等刚性支出）÷ 12 ÷ 家庭人口。低于当地低保标准为深度困难，低于低保标准 2 倍为相对困难。测算不保存您填写的任何内容，也无需登录。
        </Text>
      </View>

      {gate ? (
        <PageState id='hardship-standards' gate={gate} onRetry={load} />
      ) : (
        <View id='hardship-check-form' className='app-form'>
          <FormField label='所在市县' field='region' hint={regions[region] ? `${regions[region]!.year}年低保标准：每人每月 ${yuan(regions[region]!.monthlyFen)}` : undefined}>
            <Picker
              id='hardship-region-picker'
              mode='selector'
              range={regions.map((r) => r.regionName)}
              value={region}
              onChange={(e) => {
                setRegion(Number(e.detail.value));
                changed();
              }}
            >
              <View id='hardship-region' className='hardship-picker' role='button' aria-label='选择所在市县'>
                {regions[region]?.regionName ?? '请选择'} ▾
              </View>
            </Picker>
          </FormField>

          <View className='app-form__section'>家庭成员年收入（元，含工资、经营、养老金等，无收入填 0）</View>
          {incomes.map((text, index) => (
            <FormField key={index} label={index === 0 ? '本人' : `家庭成员 ${index + 1}`} field={`income-${index}`} error={errors[`income-${index}`]}>
              <View className='hardship-row'>
                <Input
                  id={`hardship-income-${index}`}
                  className='app-form__input hardship-row__input'
                  type='digit'
                  maxlength={12}
                  placeholder='年收入，如 36000'
                  value={text}
                  onInput={(e) => {
                    const value = e.detail.value;
                    setIncomes((prev) => prev.map((t, i) => (i === index ? value : t)));
                    setErrors((prev) => ({ ...prev, [`income-${index}`]: '' }));
                    changed();
                  }}
                />
                {index > 0 ? (
                  <View
                    id={`hardship-income-remove-${index}`}
                    className='hardship-row__remove'
                    role='button'
                    aria-label={`删除家庭成员 ${index + 1}`}
                    onClick={() => {
                      setIncomes((prev) => prev.filter((_, i) => i !== index));
                      changed();
                    }}
                  >
                    删除
                  </View>
                ) : null}
              </View>
            </FormField>
          ))}
          {incomes.length < MAX_MEMBERS ? (
            <View
              id='hardship-income-add'
              className='hardship-add'
              role='button'
              onClick={() => {
                setIncomes((prev) => [...prev, '']);
                changed();
              }}
            >
              ＋ 添加一位共同生活的家庭成员
            </View>
          ) : null}
          <Text id='hardship-household-size' className='app-form__hint'>
            家庭人口：{incomes.length} 人
          </Text>

          <View className='app-form__section'>刚性支出（元/年，自付部分）</View>
          <FormField label='医疗费用' field='medical' error={errors.medical} hint='本人及家庭成员看病、住院自付部分'>
            <Input
              id='hardship-medical'
              className='app-form__input'
              type='digit'
              maxlength={12}
              placeholder='没有填 0'
              value={medical}
              onInput={(e) => {
                setMedical(e.detail.value);
                setErrors((prev) => ({ ...prev, medical: '' }));
                changed();
              }}
            />
          </FormField>
          <FormField label='子女教育费用' field='schooling' error={errors.schooling} hint='学费、住宿费等'>
            <Input
              id='hardship-schooling'
              className='app-form__input'
              type='digit'
              maxlength={12}
              placeholder='没有填 0'
              value={schooling}
              onInput={(e) => {
                setSchooling(e.detail.value);
                setErrors((prev) => ({ ...prev, schooling: '' }));
                changed();
              }}
            />
          </FormField>
          {failure ? (
            <View id='hardship-check-error' className='app-form__form-error' role='alert'>
              {failure}
            </View>
          ) : null}
          <Button id='hardship-check' className='app-form__submit' type='primary' block loading={busy} onClick={() => void check()}>
            开始测算
          </Button>
        </View>
      )}

      {result ? (
        <View id='hardship-result' className='panel hardship-result' data-category={result.category}>
          <View className='hardship-result__head'>
            <Text className='panel__title'>测算结果</Text>
            <View id='hardship-result-category' className='hardship-tag'>
              <StatusTag tone={CATEGORY_TONES[result.category]}>{result.category === 'none' ? '暂不符合按收入认定的条件' : HARDSHIP_CATEGORY_LABELS[result.category]}</StatusTag>
            </View>
          </View>
          <View id='hardship-arithmetic' className='hardship-arithmetic'>
            {result.arithmetic.map((line) => (
              <View key={line} className='hardship-arithmetic__line'>
                {line}
              </View>
            ))}
          </View>
          <Text id='hardship-result-standard' className='muted'>
            {result.regionName}{result.year}年低保标准每人每月 {yuan(result.minimumLivingFen)}，2 倍为 {yuan(result.relativeLineFen)}。测算仅供参考，以工会入户核查和审核结果为准。
          </Text>
          {result.category === 'none' ? (
            <Text className='muted hardship-result__note'>收入虽未低于标准，但因突发事件、重大疾病陷入困难的，仍可按下方“意外致困”申请。</Text>
          ) : null}
        </View>
      ) : null}

      <View id='hardship-paths' className='panel hardship-paths'>
        <View className='panel__title'>其他可以申请的情形</View>
        <View className='hardship-path'>
          <Text className='hardship-path__title'>意外致困</Text>
          <Text className='muted'>
            因突发事件、意外事故或重大疾病，家庭收入虽高于上述标准，但刚性支出超出承受能力、生活陷入困难的（如自付医疗费用超过家庭年收入的 80%），可以申请，并上传诊断证明和连续三个月的费用票据。
          </Text>
        </View>
        <View className='hardship-path'>
          <Text className='hardship-path__title'>困难农民工</Text>
          <Text className='muted'>
            在城镇长期务工、符合上述任一类别，且实际就业满一年的农民工，可以申请，请上传一年以上的劳动合同。子女自费就读高收费私立学校或出国留学、拥有两套以上住房、经营店铺或雇用他人的，不属于帮扶对象。
          </Text>
        </View>
      </View>

      <View className='hardship-actions'>
        <Button id='hardship-apply' type='primary' block onClick={apply}>
          {readSession() ? '去申请' : '登录后去申请'}
        </Button>
        {readSession() ? (
          <Button id='hardship-mine' fill='outline' block onClick={() => void Taro.navigateTo({ url: '/hardship/mine/index' })}>
            我的帮扶（办理进度、帮扶发放）
          </Button>
        ) : null}
        <Button id='hardship-publicity' fill='outline' block onClick={() => void Taro.navigateTo({ url: '/hardship/publicity/index' })}>
          帮扶公示
        </Button>
      </View>
    </Page>
  );
}

import { useCallback, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  CASE_STEP_LABELS,
  CASE_STEPS,
  HARDSHIP_CATEGORY_LABELS,
  HARDSHIP_CAUSE_LABELS,
  type CaseStep,
  type CaseSummary,
} from '../../../functions/hardship/contracts/hardship';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { gateOf, PageState, type PageGate } from '../../components/page-state';
import { Page } from '../../components/page';
import { formatDate } from '../../components/application/model';
import { listCases } from '../../services/hardship';
import { CaseStatusTag } from '../parts';
import '../hardship.scss';

/**
 * 帮扶审核 for a 帮扶 official: the subtree's open cases (overdue first, as the API orders them), by
 * step; a tap opens the case to record the visit or decide. 档案 and 低保标准 one tap away.
 */
export default function HardshipQueue() {
  const [step, setStep] = useState<CaseStep | ''>('');
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [gate, setGate] = useState<PageGate | null>({ kind: 'loading' });

  const load = useCallback((s: CaseStep | '') => {
    setGate({ kind: 'loading' });
    listCases({ status: 'pending', ...(s !== '' && { step: s }) }).then(
      (answer) => {
        setItems(answer.items);
        setGate(answer.items.length === 0 ? { kind: 'empty', text: '没有待办理的困难帮扶申请' } : null);
      },
      (e: unknown) => setGate(gateOf(e)),
    );
  }, []);
  useDidShow(() => load(step));
  const now = Date.now();

  return (
    <Page id='hardship-queue-page'>
      <View className='panel'>
        <ChipGroup id='hardship-queue-steps'>
          <Chip id='hardship-queue-step-all' active={step === ''} onTap={() => (setStep(''), load(''))}>
            全部
          </Chip>
          {CASE_STEPS.map((s) => (
            <Chip key={s} id={`hardship-queue-step-${s}`} active={step === s} onTap={() => (setStep(s), load(s))}>
              {CASE_STEP_LABELS[s]}
            </Chip>
          ))}
        </ChipGroup>
      </View>
      {gate ? (
        <PageState id='hardship-queue' gate={gate} onRetry={() => load(step)} inline />
      ) : (
        <View id='hardship-queue-list' className='panel'>
          {items.map((c) => (
            <View key={c.id} id={`hardship-queue-${c.id}`} className='hardship-list-item' onClick={() => void Taro.navigateTo({ url: `/hardship/case/index?id=${encodeURIComponent(c.id)}` })}>
              <View className='hardship-list-item__head'>
                <Text>{c.applicantName}</Text>
                <CaseStatusTag status={c.status} />
              </View>
              <View className='muted'>
                {c.currentStep ? CASE_STEP_LABELS[c.currentStep] : ''} · {c.org.name}
              </View>
              <View className='muted'>
                {HARDSHIP_CATEGORY_LABELS[c.computedCategory]} · {HARDSHIP_CAUSE_LABELS[c.mainCause]}
                {c.dueDate ? ` · ${c.overdue ? '已超期：应于' : ''}${formatDate(c.dueDate, now)}前办结` : ''}
              </View>
            </View>
          ))}
        </View>
      )}
      <View className='hardship-actions'>
        <Button id='hardship-queue-files' fill='outline' block onClick={() => void Taro.navigateTo({ url: '/hardship/files/index' })}>
          困难职工档案（一户一档）
        </Button>
        <Button id='hardship-queue-publicity' fill='outline' block onClick={() => void Taro.navigateTo({ url: '/hardship/publicity/index' })}>
          帮扶公示
        </Button>
      </View>
    </Page>
  );
}

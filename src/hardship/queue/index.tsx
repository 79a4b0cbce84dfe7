import { useState } from 'react';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  CASE_STEP_LABELS,
  CASE_STEPS,
  HARDSHIP_CATEGORY_LABELS,
  HARDSHIP_CAUSE_LABELS,
  type CaseStep,
} from '../../../functions/hardship/contracts/hardship';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { PageState } from '../../components/page-state';
import { PagedList, usePagedList } from '../../components/paged-list';
import { Page } from '../../components/page';
import { formatDate } from '../../components/application/model';
import { listCases } from '../../services/hardship';
import { CaseStatusTag } from '../parts';
import '../hardship.scss';

/** One page of the subtree's open cases at a step ('' for every step); the API pages by cursor (50 a page). */
const fetchQueue = (step: CaseStep | '', cursor?: string) => listCases({ status: 'pending', ...(step !== '' && { step }), ...(cursor && { cursor }) });

/**
 * 帮扶审核 for a 帮扶 official: the subtree's open cases (overdue first, as the API orders them), by
 * step; a tap opens the case to record the visit or decide. 档案 and 低保标准 one tap away.
 */
export default function HardshipQueue() {
  const [step, setStep] = useState<CaseStep | ''>('');
  const { list, load } = usePagedList(fetchQueue);
  const loadMore = () => {
    if (list.nextCursor && !list.loading) void load(step, list.nextCursor);
  };
  useReachBottom(loadMore);
  useDidShow(() => void load(step));
  const now = Date.now();

  return (
    <Page id='hardship-queue-page'>
      <View className='panel'>
        <ChipGroup id='hardship-queue-steps'>
          <Chip id='hardship-queue-step-all' active={step === ''} onTap={() => (setStep(''), void load(''))}>
            全部
          </Chip>
          {CASE_STEPS.map((s) => (
            <Chip key={s} id={`hardship-queue-step-${s}`} active={step === s} onTap={() => (setStep(s), void load(s))}>
              {CASE_STEP_LABELS[s]}
            </Chip>
          ))}
        </ChipGroup>
      </View>
      {list.unauthenticated ? (
        <PageState id='hardship-queue' gate={{ kind: 'anonymous' }} onRetry={() => void load(step)} inline />
      ) : (
        <View className='panel'>
          <PagedList
            id='hardship-queue'
            listId='hardship-queue-list'
            list={list}
            emptyText='没有待办理的困难帮扶申请'
            endText={list.items.length > 0 ? '已显示全部待办' : undefined}
            onRetry={() => void load(step)}
            onMore={loadMore}
            renderItem={(c) => (
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
            )}
          />
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

import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
// The same style order as 审核办理 (the shared chunk keeps one order): chips, cards, then NutUI.
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { Page } from '../../components/page';
import '../../components/application/index.scss';
import '../../components/benefit/index.scss';
import { Button } from '@nutui/nutui-react-taro';
import type { ApplicationKind } from '../../../functions/applications/contracts/applications';
import type { SatisfactionFigures, SatisfactionResponse } from '../../../functions/applications/contracts/satisfaction';
import { KIND_FILTERS } from '../../components/application/model';
import { messageOf } from '../../components/page-state';
import { getSatisfaction } from '../../services/applications';
import { figureRows, headlineOf, KIND_COLUMN_LABELS, monthLabel, monthOf, shiftMonth } from './model';
import '../staff.scss';
import './index.scss';

type KindFilter = ApplicationKind | 'all';
type FiguresState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; answer: SatisfactionResponse };

/** One column of the table: the total, or one kind. */
interface Column {
  id: string;
  label: string;
  figures: SatisfactionFigures;
}

function columnsOf(answer: SatisfactionResponse): Column[] {
  const kinds = answer.byKind.map((k) => ({ id: k.kind, label: KIND_COLUMN_LABELS[k.kind], figures: k }));
  // One kind asked for: its figures are the total.
  return kinds.length === 1 ? kinds : [{ id: 'total', label: '合计', figures: answer.total }, ...kinds];
}

/**
 * 满意度统计: the 好差评 figures of the official's subtree (the whole platform for an admin) for a
 * month — ratings per level, 满意率, 差评, their 回访 and 按期回访率, per kind and in total — with the
 * formulas as the API states them. Figures come from counters kept with each rating, never from a
 * scan.
 */
export default function StaffSatisfactionPage() {
  const thisMonth = monthOf(Date.now());
  const [month, setMonth] = useState(thisMonth);
  const [kind, setKind] = useState<KindFilter>('all');
  const [state, setState] = useState<FiguresState>({ kind: 'loading' });
  const sequence = useRef(0);

  const load = useCallback(async (nextMonth: string, nextKind: KindFilter) => {
    const mine = (sequence.current += 1);
    setState({ kind: 'loading' });
    try {
      const answer = await getSatisfaction({ month: nextMonth, ...(nextKind !== 'all' && { kind: nextKind }) });
      if (mine === sequence.current) setState({ kind: 'ready', answer });
    } catch (error) {
      if (mine === sequence.current) setState({ kind: 'error', message: messageOf(error) });
    }
  }, []);

  useDidShow(() => void load(month, kind));
  usePullDownRefresh(() => void load(month, kind).finally(() => Taro.stopPullDownRefresh()));

  const changeMonth = (next: string) => {
    if (next === month || next > thisMonth) return;
    setMonth(next);
    void load(next, kind);
  };
  const changeKind = (next: KindFilter) => {
    if (next === kind) return;
    setKind(next);
    void load(month, next);
  };

  const atLatest = month >= thisMonth;
  const answer = state.kind === 'ready' ? state.answer : null;
  const columns = answer ? columnsOf(answer) : [];
  const headline = answer ? headlineOf(answer.total) : null;
  const rows = columns.map((column) => figureRows(column.figures));

  return (
    <Page id='staff-satisfaction-page'>
      <View id='satisfaction-month-bar' className='panel satisfaction-month'>
        <View id='satisfaction-prev' className='satisfaction-month__step' role='button' aria-label='上个月' onClick={() => changeMonth(shiftMonth(month, -1))}>
          ‹
        </View>
        <Picker id='satisfaction-month-picker' mode='date' fields='month' value={month} end={thisMonth} onChange={(e) => changeMonth(String(e.detail.value).slice(0, 7))}>
          <View id='satisfaction-month' className='satisfaction-month__value' data-month={month}>
            {monthLabel(month)} ▾
          </View>
        </Picker>
        <View
          id='satisfaction-next'
          className={`satisfaction-month__step${atLatest ? ' satisfaction-month__step--off' : ''}`}
          role='button'
          aria-label={atLatest ? '下个月（已是本月）' : '下个月'}
          aria-disabled={atLatest}
          onClick={() => changeMonth(shiftMonth(month, 1))}
        >
          ›
        </View>
      </View>

      <ChipGroup id='satisfaction-kinds' className='satisfaction-kinds'>
        {KIND_FILTERS.map((filter) => (
          <Chip key={filter.value} id={`satisfaction-kind-${filter.value}`} active={kind === filter.value} onTap={() => changeKind(filter.value)}>
            {filter.label}
          </Chip>
        ))}
      </ChipGroup>

      {answer && headline ? (
        <>
          <View id='satisfaction-scope' className='satisfaction-scope'>
            统计范围：{answer.scope.map((org) => org.name).join('、')}及其下级工会 · {monthLabel(answer.month)}
          </View>

          <View id='satisfaction-headline' className='panel staff-figures satisfaction-headline'>
            <View>
              <Text id='satisfaction-rate' className='staff-figure__value'>
                {headline.satisfactionRate}
              </Text>
              <Text className='staff-figure__label'>满意率</Text>
            </View>
            <View>
              <Text id='satisfaction-rated' className='staff-figure__value'>
                {answer.total.rated}
              </Text>
              <Text className='staff-figure__label'>评价总数</Text>
            </View>
            <View>
              <Text id='satisfaction-follow-up-rate' className='staff-figure__value'>
                {headline.followUpOnTimeRate}
              </Text>
              <Text className='staff-figure__label'>按期回访率</Text>
            </View>
          </View>

          <View id='satisfaction-table' className='panel satisfaction-table'>
            <View className='staff-table__row staff-table__row--head'>
              <Text className='staff-table__cell staff-table__cell--name'>项目</Text>
              {columns.map((column) => (
                <Text key={column.id} id={`satisfaction-column-${column.id}`} className='staff-table__cell'>
                  {column.label}
                </Text>
              ))}
            </View>
            {(rows[0] ?? []).map((row, index) => (
              <View key={row.key} id={`satisfaction-row-${row.key}`} className='staff-table__row'>
                <Text className='staff-table__cell staff-table__cell--name'>{row.label}</Text>
                {columns.map((column, c) => {
                  const cell = rows[c]![index]!;
                  return (
                    <Text
                      key={column.id}
                      id={`satisfaction-${row.key}-${column.id}`}
                      className={`staff-table__cell${cell.warn ? ' satisfaction-cell--warn' : ''}`}
                    >
                      {cell.value}
                    </Text>
                  );
                })}
              </View>
            ))}
          </View>

          <View id='satisfaction-formulas' className='panel'>
            <View className='panel__title'>计算口径</View>
            <Text id='satisfaction-formula-rate' className='satisfaction-formula'>
              {answer.formulas.satisfactionRate}
            </Text>
            <Text id='satisfaction-formula-follow-up' className='satisfaction-formula'>
              {answer.formulas.followUpOnTimeRate}
            </Text>
            <Text className='satisfaction-formula muted'>评价计入作出评价的月份；其回访计入同一月份。</Text>
          </View>
        </>
      ) : null}

      {state.kind === 'error' ? (
        <View className='list-error'>
          <View id='satisfaction-error'>{state.message}</View>
          <Button size='small' fill='outline' onClick={() => void load(month, kind)}>
            重新加载
          </Button>
        </View>
      ) : null}
      {state.kind === 'loading' ? <View className='list-status muted'>正在加载…</View> : null}
    </Page>
  );
}

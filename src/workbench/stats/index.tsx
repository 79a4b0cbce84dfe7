import { useCallback, useMemo, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { StatsResponse } from '../../../functions/stats/contracts/stats';
import { messageOf } from '../../components/page-state';
import { regionLabel } from '../../components/benefit/model';
import { getStats } from '../../services/workbench';
import { figureRows, monthLabel, monthOf, shiftMonth } from '../../staff/satisfaction/model';
import { barsOf, shortMonth, tilesOf, type Bar, type Tile } from './model';
import { Page } from '../../components/page';
import '../workbench.scss';
import '../member/index.scss';
import './index.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; stats: StatsResponse };

function Tiles({ id, tiles }: { id: string; tiles: Tile[] }) {
  return (
    <View id={id} className='stats-tiles'>
      {tiles.map((t) => (
        <View key={t.key} id={`stats-${t.key}`} className='stats-tile'>
          <Text className='stats-tile__value'>{t.value}</Text>
          <Text className='stats-tile__label'>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * One series as bars drawn with Views, each with its label and figure as text: read by screen
 * readers, the same in WeChat and H5, and legible at 320 px and in 长辈版. (A canvas chart used to
 * draw the same figures a second time above them, its axis labels overlapping on narrow phones.)
 */
function Bars({ id, bars }: { id: string; bars: Bar[] }) {
  return (
    <View id={id} className='stats-bars'>
      {bars.map((b) => (
        <View key={b.key} className='stats-bar' data-value={b.value}>
          <Text className='stats-bar__label'>{b.label}</Text>
          <View className='stats-bar__track'>
            <View className='stats-bar__fill' style={{ width: `${b.width}%` }} />
          </View>
          <Text className='stats-bar__value'>{b.value}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 统计: the official's subtree (the platform for an admin) in one month — members and binding,
 * applications, benefits, 好差评 — with 12-month series as bar charts, and how each rate is computed.
 */
export default function StatsPage() {
  const [month, setMonth] = useState(() => monthOf(Date.now()));
  const [state, setState] = useState<State>({ kind: 'loading' });
  const sequence = useRef(0);
  const thisMonth = monthOf(Date.now());

  const load = useCallback(async (m: string) => {
    const mine = (sequence.current += 1);
    setState({ kind: 'loading' });
    try {
      const stats = await getStats({ month: m });
      if (mine === sequence.current) setState({ kind: 'ready', stats });
    } catch (e) {
      if (mine === sequence.current) setState({ kind: 'error', message: messageOf(e) });
    }
  }, []);

  useDidShow(() => void load(month));
  usePullDownRefresh(() => void load(month).finally(() => Taro.stopPullDownRefresh()));

  const go = (delta: number) => {
    const next = shiftMonth(month, delta);
    if (next > thisMonth) return;
    setMonth(next);
    void load(next);
  };

  const stats = state.kind === 'ready' ? state.stats : null;
  const tiles = stats ? tilesOf(stats) : null;
  const series = useMemo(
    () =>
      stats && {
        joined: barsOf(stats.members.byMonth.map((m) => ({ key: m.month, label: shortMonth(m.month), value: m.joined }))),
        filed: barsOf(stats.applications.byMonth.map((m) => ({ key: m.month, label: shortMonth(m.month), value: m.filed.total }))),
        regions: barsOf(stats.benefits.byRegion.map((r) => ({ key: r.regionCode, label: regionLabel(r.regionCode), value: r.claimed }))),
      },
    [stats],
  );

  return (
    <Page id='stats-page'>
      <View className='panel stats-month'>
        <View id='stats-prev' className='stats-month__step' role='button' aria-label='上个月' onClick={() => go(-1)}>
          ‹
        </View>
        <Text id='stats-month' className='stats-month__value'>
          {monthLabel(month)}
        </Text>
        {month < thisMonth ? (
          <View key='next-on' id='stats-next' className='stats-month__step' role='button' aria-label='下个月' onClick={() => go(1)}>
            ›
          </View>
        ) : (
          <View key='next-off' className='stats-month__step stats-month__step--off' aria-label='下个月（已是本月）' aria-disabled>
            ›
          </View>
        )}
      </View>

      {state.kind === 'loading' ? <View className='list-status muted'>正在加载…</View> : null}
      {state.kind === 'error' ? (
        <View className='list-error'>
          <View id='stats-error'>{state.message}</View>
          <Button size='small' fill='outline' onClick={() => void load(month)}>
            重新加载
          </Button>
        </View>
      ) : null}

      {stats && tiles && series ? (
        <View id='stats-ready'>
          <View id='stats-scope' className='muted wb-note'>
            统计范围：{stats.scope.map((o) => o.name).join('、')}及下级工会
          </View>

          <View className='panel'>
            <View className='panel__title'>会员</View>
            <Tiles id='stats-members' tiles={tiles.members} />
            <View className='stats-chart__title'>近 12 个月新入册会员</View>
            <Bars id='stats-joined' bars={series.joined} />
          </View>

          <View className='panel'>
            <View className='panel__title'>办事</View>
            <Tiles id='stats-applications' tiles={tiles.applications} />
            <View className='stats-chart__title'>近 12 个月提交的申请</View>
            <Bars id='stats-filed' bars={series.filed} />
          </View>

          <View className='panel'>
            <View className='panel__title'>普惠权益</View>
            <Tiles id='stats-benefits' tiles={tiles.benefits} />
            <View className='stats-chart__title'>各地领取（含未分配名额 {stats.benefits.unreserved}）</View>
            {stats.benefits.byRegion.length === 0 ? <View className='muted'>没有分市名额</View> : null}
            <Bars id='stats-regions' bars={series.regions} />
          </View>

          <View id='stats-satisfaction' className='panel'>
            <View className='panel__title'>好差评（{monthLabel(stats.month)}）</View>
            {figureRows(stats.satisfaction).map((row) => (
              <View key={row.key} className={`care-row${row.warn ? ' stats-warn' : ''}`}>
                <Text className='care-row__label'>{row.label}</Text>
                <Text className='care-row__value'>{row.value}</Text>
              </View>
            ))}
          </View>

          <View id='stats-formulas' className='panel muted stats-formulas'>
            {Object.entries(stats.formulas).map(([key, text]) => (
              <View key={key}>{text}</View>
            ))}
          </View>
        </View>
      ) : null}
    </Page>
  );
}

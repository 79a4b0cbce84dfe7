import { formatRate } from '../../../functions/applications/contracts/satisfaction';
import type { StatsResponse } from '../../../functions/stats/contracts/stats';

/**
 * 统计 as the dashboard draws it: figures as text, and each 12-month series as bars whose lengths
 * are shares of the series' largest value (the text rows beside the F2 charts of chart.tsx).
 */

/** "2026-03" → "3月"; January with its year: "2026-01" → "26年1月". */
export function shortMonth(month: string): string {
  const [year, m] = month.split('-') as [string, string];
  return m === '01' ? `${year.slice(2)}年1月` : `${Number(m)}月`;
}

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Share of the largest value of the series, 0–100 (a value > 0 gets at least 2, to be seen). */
  width: number;
}

/** Bars for `values`, scaled to the largest (all 0 when every value is 0). */
export function barsOf(items: Array<{ key: string; label: string; value: number }>): Bar[] {
  const max = Math.max(0, ...items.map((i) => i.value));
  return items.map((i) => ({ ...i, width: max === 0 ? 0 : Math.max(i.value > 0 ? 2 : 0, Math.round((i.value / max) * 100)) }));
}

export interface Tile {
  key: string;
  label: string;
  value: string;
}

export function tilesOf(stats: StatsResponse): { members: Tile[]; applications: Tile[]; benefits: Tile[] } {
  const { members, applications, benefits } = stats;
  return {
    members: [
      { key: 'members-total', label: '会员总数', value: `${members.total}` },
      { key: 'members-bound', label: '已绑定', value: `${members.bound}` },
      { key: 'members-rate', label: '绑定率', value: formatRate(members.bindingRate) },
    ],
    applications: [
      { key: 'apps-pending', label: '待办', value: `${applications.pending}` },
      { key: 'apps-overdue', label: '超期', value: `${applications.overdue}` },
      { key: 'apps-decided', label: '已办结', value: `${applications.decided}` },
      { key: 'apps-days', label: '平均办结天数', value: applications.meanDaysToDecide === null ? '—' : `${applications.meanDaysToDecide}` },
    ],
    benefits: [
      { key: 'benefits-count', label: '权益数', value: `${benefits.count}` },
      { key: 'benefits-claimed', label: '已领取', value: `${benefits.claimed}` },
      { key: 'benefits-redeemed', label: '已核销', value: `${benefits.redeemed}` },
      { key: 'benefits-rate', label: '核销率', value: formatRate(benefits.redemptionRate) },
    ],
  };
}

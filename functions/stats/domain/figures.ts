import { APPLICATION_KINDS } from '../../applications/contracts/applications';
import { SERIES_MONTHS, STATS_FORMULAS, type StatsResponse } from '../contracts/stats';
import { APPS_ALL, appsMonth, MEMBERS_ALL, membersMonth } from './deltas';

/** Counter items as read: sort key → attribute → number (absent items and attributes are 0). */
export type CounterItems = ReadonlyMap<string, Readonly<Record<string, number>>>;

/** `count` months ending with `month` (`YYYY-MM`), oldest first. */
export function monthsEnding(month: string, count = SERIES_MONTHS): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** The day before `date` (`YYYY-MM-DD`). */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The sort keys of the counter items a dashboard for `months` reads, per org. */
export function dashboardSortKeys(months: readonly string[]): string[] {
  return [MEMBERS_ALL, APPS_ALL, ...months.map(membersMonth), ...months.map(appsMonth)];
}

/** part ÷ whole, 4 places; null when whole is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** Mean days from seconds summed over `count` decisions, 1 place; null without decisions. */
export function meanDays(seconds: number, count: number): number | null {
  return count === 0 ? null : Math.round((seconds / count / 86_400) * 10) / 10;
}

/** The counters of several disjoint subtrees summed, item by item. */
export function sumItems(perRoot: readonly CounterItems[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const items of perRoot) {
    for (const [sk, attrs] of items) {
      const sum = out.get(sk) ?? {};
      for (const [name, n] of Object.entries(attrs)) sum[name] = (sum[name] ?? 0) + n;
      out.set(sk, sum);
    }
  }
  return out;
}

export interface DashboardInputs {
  month: string;
  scope: StatsResponse['scope'];
  counters: CounterItems;
  overdue: number;
  benefits: StatsResponse['benefits'];
  satisfaction: StatsResponse['satisfaction'];
}

/** The answer of GET /api/admin/stats from what was read (no I/O). */
export function dashboard(input: DashboardInputs): StatsResponse {
  const months = monthsEnding(input.month);
  const get = (sk: string, attribute: string) => input.counters.get(sk)?.[attribute] ?? 0;
  const total = get(MEMBERS_ALL, 'total');
  const bound = get(MEMBERS_ALL, 'bound');
  const byKind = APPLICATION_KINDS.map((kind) => {
    const counts = {
      pending: get(APPS_ALL, `${kind}_pending`),
      approved: get(APPS_ALL, `${kind}_approved`),
      rejected: get(APPS_ALL, `${kind}_rejected`),
      cancelled: get(APPS_ALL, `${kind}_cancelled`),
    };
    return { kind, ...counts, total: counts.pending + counts.approved + counts.rejected + counts.cancelled };
  });
  const decided = get(APPS_ALL, 'decided');
  return {
    month: input.month,
    months,
    scope: input.scope,
    formulas: { ...STATS_FORMULAS },
    members: {
      total,
      bound,
      bindingRate: ratio(bound, total),
      byMonth: months.map((month) => ({ month, joined: get(membersMonth(month), 'joined'), left: get(membersMonth(month), 'left') })),
    },
    applications: {
      byKind,
      pending: byKind.reduce((n, k) => n + k.pending, 0),
      overdue: input.overdue,
      decided,
      meanDaysToDecide: meanDays(get(APPS_ALL, 'decideSeconds'), decided),
      byMonth: months.map((month) => {
        const sk = appsMonth(month);
        const filed = { join: get(sk, 'filed_join'), transfer: get(sk, 'filed_transfer'), subsidy: get(sk, 'filed_subsidy'), total: 0 };
        filed.total = filed.join + filed.transfer + filed.subsidy;
        const count = APPLICATION_KINDS.reduce((n, kind) => n + get(sk, `decided_${kind}`), 0);
        const seconds = APPLICATION_KINDS.reduce((n, kind) => n + get(sk, `decideSeconds_${kind}`), 0);
        return { month, filed, decided: count, meanDaysToDecide: meanDays(seconds, count) };
      }),
    },
    benefits: input.benefits,
    satisfaction: input.satisfaction,
  };
}

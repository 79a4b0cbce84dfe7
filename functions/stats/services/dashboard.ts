import type { StatsQuery, StatsResponse } from '../contracts/stats';
import { AppError } from '../../kernel/errors';
import { chinaDate, chinaMonth } from '../domain/deltas';
import { dashboardSortKeys, dashboard, dayBefore, monthsEnding, sumItems } from '../domain/figures';
import type { DashboardDeps, Org } from './ports';

/**
 * Whose figures: an admin's are the province federations' subtrees (the whole platform); an
 * official's the subtrees of the orgs they hold a role for (an org under another of theirs is
 * counted with that one). Anyone else: FORBIDDEN.
 */
async function scopeOf(deps: Pick<DashboardDeps, 'accounts' | 'orgs' | 'directory'>, openid: string): Promise<{ roots: Org[]; admin: boolean }> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  const admin = account.roles.some((r) => r.type === 'admin');
  const orgIds = account.roles.flatMap((r) => (r.type === 'official' ? [r.orgId] : []));
  if (!admin && orgIds.length === 0) throw new AppError('FORBIDDEN', { message: '只有工会工作人员可以查看统计' });
  const found = admin ? await deps.directory.listByKind('province') : [...(await deps.orgs.getMany(orgIds)).values()];
  const roots = found.filter((o) => !found.some((q) => q !== o && q.path.length < o.path.length && o.path.includes(q.id)));
  return { roots, admin };
}

/**
 * GET /api/admin/stats?month=: the dashboard of the caller's subtree(s). Per root org it reads
 * one batch of 26 counter items (members and applications, all-time and per month of the series)
 * and one query of its `due#` items (overdue); then the 好差评 counters of the month (one query per
 * root) and the benefits' figures (the benefits index and their counters). None of it reads a
 * member or an application: the cost is the same for 300 members as for 1.2 million.
 */
export async function getStats(deps: DashboardDeps, openid: string, query: StatsQuery): Promise<StatsResponse> {
  const { roots, admin } = await scopeOf(deps, openid);
  const now = deps.now();
  const month = query.month ?? chinaMonth(now);
  const months = monthsEnding(month);
  const rootIds = roots.map((o) => o.id);
  const yesterday = dayBefore(chinaDate(now));
  // The series starts on the 1st of its first month in China (00:00 +08:00).
  const seriesStart = Date.parse(`${months[0]}-01T00:00:00+08:00`);
  const [counters, overdue, benefits, satisfaction] = await Promise.all([
    rootIds.length === 0 ? new Map<string, Map<string, Record<string, number>>>() : deps.stats.read(rootIds, dashboardSortKeys(months)),
    Promise.all(rootIds.map((id) => deps.stats.openDueThrough(id, yesterday))),
    deps.benefits.ofSubtrees(admin ? 'all' : rootIds, seriesStart),
    deps.satisfaction.ofSubtrees(rootIds, month),
  ]);
  return dashboard({
    month,
    scope: roots.map((o) => ({ id: o.id, name: o.name })),
    counters: sumItems([...counters.values()]),
    overdue: overdue.reduce((a, b) => a + b, 0),
    benefits,
    satisfaction,
  });
}

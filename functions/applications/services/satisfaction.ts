import { APPLICATION_KINDS } from '../contracts/applications';
import { SATISFACTION_FORMULAS, type SatisfactionQuery, type SatisfactionResponse } from '../contracts/satisfaction';
import { figuresOf, monthOf, NO_COUNTS, sumCounts } from '../domain/satisfaction';
import { actorOf } from './people';
import type { SatisfactionDeps } from './ports';
import { subtreeRoots } from './reading';

/**
 * GET /api/admin/satisfaction?month=&kind=: the 好差评 figures of the caller's subtree(s) — an admin's:
 * every province federation's — for one month (default: this month in China), per kind and in
 * total. Each root org's counters are one query of its own partition (one item per kind): a handful
 * of items, whatever the number of applications.
 */
export async function getSatisfaction(
  deps: Pick<SatisfactionDeps, 'accounts' | 'orgs' | 'directory' | 'now' | 'satisfaction'>,
  openid: string,
  query: SatisfactionQuery,
): Promise<SatisfactionResponse> {
  const { account } = await actorOf(deps, openid);
  const roots = await subtreeRoots(deps, account, '只有工会工作人员可以查看满意度统计');
  const month = query.month ?? monthOf(deps.now());
  const perRoot = await Promise.all(roots.map((o) => deps.satisfaction.counters(o.id, month)));
  const kinds = query.kind ? [query.kind] : [...APPLICATION_KINDS];
  const countsOf = (kind: (typeof kinds)[number]) => sumCounts(perRoot.map((counters) => counters.get(kind) ?? NO_COUNTS));
  return {
    month,
    scope: roots.map((o) => ({ id: o.id, name: o.name })),
    formulas: { ...SATISFACTION_FORMULAS },
    total: figuresOf(sumCounts(kinds.map(countsOf))),
    byKind: kinds.map((kind) => ({ kind, ...figuresOf(countsOf(kind)) })),
  };
}

import type { SatisfactionFigures } from '../contracts/satisfaction';
import { satisfactionStore } from '../data/satisfaction-store';
import { figuresOf, NO_COUNTS, sumCounts } from '../domain/satisfaction';

/**
 * The 好差评 figures of some subtrees for one month, every kind together, for the dashboard
 * (functions/stats): one query of each root org's counter partition (one item per kind), as
 * GET /api/admin/satisfaction reads them.
 */
export const applicationsSatisfaction = {
  async ofSubtrees(rootOrgIds: readonly string[], month: string): Promise<SatisfactionFigures> {
    const perRoot = await Promise.all(rootOrgIds.map((id) => satisfactionStore.counters(id, month)));
    return figuresOf(sumCounts(perRoot.flatMap((counters) => (counters.size === 0 ? [NO_COUNTS] : [...counters.values()]))));
  },
};

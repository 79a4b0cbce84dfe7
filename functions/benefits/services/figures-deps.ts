import { createBenefitStore } from '../data/benefit-store';
import { benefitsForFigures } from '../data/figures-store';
import { realPause, sendTransaction as dynamooseRunner } from '../../kernel/data/transactions';
import { subtreeBenefitFigures } from './figures';

const store = createBenefitStore(dynamooseRunner, realPause);
const deps = { list: benefitsForFigures, counts: (benefits: Parameters<typeof store.counts>[0]) => store.counts(benefits) };

/** The benefits' figures for a dashboard (functions/stats), wired to the real stores. */
export const benefitsFigures = {
  ofSubtrees: (rootOrgIds: readonly string[] | 'all', createdSince: number) => subtreeBenefitFigures(deps, rootOrgIds, createdSince),
};

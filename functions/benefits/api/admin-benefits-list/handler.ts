import { adminBenefitListQuery } from '../../contracts/benefits';
import { authenticate, endpoint, parseQuery } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { listManagedBenefits } from '../../services/desk';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  listManagedBenefits(deps, await authenticate(event, deps), parseQuery(event, adminBenefitListQuery)),
);

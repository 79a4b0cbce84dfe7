import { benefitListQuery } from '../../contracts/benefits';
import { authenticate, endpoint, parseQuery } from '../../../kernel/http';
import { listBenefits } from '../../services/catalogue';
import { productionDeps } from '../../services/deps';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  listBenefits(deps, await authenticate(event, deps), parseQuery(event, benefitListQuery)),
);

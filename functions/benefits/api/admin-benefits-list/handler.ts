import { adminBenefitsList } from '../../contracts/benefits';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { listManagedBenefits } from '../../services/desk';

export const handler = endpoint(adminBenefitsList, { deps: productionDeps }, ({ query, openid, deps }) =>
  listManagedBenefits(deps, openid, query),
);

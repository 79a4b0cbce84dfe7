import { adminBenefitsGet } from '../../contracts/benefits';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { getManagedBenefit } from '../../services/desk';

export const handler = endpoint(adminBenefitsGet, { deps: productionDeps }, ({ event, openid, deps }) =>
  getManagedBenefit(deps, openid, pathId(event)),
);

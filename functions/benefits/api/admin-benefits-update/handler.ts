import { adminBenefitsUpdate } from '../../contracts/benefits';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { updateBenefit } from '../../services/desk';

export const handler = endpoint(adminBenefitsUpdate, { deps: productionDeps }, ({ event, body, openid, deps }) =>
  updateBenefit(deps, openid, pathId(event), body),
);

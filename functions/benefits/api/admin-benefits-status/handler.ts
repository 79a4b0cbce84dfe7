import { adminBenefitsStatus } from '../../contracts/benefits';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { changeStatus } from '../../services/desk';

export const handler = endpoint(adminBenefitsStatus, { deps: productionDeps }, ({ event, body, openid, deps }) =>
  changeStatus(deps, openid, pathId(event), body.action),
);

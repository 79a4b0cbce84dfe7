import { adminBenefitsStock } from '../../contracts/benefits';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { changeStock } from '../../services/desk';

export const handler = endpoint(adminBenefitsStock, { deps: productionDeps }, ({ event, body, openid, deps }) =>
  changeStock(deps, openid, pathId(event), body),
);

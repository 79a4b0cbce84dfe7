import { adminBenefitsApprove } from '../../contracts/benefits';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { approveBenefit } from '../../services/desk';

/** POST /api/admin/benefits/{id}/approval: the level above approves a draft above its owner's limits. */
export const handler = endpoint(adminBenefitsApprove, { deps: productionDeps }, ({ event, openid, deps }) =>
  approveBenefit(deps, openid, pathId(event)),
);

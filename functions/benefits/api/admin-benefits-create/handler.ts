import { adminBenefitsCreate } from '../../contracts/benefits';
import { endpoint, respond } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { createBenefit } from '../../services/desk';

export const handler = endpoint(adminBenefitsCreate, { deps: productionDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await createBenefit(deps, openid, body)),
);

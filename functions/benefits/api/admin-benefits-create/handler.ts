import { createBenefitRequest } from '../../contracts/benefits';
import { authenticate, endpoint, respond } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { createBenefit } from '../../services/desk';

export const handler = endpoint({ deps: productionDeps, body: createBenefitRequest }, async ({ event, body, deps }) =>
  respond(event, 201, await createBenefit(deps, await authenticate(event, deps), body)),
);

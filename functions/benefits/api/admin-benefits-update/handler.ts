import { updateBenefitRequest } from '../../contracts/benefits';
import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { updateBenefit } from '../../services/desk';

export const handler = endpoint({ deps: productionDeps, body: updateBenefitRequest }, async ({ event, body, deps }) =>
  updateBenefit(deps, await authenticate(event, deps), pathId(event), body),
);

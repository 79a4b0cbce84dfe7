import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { getBenefit } from '../../services/catalogue';
import { productionDeps } from '../../services/deps';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  getBenefit(deps, await authenticate(event, deps), pathId(event)),
);

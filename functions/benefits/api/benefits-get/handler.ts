import { authenticate, endpoint } from '../../../kernel/http';
import { getBenefit } from '../../services/catalogue';
import { productionDeps } from '../../services/deps';
import { pathId } from '../http';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  getBenefit(deps, await authenticate(event, deps), pathId(event)),
);

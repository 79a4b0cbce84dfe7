import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { getManagedBenefit } from '../../services/desk';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  getManagedBenefit(deps, await authenticate(event, deps), pathId(event)),
);

import { benefitStatusRequest } from '../../contracts/benefits';
import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { changeStatus } from '../../services/desk';

export const handler = endpoint({ deps: productionDeps, body: benefitStatusRequest }, async ({ event, body, deps }) =>
  changeStatus(deps, await authenticate(event, deps), pathId(event), body.action),
);

import { stockRequest } from '../../contracts/benefits';
import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { changeStock } from '../../services/desk';

export const handler = endpoint({ deps: productionDeps, body: stockRequest }, async ({ event, body, deps }) =>
  changeStock(deps, await authenticate(event, deps), pathId(event), body),
);

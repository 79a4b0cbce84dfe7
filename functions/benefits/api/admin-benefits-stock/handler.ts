import { stockRequest } from '../../contracts/benefits';
import { authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { changeStock } from '../../services/desk';
import { pathId } from '../http';

export const handler = endpoint({ deps: productionDeps, body: stockRequest }, async ({ event, body, deps }) =>
  changeStock(deps, await authenticate(event, deps), pathId(event), body),
);

import { queueQuery } from '../../contracts/applications';
import { authenticate, endpoint, parseQuery } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { listQueue } from '../../services/reading';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  listQueue(deps, await authenticate(event, deps), parseQuery(event, queueQuery)),
);

import { queueQuery } from '../../contracts/applications';
import { authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { listQueue } from '../../services/reading';
import { query } from '../http';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  listQueue(deps, await authenticate(event, deps), query(event, queueQuery)),
);

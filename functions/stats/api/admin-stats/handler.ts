import { statsQuery } from '../../contracts/stats';
import { authenticate, endpoint, parseQuery } from '../../../kernel/http';
import { getStats } from '../../services/dashboard';
import { productionDeps } from '../../services/deps';

/** GET /api/admin/stats?month=YYYY-MM: the dashboard of the caller's subtree (officials, admins). */
export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  getStats(deps, await authenticate(event, deps), parseQuery(event, statsQuery)),
);

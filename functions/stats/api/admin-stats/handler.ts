import { adminStats } from '../../contracts/stats';
import { endpoint } from '../../../kernel/http';
import { getStats } from '../../services/dashboard';
import { productionDeps } from '../../services/deps';

/** GET /api/admin/stats?month=YYYY-MM: the dashboard of the caller's subtree (officials, admins). */
export const handler = endpoint(adminStats, { deps: productionDeps }, ({ query, openid, deps }) => getStats(deps, openid, query));

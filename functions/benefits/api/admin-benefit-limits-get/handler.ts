import { adminBenefitLimitsGet } from '../../contracts/benefits';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { getLimits } from '../../services/limits';

/** GET /api/admin/benefit-limits: the limits per org level (any official). */
export const handler = endpoint(adminBenefitLimitsGet, { deps: productionDeps }, ({ openid, deps }) => getLimits(deps, openid));

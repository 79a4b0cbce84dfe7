import { adminBenefitLimitsSet } from '../../contracts/benefits';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { setLimits } from '../../services/limits';

/** POST /api/admin/benefit-limits: province officials and admins set the limits per org level (audited). */
export const handler = endpoint(adminBenefitLimitsSet, { deps: productionDeps }, ({ body, openid, deps }) => setLimits(deps, openid, body));

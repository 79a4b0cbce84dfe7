import { endpoint } from '../../../kernel/http';
import { adminSubsidyRulesUpdate } from '../../contracts/subsidy';
import { updateSubsidyRules } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

/** Province officials and admins change the subsidy rules (audited). */
export const handler = endpoint(adminSubsidyRulesUpdate, { deps: productionDeps }, ({ body, openid, deps }) => updateSubsidyRules(deps, openid, body));

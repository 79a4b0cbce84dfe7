import { endpoint } from '../../../kernel/http';
import { adminSubsidyRulesGet } from '../../contracts/subsidy';
import { getSubsidyRules } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

/** The province's subsidy rules: the amounts a campaign's tiers may pay. */
export const handler = endpoint(adminSubsidyRulesGet, { deps: productionDeps }, ({ openid, deps }) => getSubsidyRules(deps, openid));

import { endpoint } from '../../../kernel/http';
import { adminSubsidyCampaignsList } from '../../contracts/subsidy';
import { listAdminCampaigns } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

/** The campaigns of the caller's subtree with the places used per city and the payouts. */
export const handler = endpoint(adminSubsidyCampaignsList, { deps: productionDeps }, ({ openid, deps }) => listAdminCampaigns(deps, openid));

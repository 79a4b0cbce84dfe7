import { endpoint } from '../../../kernel/http';
import { subsidyCampaignsList } from '../../contracts/subsidy';
import { listOpenCampaigns } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

/** The 补贴 campaigns open now (or about to open), each with where the caller stands. */
export const handler = endpoint(subsidyCampaignsList, { deps: productionDeps }, ({ openid, deps }) => listOpenCampaigns(deps, openid));

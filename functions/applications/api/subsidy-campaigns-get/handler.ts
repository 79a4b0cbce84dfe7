import { endpoint, pathId } from '../../../kernel/http';
import { CAMPAIGN_ID, subsidyCampaignsGet } from '../../contracts/subsidy';
import { getCampaign } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(subsidyCampaignsGet, { deps: productionDeps }, ({ event, openid, deps }) =>
  getCampaign(deps, openid, pathId(event, CAMPAIGN_ID)),
);

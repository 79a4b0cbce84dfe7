import { endpoint, pathId } from '../../../kernel/http';
import { adminSubsidyCampaignsApprove, CAMPAIGN_ID } from '../../contracts/subsidy';
import { approveCampaign } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

/** The level above approves a campaign (never its creator): from then on it accepts applications. */
export const handler = endpoint(adminSubsidyCampaignsApprove, { deps: productionDeps }, ({ event, openid, deps }) =>
  approveCampaign(deps, openid, pathId(event, CAMPAIGN_ID)),
);

import { endpoint, pathId } from '../../../kernel/http';
import { adminSubsidyCampaignsExtend, CAMPAIGN_ID } from '../../contracts/subsidy';
import { extendCampaign } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

/** Extends the application window once (SUBSIDY_ALREADY_EXTENDED afterwards). */
export const handler = endpoint(adminSubsidyCampaignsExtend, { deps: productionDeps }, ({ event, body, openid, deps }) =>
  extendCampaign(deps, openid, pathId(event, CAMPAIGN_ID), body.applyUntil),
);

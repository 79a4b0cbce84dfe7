import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { CAMPAIGN_ID, extendCampaignRequest } from '../../contracts/subsidy';
import { extendCampaign } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

/** Extends the application window once (SUBSIDY_ALREADY_EXTENDED afterwards). */
export const handler = endpoint({ deps: productionDeps, body: extendCampaignRequest }, async ({ event, body, deps }) =>
  extendCampaign(deps, await authenticate(event, deps), pathId(event, CAMPAIGN_ID), body.applyUntil),
);

import { endpoint, respond } from '../../../kernel/http';
import { adminSubsidyCampaignsCreate } from '../../contracts/subsidy';
import { createCampaign } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

/** 201 with the new campaign and its (empty) figures. */
export const handler = endpoint(adminSubsidyCampaignsCreate, { deps: productionDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await createCampaign(deps, openid, body)),
);

import { authenticate, endpoint, respond } from '../../../kernel/http';
import { createCampaignRequest } from '../../contracts/subsidy';
import { createCampaign } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

/** 201 with the new campaign and its (empty) figures. */
export const handler = endpoint({ deps: productionDeps, body: createCampaignRequest }, async ({ event, body, deps }) =>
  respond(event, 201, await createCampaign(deps, await authenticate(event, deps), body)),
);

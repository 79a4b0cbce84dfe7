import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { CAMPAIGN_ID } from '../../contracts/subsidy';
import { getCampaign } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  getCampaign(deps, await authenticate(event, deps), pathId(event, CAMPAIGN_ID)),
);

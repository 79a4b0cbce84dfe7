import { authenticate, endpoint } from '../../../kernel/http';
import { listOpenCampaigns } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

/** The 补贴 campaigns open now (or about to open), each with where the caller stands. */
export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) => listOpenCampaigns(deps, await authenticate(event, deps)));

import { authenticate, endpoint } from '../../../kernel/http';
import { listAdminCampaigns } from '../../services/campaigns';
import { productionDeps } from '../../services/deps';

/** The campaigns of the caller's subtree with the places used per city and the payouts. */
export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) => listAdminCampaigns(deps, await authenticate(event, deps)));

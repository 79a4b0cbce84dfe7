import { endpoint, pathId } from '../../../kernel/http';
import { adminCampaignPayouts } from '../../contracts/payouts';
import { CAMPAIGN_ID } from '../../contracts/subsidy';
import { payoutDeps } from '../../services/payout-deps';
import { listCampaignPayouts } from '../../services/payouts';

/** A campaign's payouts by status, the next batch's, those without a card, and its batches. */
export const handler = endpoint(adminCampaignPayouts, { deps: payoutDeps }, ({ event, openid, deps }) =>
  listCampaignPayouts(deps, openid, pathId(event, CAMPAIGN_ID)),
);

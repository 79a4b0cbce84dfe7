import { endpoint, respond } from '../../../kernel/http';
import { adminPayoutBatchesCreate } from '../../contracts/payouts';
import { payoutDeps } from '../../services/payout-deps';
import { createBatch } from '../../services/payouts';

/** 201: a batch of the campaign's pending payouts with a card, for the bank. */
export const handler = endpoint(adminPayoutBatchesCreate, { deps: payoutDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await createBatch(deps, openid, body.campaignId)),
);

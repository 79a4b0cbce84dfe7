import { endpoint, pathId } from '../../../kernel/http';
import { adminPayoutBatchesResults, BATCH_ID } from '../../contracts/payouts';
import { payoutDeps } from '../../services/payout-deps';
import { markBatch } from '../../services/payouts';

/** Every line's result from the bank's answer. */
export const handler = endpoint(adminPayoutBatchesResults, { deps: payoutDeps }, ({ event, body, openid, deps }) =>
  markBatch(deps, openid, pathId(event, BATCH_ID), body),
);

import { endpoint, pathId } from '../../../kernel/http';
import { adminPayoutBatchesConfirm, BATCH_ID } from '../../contracts/payouts';
import { payoutDeps } from '../../services/payout-deps';
import { confirmBatch } from '../../services/payouts';

/** A second person confirms the results: the payouts become paid or failed. */
export const handler = endpoint(adminPayoutBatchesConfirm, { deps: payoutDeps }, ({ event, body, openid, deps }) =>
  confirmBatch(deps, openid, pathId(event, BATCH_ID), body),
);

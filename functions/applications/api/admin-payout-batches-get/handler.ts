import { endpoint, pathId } from '../../../kernel/http';
import { adminPayoutBatchesGet, BATCH_ID } from '../../contracts/payouts';
import { payoutDeps } from '../../services/payout-deps';
import { getBatch } from '../../services/payouts';

/** A batch with its lines (masked accounts) and results. */
export const handler = endpoint(adminPayoutBatchesGet, { deps: payoutDeps }, ({ event, openid, deps }) => getBatch(deps, openid, pathId(event, BATCH_ID)));

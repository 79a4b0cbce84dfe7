import { endpoint, pathId } from '../../../kernel/http';
import { adminPayoutBatchesFile, BATCH_ID } from '../../contracts/payouts';
import { payoutDeps } from '../../services/payout-deps';
import { batchFile } from '../../services/payouts';

/** The bank file with the full card numbers (the paying federation's officers only; audited). */
export const handler = endpoint(adminPayoutBatchesFile, { deps: payoutDeps }, ({ event, openid, deps }) => batchFile(deps, openid, pathId(event, BATCH_ID)));

import { APPLICATION_ID, applicationsPayee } from '../../contracts/applications';
import { endpoint, pathId } from '../../../kernel/http';
import { payoutDeps } from '../../services/payout-deps';
import { changePayee } from '../../services/payouts';

/** The applicant's new bank card for a payout the bank refused (or one still waiting for a batch). */
export const handler = endpoint(applicationsPayee, { deps: payoutDeps }, ({ event, body, openid, deps }) =>
  changePayee(deps, openid, pathId(event, APPLICATION_ID), body),
);

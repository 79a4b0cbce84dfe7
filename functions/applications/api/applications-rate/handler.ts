import { APPLICATION_ID, applicationsRate } from '../../contracts/applications';
import { endpoint, pathId } from '../../../kernel/http';
import { rateApplication } from '../../services/ratings';
import { satisfactionDeps } from '../../services/satisfaction-deps';

/** The applicant rates their closed application, once (好差评). */
export const handler = endpoint(applicationsRate, { deps: satisfactionDeps }, ({ event, body, openid, deps }) =>
  rateApplication(deps, openid, pathId(event, APPLICATION_ID), body),
);

import { APPLICATION_ID, ratingRequest } from '../../contracts/applications';
import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { rateApplication } from '../../services/ratings';
import { satisfactionDeps } from '../../services/satisfaction-deps';

/** The applicant rates their closed application, once (好差评). */
export const handler = endpoint({ deps: satisfactionDeps, body: ratingRequest }, async ({ event, body, deps }) =>
  rateApplication(deps, await authenticate(event, deps), pathId(event, APPLICATION_ID), body),
);

import { APPLICATION_ID, followUpRequest } from '../../contracts/applications';
import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { followUpApplication } from '../../services/follow-up';
import { satisfactionDeps } from '../../services/satisfaction-deps';

/** The union that decided (or an org above it, or an admin) records the 回访 of a 差评, once. */
export const handler = endpoint({ deps: satisfactionDeps, body: followUpRequest }, async ({ event, body, deps }) =>
  followUpApplication(deps, await authenticate(event, deps), pathId(event, APPLICATION_ID), body.note),
);

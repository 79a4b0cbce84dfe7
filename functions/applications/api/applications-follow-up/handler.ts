import { APPLICATION_ID, applicationsFollowUp } from '../../contracts/applications';
import { endpoint, pathId } from '../../../kernel/http';
import { followUpApplication } from '../../services/follow-up';
import { satisfactionDeps } from '../../services/satisfaction-deps';

/** The union that decided (or an org above it, or an admin) records the 回访 of a 差评, once. */
export const handler = endpoint(applicationsFollowUp, { deps: satisfactionDeps }, ({ event, body, openid, deps }) =>
  followUpApplication(deps, openid, pathId(event, APPLICATION_ID), body.note),
);

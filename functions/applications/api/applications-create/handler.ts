import { createApplicationRequest } from '../../contracts/applications';
import { authenticate, endpoint, respond } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { submitApplication } from '../../services/submit';

/** 201 with a new application; 200 when a pending join was resubmitted (same application). */
export const handler = endpoint({ deps: productionDeps, body: createApplicationRequest }, async ({ event, body, deps }) => {
  const result = await submitApplication(deps, await authenticate(event, deps), body);
  return result.created ? respond(event, 201, result.response) : result.response;
});

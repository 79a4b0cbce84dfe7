import { applicationsCreate } from '../../contracts/applications';
import { endpoint, respond } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { submitApplication } from '../../services/submit';

/** 201 with a new application; 200 when a pending join was resubmitted (same application). */
export const handler = endpoint(applicationsCreate, { deps: productionDeps }, async ({ event, body, openid, deps }) => {
  const result = await submitApplication(deps, openid, body);
  return result.created ? respond(event, 201, result.response) : result.response;
});

import { authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { cancelApplication } from '../../services/review';
import { applicationId } from '../http';

/** No body: the applicant withdraws their pending application. */
export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  cancelApplication(deps, await authenticate(event, deps), applicationId(event)),
);

import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { APPLICATION_ID } from '../../contracts/applications';
import { productionDeps } from '../../services/deps';
import { cancelApplication } from '../../services/review';

/** No body: the applicant withdraws their pending application. */
export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  cancelApplication(deps, await authenticate(event, deps), pathId(event, APPLICATION_ID)),
);

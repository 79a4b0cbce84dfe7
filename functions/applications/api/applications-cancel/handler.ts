import { endpoint, pathId } from '../../../kernel/http';
import { APPLICATION_ID, applicationsCancel } from '../../contracts/applications';
import { productionDeps } from '../../services/deps';
import { cancelApplication } from '../../services/review';

/** No body: the applicant withdraws their pending application. */
export const handler = endpoint(applicationsCancel, { deps: productionDeps }, ({ event, openid, deps }) =>
  cancelApplication(deps, openid, pathId(event, APPLICATION_ID)),
);

import { endpoint, pathId } from '../../../kernel/http';
import { APPLICATION_ID, applicationsGet } from '../../contracts/applications';
import { productionDeps } from '../../services/deps';
import { getApplication } from '../../services/reading';

export const handler = endpoint(applicationsGet, { deps: productionDeps }, ({ event, openid, deps }) =>
  getApplication(deps, openid, pathId(event, APPLICATION_ID)),
);

import { APPLICATION_ID, applicationsDecide } from '../../contracts/applications';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { decideApplication } from '../../services/review';

export const handler = endpoint(applicationsDecide, { deps: productionDeps }, ({ event, body, openid, deps }) =>
  decideApplication(deps, openid, pathId(event, APPLICATION_ID), body),
);

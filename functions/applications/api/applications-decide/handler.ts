import { APPLICATION_ID, decisionRequest } from '../../contracts/applications';
import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { decideApplication } from '../../services/review';

export const handler = endpoint({ deps: productionDeps, body: decisionRequest }, async ({ event, body, deps }) =>
  decideApplication(deps, await authenticate(event, deps), pathId(event, APPLICATION_ID), body),
);

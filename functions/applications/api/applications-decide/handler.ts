import { decisionRequest } from '../../contracts/applications';
import { authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { decideApplication } from '../../services/review';
import { applicationId } from '../http';

export const handler = endpoint({ deps: productionDeps, body: decisionRequest }, async ({ event, body, deps }) =>
  decideApplication(deps, await authenticate(event, deps), applicationId(event), body),
);

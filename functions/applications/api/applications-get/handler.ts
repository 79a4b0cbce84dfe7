import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { APPLICATION_ID } from '../../contracts/applications';
import { productionDeps } from '../../services/deps';
import { getApplication } from '../../services/reading';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  getApplication(deps, await authenticate(event, deps), pathId(event, APPLICATION_ID)),
);

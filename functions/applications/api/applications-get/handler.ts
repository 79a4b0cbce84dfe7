import { authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { getApplication } from '../../services/reading';
import { applicationId } from '../http';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  getApplication(deps, await authenticate(event, deps), applicationId(event)),
);

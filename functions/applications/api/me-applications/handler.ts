import { authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { listMyApplications } from '../../services/reading';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) => listMyApplications(deps, await authenticate(event, deps)));

import { authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { getMe } from '../../services/membership';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) => getMe(deps, await authenticate(event, deps)));

import { authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { getCard } from '../../services/membership';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) => getCard(deps, await authenticate(event, deps)));

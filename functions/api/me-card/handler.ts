import { authenticate, endpoint } from '../../commons/http';
import { getCard } from '../../services/membership';

export const handler = endpoint({}, async ({ event, deps }) => getCard(deps, await authenticate(event, deps)));

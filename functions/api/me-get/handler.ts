import { authenticate, endpoint } from '../../commons/http';
import { getMe } from '../../services/membership';

export const handler = endpoint({}, async ({ event, deps }) => getMe(deps, await authenticate(event, deps)));

import { adminBansLift } from '../../contracts/admin';
import { endpoint } from '../../../kernel/http';
import { liftBan } from '../../services/bans';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(adminBansLift, { deps: productionDeps }, ({ openid, deps, body }) => liftBan(deps, openid, body));

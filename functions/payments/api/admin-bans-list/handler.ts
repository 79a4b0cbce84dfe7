import { adminBansList } from '../../contracts/admin';
import { endpoint } from '../../../kernel/http';
import { listBans } from '../../services/bans';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(adminBansList, { deps: productionDeps }, ({ openid, deps, query }) => listBans(deps, openid, query.memberId));

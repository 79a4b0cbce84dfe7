import { meGet } from '../../contracts/me';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { getMe } from '../../services/membership';

export const handler = endpoint(meGet, { deps: productionDeps }, ({ openid, deps }) => getMe(deps, openid));

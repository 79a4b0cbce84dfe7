import { meCard } from '../../contracts/me';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { getCard } from '../../services/membership';

export const handler = endpoint(meCard, { deps: productionDeps }, ({ openid, deps }) => getCard(deps, openid));

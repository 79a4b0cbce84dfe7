import { adminDrawsSeed } from '../../contracts/draws';
import { endpoint, pathId } from '../../../kernel/http';
import { proposeSeed } from '../../services/draw-admin';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(adminDrawsSeed, { deps: productionDeps }, ({ event, body, openid, deps }) => proposeSeed(deps, openid, pathId(event), body.seed));

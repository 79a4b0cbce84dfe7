import { adminDrawsConfirm } from '../../contracts/draws';
import { endpoint, pathId } from '../../../kernel/http';
import { confirmSeed } from '../../services/draw-admin';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(adminDrawsConfirm, { deps: productionDeps }, ({ event, body, openid, deps }) => confirmSeed(deps, openid, pathId(event), body.seed));

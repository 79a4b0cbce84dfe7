import { adminDrawsClose } from '../../contracts/draws';
import { endpoint, pathId } from '../../../kernel/http';
import { closeDraw } from '../../services/draw-admin';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(adminDrawsClose, { deps: productionDeps }, ({ event, openid, deps }) => closeDraw(deps, openid, pathId(event)));

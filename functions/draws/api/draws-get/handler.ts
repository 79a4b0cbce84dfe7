import { drawsGet } from '../../contracts/draws';
import { endpoint, pathId } from '../../../kernel/http';
import { getPublicDraw } from '../../services/draw-admin';
import { productionDeps } from '../../services/deps';

/** Public, no log-in: anyone recomputes the draw from this answer (npm run draw:verify). */
export const handler = endpoint(drawsGet, { deps: productionDeps }, ({ event, deps, query }) => getPublicDraw(deps, pathId(event), Number(query.page ?? '0')));

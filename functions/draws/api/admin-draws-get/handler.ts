import { adminDrawsGet } from '../../contracts/draws';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { getAdminDraw } from '../../services/settlement';

/** A draw as its operators see it (a drawn one left unsettled is settled again first). */
export const handler = endpoint(adminDrawsGet, { deps: productionDeps }, ({ event, openid, deps }) => getAdminDraw(deps, openid, pathId(event)));

import { adminDrawsCreate } from '../../contracts/draws';
import { endpoint, pathId, respond } from '../../../kernel/http';
import { createDraw } from '../../services/draw-admin';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(adminDrawsCreate, { deps: productionDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await createDraw(deps, openid, pathId(event), body)),
);

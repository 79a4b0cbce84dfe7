import { drawEntriesCreate } from '../../contracts/draws';
import { endpoint, pathId, respond } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { enterDraw } from '../../services/quiz';

export const handler = endpoint(drawEntriesCreate, { deps: productionDeps }, async ({ event, openid, deps }) =>
  respond(event, 201, await enterDraw(deps, openid, pathId(event))),
);

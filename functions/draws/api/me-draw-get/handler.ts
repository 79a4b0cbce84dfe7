import { meDrawGet } from '../../contracts/draws';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { myDraw } from '../../services/quiz';

export const handler = endpoint(meDrawGet, { deps: productionDeps }, ({ event, openid, deps }) => myDraw(deps, openid, pathId(event)));

import { ordersCreate } from '../../contracts/payments';
import { endpoint, respond } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { openCashier } from '../../services/orders';

export const handler = endpoint(ordersCreate, { deps: productionDeps }, async ({ event, openid, deps, body }) => respond(event, 201, await openCashier(deps, openid, body.couponId)));

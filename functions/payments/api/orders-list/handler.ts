import { ordersList } from '../../contracts/payments';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { myOrders } from '../../services/orders';

export const handler = endpoint(ordersList, { deps: productionDeps }, ({ openid, deps }) => myOrders(deps, openid));

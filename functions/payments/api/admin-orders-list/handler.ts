import { adminOrdersList } from '../../contracts/admin';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { adminOrders } from '../../services/refunds';

export const handler = endpoint(adminOrdersList, { deps: productionDeps }, ({ openid, deps, query }) => adminOrders(deps, openid, query.state));

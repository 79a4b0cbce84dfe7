import { ordersGet } from '../../contracts/payments';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { myOrder } from '../../services/orders';

export const handler = endpoint(ordersGet, { deps: productionDeps }, ({ event, openid, deps }) => myOrder(deps, openid, pathId(event, { notFound: '订单不存在' })));

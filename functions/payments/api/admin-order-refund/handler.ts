import { adminOrderRefund } from '../../contracts/admin';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { reviewRefund } from '../../services/refunds';

export const handler = endpoint(adminOrderRefund, { deps: productionDeps }, ({ event, openid, deps, body }) => reviewRefund(deps, openid, pathId(event, { notFound: '订单不存在' }), body));

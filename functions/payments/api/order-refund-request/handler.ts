import { orderRefundRequest } from '../../contracts/payments';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { requestRefund } from '../../services/refunds';

export const handler = endpoint(orderRefundRequest, { deps: productionDeps }, ({ event, openid, deps, body }) => requestRefund(deps, openid, pathId(event, { notFound: '订单不存在' }), body.reason));

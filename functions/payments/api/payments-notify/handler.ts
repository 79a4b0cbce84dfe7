import { paymentsNotify } from '../../contracts/payments';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { receiveNotification } from '../../services/notify';

/** WeChat Pay's notifications: the raw body is read by the use case (the declaration has no body schema). */
export const handler = endpoint(paymentsNotify, { deps: productionDeps }, ({ event, deps }) => receiveNotification(deps, event));

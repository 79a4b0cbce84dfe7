import { adminHardshipPaymentConfirm } from '../../contracts/hardship';
import { endpoint, pathId } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { confirmPayment } from '../../services/files';

export const handler = endpoint(adminHardshipPaymentConfirm, { deps: sessionDeps }, ({ event, openid, deps }) => confirmPayment(deps, openid, pathId(event, { pattern: /^HF[0-9A-F]{16}$/, notFound: '该困难职工档案不存在' }), pathId({ ...event, pathParameters: { id: event.pathParameters?.paymentId ?? '' } }, { notFound: '该帮扶发放记录不存在' })));

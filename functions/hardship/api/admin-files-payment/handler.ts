import { adminHardshipPayment } from '../../contracts/hardship';
import { endpoint, pathId, respond } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { recordPayment } from '../../services/files';

export const handler = endpoint(adminHardshipPayment, { deps: sessionDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await recordPayment(deps, openid, pathId(event, { pattern: /^HF[0-9A-F]{16}$/, notFound: '该困难职工档案不存在' }), body)),
);

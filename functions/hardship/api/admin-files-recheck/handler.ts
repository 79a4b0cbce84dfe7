import { adminHardshipRecheck } from '../../contracts/hardship';
import { endpoint, pathId } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { recheck } from '../../services/files';

export const handler = endpoint(adminHardshipRecheck, { deps: sessionDeps }, ({ event, body, openid, deps }) => recheck(deps, openid, pathId(event, { pattern: /^HF[0-9A-F]{16}$/, notFound: '该困难职工档案不存在' }), body));

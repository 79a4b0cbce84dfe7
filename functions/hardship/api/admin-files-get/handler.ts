import { adminHardshipFileGet } from '../../contracts/hardship';
import { endpoint, pathId } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { getFile } from '../../services/files';

export const handler = endpoint(adminHardshipFileGet, { deps: sessionDeps }, ({ event, openid, deps }) => getFile(deps, openid, pathId(event, { pattern: /^HF[0-9A-F]{16}$/, notFound: '该困难职工档案不存在' })));

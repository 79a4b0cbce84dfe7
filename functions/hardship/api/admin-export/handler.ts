import { adminHardshipExport } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { exportFiles } from '../../services/files';

export const handler = endpoint(adminHardshipExport, { deps: sessionDeps }, ({ query, openid, deps }) => exportFiles(deps, openid, query));

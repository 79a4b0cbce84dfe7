import { adminHardshipFiles } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { listFiles } from '../../services/files';

export const handler = endpoint(adminHardshipFiles, { deps: sessionDeps }, ({ query, openid, deps }) => listFiles(deps, openid, query));

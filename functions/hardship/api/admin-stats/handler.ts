import { adminHardshipStats } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { stats } from '../../services/files';

export const handler = endpoint(adminHardshipStats, { deps: sessionDeps }, ({ query, openid, deps }) => stats(deps, openid, query));

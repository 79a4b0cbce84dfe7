import { adminHardshipSpotCheck } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { spotCheck } from '../../services/files';

export const handler = endpoint(adminHardshipSpotCheck, { deps: sessionDeps }, ({ body, openid, deps }) => spotCheck(deps, openid, body));

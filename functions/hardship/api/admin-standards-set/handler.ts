import { adminHardshipStandardSet } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { setStandard } from '../../services/self-check';

export const handler = endpoint(adminHardshipStandardSet, { deps: sessionDeps }, ({ body, openid, deps }) => setStandard(deps, openid, body));

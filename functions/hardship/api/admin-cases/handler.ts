import { adminHardshipCases } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { queue } from '../../services/cases';

export const handler = endpoint(adminHardshipCases, { deps: sessionDeps }, ({ query, openid, deps }) => queue(deps, openid, query));

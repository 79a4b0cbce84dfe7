import { redemptionsList } from '../../contracts/redemption-log';
import { endpoint } from '../../../kernel/http';
import { listRedemptions } from '../../services/redemption-log';
import { redemptionLogDeps } from '../../services/redemption-log-deps';

export const handler = endpoint(redemptionsList, { deps: redemptionLogDeps }, ({ query, openid, deps }) => listRedemptions(deps, openid, query));

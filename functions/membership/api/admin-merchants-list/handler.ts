import { adminMerchantsList } from '../../contracts/admin';
import { endpoint } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { listSignedMerchants } from '../../services/merchant-admin';

/** GET /api/admin/merchants?orgId=: the active merchants a benefit of that org may name. */
export const handler = endpoint(adminMerchantsList, { deps: adminDeps }, ({ query, openid, deps }) => listSignedMerchants(deps, openid, query));

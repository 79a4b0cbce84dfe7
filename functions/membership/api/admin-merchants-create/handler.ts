import { adminMerchantsCreate } from '../../contracts/admin';
import { endpoint, respond } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { createMerchant } from '../../services/merchant-admin';

/** POST /api/admin/merchants {name, orgId?}: a partner merchant and its first agreement (201, audited). */
export const handler = endpoint(adminMerchantsCreate, { deps: adminDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await createMerchant(deps, openid, body)),
);

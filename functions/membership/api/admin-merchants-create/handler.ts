import { createMerchantRequest } from '../../contracts/admin';
import { authenticate, endpoint, respond } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { createMerchant } from '../../services/role-admin';

/** POST /api/admin/merchants {name}: a partner merchant (admins only; 201, audited). */
export const handler = endpoint({ deps: adminDeps, body: createMerchantRequest }, async ({ event, body, deps }) =>
  respond(event, 201, await createMerchant(deps, await authenticate(event, deps), body)),
);

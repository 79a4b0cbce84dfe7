import { roleChangeRequest } from '../../contracts/admin';
import { authenticate, endpoint } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { revokeRole } from '../../services/role-admin';

/** POST /api/admin/roles/revoke {openid | memberId, role}: audited, with the officials index. */
export const handler = endpoint({ deps: adminDeps, body: roleChangeRequest }, async ({ event, body, deps }) =>
  revokeRole(deps, await authenticate(event, deps), body),
);

import { roleChangeRequest } from '../../contracts/admin';
import { authenticate, endpoint } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { grantRole } from '../../services/role-admin';

/** POST /api/admin/roles {openid | memberId, role}: audited, with the officials index. */
export const handler = endpoint({ deps: adminDeps, body: roleChangeRequest }, async ({ event, body, deps }) =>
  grantRole(deps, await authenticate(event, deps), body),
);

import { adminRolesRevoke } from '../../contracts/admin';
import { endpoint } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { revokeRole } from '../../services/role-admin';

/** POST /api/admin/roles/revoke {openid | memberId, role}: audited, with the officials index. */
export const handler = endpoint(adminRolesRevoke, { deps: adminDeps }, ({ body, openid, deps }) => revokeRole(deps, openid, body));

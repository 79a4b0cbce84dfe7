import { adminRolesGrant } from '../../contracts/admin';
import { endpoint } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { grantRole } from '../../services/role-admin';

/** POST /api/admin/roles {openid | memberId, role}: audited, with the officials index. */
export const handler = endpoint(adminRolesGrant, { deps: adminDeps }, ({ body, openid, deps }) => grantRole(deps, openid, body));

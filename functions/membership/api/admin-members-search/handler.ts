import { adminMembersSearch } from '../../contracts/admin';
import { endpoint } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { searchMembers } from '../../services/member-care';

/** GET /api/admin/members?q=&orgId=: members of the caller's subtree by name, phone or ID number (masked). */
export const handler = endpoint(adminMembersSearch, { deps: adminDeps }, ({ query, openid, deps }) => searchMembers(deps, openid, query));

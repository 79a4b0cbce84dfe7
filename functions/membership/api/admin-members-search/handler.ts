import { memberSearchQuery } from '../../contracts/admin';
import { authenticate, endpoint, parseQuery } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { searchMembers } from '../../services/member-care';

/** GET /api/admin/members?q=&orgId=: members of the caller's subtree by name, phone or ID number (masked). */
export const handler = endpoint({ deps: adminDeps }, async ({ event, deps }) =>
  searchMembers(deps, await authenticate(event, deps), parseQuery(event, memberSearchQuery)),
);

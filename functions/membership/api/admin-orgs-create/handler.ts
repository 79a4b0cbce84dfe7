import { createOrgRequest } from '../../contracts/admin';
import { authenticate, endpoint, respond } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { createOrg } from '../../services/org-admin';

/** POST /api/admin/orgs: a union added under the caller's org or below (201, audited). */
export const handler = endpoint({ deps: adminDeps, body: createOrgRequest }, async ({ event, body, deps }) =>
  respond(event, 201, await createOrg(deps, await authenticate(event, deps), body)),
);

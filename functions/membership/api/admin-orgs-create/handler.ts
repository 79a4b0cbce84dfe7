import { adminOrgsCreate } from '../../contracts/admin';
import { endpoint, respond } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { createOrg } from '../../services/org-admin';

/** POST /api/admin/orgs: a union added under the caller's org or below (201, audited). */
export const handler = endpoint(adminOrgsCreate, { deps: adminDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await createOrg(deps, openid, body)),
);

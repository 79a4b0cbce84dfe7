import { renameOrgRequest } from '../../contracts/admin';
import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { renameOrg } from '../../services/org-admin';

/** POST /api/admin/orgs/{id}/rename {name, workUnit?}: audited. */
export const handler = endpoint({ deps: adminDeps, body: renameOrgRequest }, async ({ event, body, deps }) => {
  const openid = await authenticate(event, deps);
  return renameOrg(deps, openid, pathId(event, { notFound: '该工会不存在' }), body);
});

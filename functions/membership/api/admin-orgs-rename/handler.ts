import { adminOrgsRename } from '../../contracts/admin';
import { endpoint, pathId } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { renameOrg } from '../../services/org-admin';

/** POST /api/admin/orgs/{id}/rename {name, workUnit?}: audited. */
export const handler = endpoint(adminOrgsRename, { deps: adminDeps }, ({ event, body, openid, deps }) =>
  renameOrg(deps, openid, pathId(event, { notFound: '该工会不存在' }), body),
);

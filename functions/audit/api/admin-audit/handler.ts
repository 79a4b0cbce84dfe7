import { adminAudit } from '../../contracts/audit';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { listAudit } from '../../services/trail';

/** GET /api/admin/audit?actor=&action=&cursor=: the audit trail of the caller's subtree, newest first. */
export const handler = endpoint(adminAudit, { deps: productionDeps }, ({ query, openid, deps }) => listAudit(deps, openid, query));

import { auditQuery } from '../../contracts/audit';
import { authenticate, endpoint, parseQuery } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { listAudit } from '../../services/trail';

/** GET /api/admin/audit?actor=&action=&cursor=: the audit trail of the caller's subtree, newest first. */
export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  listAudit(deps, await authenticate(event, deps), parseQuery(event, auditQuery)),
);

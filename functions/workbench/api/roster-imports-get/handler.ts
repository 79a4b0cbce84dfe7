import { endpoint, pathId } from '../../../kernel/http';
import { rosterImportsGet } from '../../contracts/roster-import';
import { importDeps } from '../../services/deps';
import { getImport } from '../../services/roster-import';

/** GET /api/admin/roster-imports/{id} → {job}: status, counts, cursor. */
export const handler = endpoint(rosterImportsGet, { deps: importDeps }, ({ event, openid, deps }) =>
  getImport(deps, openid, pathId(event, { notFound: '该导入任务不存在' })),
);

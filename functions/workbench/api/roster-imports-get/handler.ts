import { endpoint, pathId } from '../../../kernel/http';
import { rosterImportsGet } from '../../contracts/roster-import';
import { getImport } from '../../services/import-jobs';
import { pollDeps } from '../../services/local-drive';

/** GET /api/admin/roster-imports/{id} → {job}: status, counts, cursor (locally, after the worker drove the job a little). */
export const handler = endpoint(rosterImportsGet, { deps: pollDeps }, ({ event, openid, deps }) =>
  getImport(deps, openid, pathId(event, { notFound: '该导入任务不存在' })),
);

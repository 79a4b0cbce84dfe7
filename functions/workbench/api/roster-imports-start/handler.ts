import { endpoint, pathId } from '../../../kernel/http';
import { rosterImportsStart } from '../../contracts/roster-import';
import { importDeps } from '../../services/deps';
import { startImport } from '../../services/import-jobs';

/** POST /api/admin/roster-imports/{id}/start → {job} queued (the worker runs it). */
export const handler = endpoint(rosterImportsStart, { deps: importDeps }, ({ event, openid, deps }) =>
  startImport(deps, openid, pathId(event, { notFound: '该导入任务不存在' })),
);

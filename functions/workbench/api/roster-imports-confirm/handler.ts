import { endpoint, pathId } from '../../../kernel/http';
import { rosterImportsConfirm } from '../../contracts/roster-import';
import { importDeps } from '../../services/deps';
import { confirmChanges } from '../../services/import-jobs';

/** POST /api/admin/roster-imports/{id}/confirm-changes → {job, applied, stale, remaining}. */
export const handler = endpoint(rosterImportsConfirm, { deps: importDeps }, ({ event, openid, deps }) =>
  confirmChanges(deps, openid, pathId(event, { notFound: '该导入任务不存在' })),
);

import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { importDeps } from '../../services/deps';
import { confirmChanges } from '../../services/roster-import';

/** POST /api/admin/roster-imports/{id}/confirm-changes → {job, applied, stale, remaining}. */
export const handler = endpoint({ deps: importDeps }, async ({ event, deps }) =>
  confirmChanges(deps, await authenticate(event, deps), pathId(event, { notFound: '该导入任务不存在' })),
);

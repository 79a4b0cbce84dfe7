import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { importDeps } from '../../services/deps';
import { startImport } from '../../services/roster-import';

/** POST /api/admin/roster-imports/{id}/start → {job} queued (the worker runs it). */
export const handler = endpoint({ deps: importDeps }, async ({ event, deps }) =>
  startImport(deps, await authenticate(event, deps), pathId(event, { notFound: '该导入任务不存在' })),
);

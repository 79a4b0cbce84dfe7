import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { importDeps } from '../../services/deps';
import { getImport } from '../../services/roster-import';

/** GET /api/admin/roster-imports/{id} → {job}: status, counts, cursor. */
export const handler = endpoint({ deps: importDeps }, async ({ event, deps }) =>
  getImport(deps, await authenticate(event, deps), pathId(event, { notFound: '该导入任务不存在' })),
);

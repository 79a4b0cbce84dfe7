import { authenticate, endpoint, parseQuery, pathId } from '../../../kernel/http';
import { reportQuery } from '../../contracts/roster-import';
import { importDeps } from '../../services/deps';
import { reportLink } from '../../services/roster-import';

/** GET /api/admin/roster-imports/{id}/report?format=csv → {url, fileName, expiresAt} of the row-level report. */
export const handler = endpoint({ deps: importDeps }, async ({ event, deps }) => {
  parseQuery(event, reportQuery);
  return reportLink(deps, await authenticate(event, deps), pathId(event, { notFound: '该导入任务不存在' }));
});

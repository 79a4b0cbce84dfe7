import { endpoint, pathId } from '../../../kernel/http';
import { rosterImportsReport } from '../../contracts/roster-import';
import { importDeps } from '../../services/deps';
import { reportLink } from '../../services/import-jobs';

/** GET /api/admin/roster-imports/{id}/report?format=csv → {url, fileName, expiresAt} of the row-level report. */
export const handler = endpoint(rosterImportsReport, { deps: importDeps }, ({ event, openid, deps }) =>
  reportLink(deps, openid, pathId(event, { notFound: '该导入任务不存在' })),
);

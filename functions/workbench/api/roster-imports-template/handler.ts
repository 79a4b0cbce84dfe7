import { endpoint } from '../../../kernel/http';
import { rosterImportsTemplate } from '../../contracts/roster-import';
import { importDeps } from '../../services/deps';
import { templateLink } from '../../services/import-template';

/** GET /api/admin/roster-imports/template?format=csv|xlsx → {url, fileName, expiresAt}. */
export const handler = endpoint(rosterImportsTemplate, { deps: importDeps }, ({ query, openid, deps }) =>
  templateLink(deps, openid, query.format ?? 'xlsx'),
);

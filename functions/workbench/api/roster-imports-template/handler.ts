import { authenticate, endpoint, parseQuery } from '../../../kernel/http';
import { templateQuery } from '../../contracts/roster-import';
import { importDeps } from '../../services/deps';
import { templateLink } from '../../services/roster-import';

/** GET /api/admin/roster-imports/template?format=csv|xlsx → {url, fileName, expiresAt}. */
export const handler = endpoint({ deps: importDeps }, async ({ event, deps }) =>
  templateLink(deps, await authenticate(event, deps), parseQuery(event, templateQuery).format ?? 'xlsx'),
);

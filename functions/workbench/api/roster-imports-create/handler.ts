import { endpoint, respond } from '../../../kernel/http';
import { rosterImportsCreate } from '../../contracts/roster-import';
import { importDeps } from '../../services/deps';
import { createImport } from '../../services/import-jobs';

/** POST /api/admin/roster-imports {fileName, format} → 201 {job, upload}: POST the file to `upload.url` with its fields. */
export const handler = endpoint(rosterImportsCreate, { deps: importDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await createImport(deps, openid, body)),
);

import { authenticate, endpoint, respond } from '../../../kernel/http';
import { createImportRequest } from '../../contracts/roster-import';
import { importDeps } from '../../services/deps';
import { createImport } from '../../services/roster-import';

/** POST /api/admin/roster-imports {fileName, format} → 201 {job, upload}: POST the file to `upload.url` with its fields. */
export const handler = endpoint({ deps: importDeps, body: createImportRequest }, async ({ event, body, deps }) =>
  respond(event, 201, await createImport(deps, await authenticate(event, deps), body)),
);

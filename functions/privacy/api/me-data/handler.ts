import { asDownload, authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { exportMyData } from '../../services/data-subject';

/** GET /api/me/data: everything the platform holds about the caller, as a JSON file to save. */
export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) => {
  const { fileName, data } = await exportMyData(deps, await authenticate(event, deps));
  return asDownload(event, fileName, data);
});

import { meData } from '../../contracts/data-subject';
import { asDownload, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { exportMyData } from '../../services/data-subject';

/** GET /api/me/data: everything the platform holds about the caller, as a JSON file to save. */
export const handler = endpoint(meData, { deps: productionDeps }, async ({ event, openid, deps }) => {
  const { fileName, data } = await exportMyData(deps, openid);
  return asDownload(event, fileName, data);
});

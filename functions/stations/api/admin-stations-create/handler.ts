import { adminStationsCreate } from '../../contracts/stations';
import { endpoint, respond } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { createStation } from '../../services/stations';

export const handler = endpoint(adminStationsCreate, { deps: productionDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await createStation(deps, openid, body)),
);

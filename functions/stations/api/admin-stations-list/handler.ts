import { adminStationsList } from '../../contracts/stations';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { adminListStations } from '../../services/stations';

export const handler = endpoint(adminStationsList, { deps: productionDeps }, ({ query, openid, deps }) => adminListStations(deps, openid, query.city));

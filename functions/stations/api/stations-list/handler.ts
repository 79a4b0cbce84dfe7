import { stationsList } from '../../contracts/stations';
import { endpoint } from '../../../kernel/http';
import { publicDeps } from '../../services/deps';
import { listStations } from '../../services/stations';

/** Public, no log-in: nearest first from the member's location, or a city's stations. */
export const handler = endpoint(stationsList, { deps: publicDeps }, ({ query, deps }) => listStations(deps, query));

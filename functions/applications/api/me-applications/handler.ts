import { meApplications } from '../../contracts/applications';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { listMyApplications } from '../../services/reading';

export const handler = endpoint(meApplications, { deps: productionDeps }, ({ openid, deps }) => listMyApplications(deps, openid));

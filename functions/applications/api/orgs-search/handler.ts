import { orgsSearch } from '../../contracts/applications';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { searchUnions } from '../../services/orgs';

export const handler = endpoint(orgsSearch, { deps: productionDeps }, ({ query, openid, deps }) => searchUnions(deps, openid, query.q));

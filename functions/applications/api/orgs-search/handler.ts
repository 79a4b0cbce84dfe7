import { orgSearchQuery } from '../../contracts/applications';
import { authenticate, endpoint, parseQuery } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { searchUnions } from '../../services/orgs';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  searchUnions(deps, await authenticate(event, deps), parseQuery(event, orgSearchQuery).q),
);

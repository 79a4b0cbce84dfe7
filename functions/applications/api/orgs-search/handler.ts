import { orgSearchQuery } from '../../contracts/applications';
import { authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { searchUnions } from '../../services/orgs';
import { query } from '../http';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  searchUnions(deps, await authenticate(event, deps), query(event, orgSearchQuery).q),
);

import { adminSatisfaction } from '../../contracts/satisfaction';
import { endpoint } from '../../../kernel/http';
import { getSatisfaction } from '../../services/satisfaction';
import { satisfactionDeps } from '../../services/satisfaction-deps';

export const handler = endpoint(adminSatisfaction, { deps: satisfactionDeps }, ({ query, openid, deps }) =>
  getSatisfaction(deps, openid, query),
);

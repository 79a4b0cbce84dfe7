import { satisfactionQuery } from '../../contracts/satisfaction';
import { authenticate, endpoint, parseQuery } from '../../../kernel/http';
import { getSatisfaction } from '../../services/satisfaction';
import { satisfactionDeps } from '../../services/satisfaction-deps';

export const handler = endpoint({ deps: satisfactionDeps }, async ({ event, deps }) =>
  getSatisfaction(deps, await authenticate(event, deps), parseQuery(event, satisfactionQuery)),
);

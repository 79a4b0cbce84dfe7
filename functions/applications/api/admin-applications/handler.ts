import { queueQuery } from '../../contracts/applications';
import { authenticate, endpoint, parseQuery } from '../../../kernel/http';
import { listOfficialQueue } from '../../services/follow-up';
import { satisfactionDeps } from '../../services/satisfaction-deps';

export const handler = endpoint({ deps: satisfactionDeps }, async ({ event, deps }) =>
  listOfficialQueue(deps, await authenticate(event, deps), parseQuery(event, queueQuery)),
);

import { adminApplications } from '../../contracts/applications';
import { endpoint } from '../../../kernel/http';
import { listOfficialQueue } from '../../services/follow-up';
import { satisfactionDeps } from '../../services/satisfaction-deps';

export const handler = endpoint(adminApplications, { deps: satisfactionDeps }, ({ query, openid, deps }) =>
  listOfficialQueue(deps, openid, query),
);

import { bindingRequest } from '../../contracts/me';
import { authenticate, endpoint, sourceIp } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { bindMember } from '../../services/binding';

export const handler = endpoint({ deps: productionDeps, body: bindingRequest }, async ({ event, body, deps }) =>
  bindMember(deps, await authenticate(event, deps), body, sourceIp(event)),
);

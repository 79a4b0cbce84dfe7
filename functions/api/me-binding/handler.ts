import { bindingRequest } from '../../contracts/me';
import { authenticate, endpoint } from '../../commons/http';
import { bindMember } from '../../services/binding';

export const handler = endpoint({ body: bindingRequest }, async ({ event, body, deps }) =>
  bindMember(deps, await authenticate(event, deps), body),
);

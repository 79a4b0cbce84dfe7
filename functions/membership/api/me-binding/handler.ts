import { meBinding } from '../../contracts/me';
import { endpoint, sourceIp } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { bindMember } from '../../services/binding';

export const handler = endpoint(meBinding, { deps: productionDeps }, ({ event, body, openid, deps }) =>
  bindMember(deps, openid, body, sourceIp(event)),
);

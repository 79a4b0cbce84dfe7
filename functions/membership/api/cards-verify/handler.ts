import { verifyCardRequest } from '../../contracts/cards';
import { authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { verifyCard } from '../../services/card-verification';

export const handler = endpoint({ deps: productionDeps, body: verifyCardRequest }, async ({ event, body, deps }) =>
  verifyCard(deps, await authenticate(event, deps), body.payload),
);

import { verifyCardRequest } from '../../contracts/cards';
import { authenticate, endpoint } from '../../commons/http';
import { verifyCard } from '../../services/card-verification';

export const handler = endpoint({ body: verifyCardRequest }, async ({ event, body, deps }) =>
  verifyCard(deps, await authenticate(event, deps), body.payload),
);

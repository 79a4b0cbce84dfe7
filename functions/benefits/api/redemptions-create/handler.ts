import { redemptionRequest } from '../../contracts/benefits';
import { authenticate, endpoint, respond } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { redeemCoupon } from '../../services/redemptions';

export const handler = endpoint({ deps: productionDeps, body: redemptionRequest }, async ({ event, body, deps }) =>
  respond(event, 201, await redeemCoupon(deps, await authenticate(event, deps), body.token)),
);

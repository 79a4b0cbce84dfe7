import { redemptionsCreate } from '../../contracts/benefits';
import { endpoint, respond } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { redeemCoupon } from '../../services/redemptions';

export const handler = endpoint(redemptionsCreate, { deps: productionDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await redeemCoupon(deps, openid, body.token)),
);

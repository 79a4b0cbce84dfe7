import { myCouponsQuery } from '../../contracts/benefits';
import { authenticate, endpoint, parseQuery } from '../../../kernel/http';
import { listMyCoupons } from '../../services/coupons';
import { productionDeps } from '../../services/deps';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  listMyCoupons(deps, await authenticate(event, deps), parseQuery(event, myCouponsQuery).status),
);

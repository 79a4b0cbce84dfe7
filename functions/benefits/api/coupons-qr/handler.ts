import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { couponQr } from '../../services/coupons';
import { productionDeps } from '../../services/deps';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  couponQr(deps, await authenticate(event, deps), pathId(event)),
);

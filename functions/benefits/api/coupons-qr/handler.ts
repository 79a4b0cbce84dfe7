import { authenticate, endpoint } from '../../../kernel/http';
import { couponQr } from '../../services/coupons';
import { productionDeps } from '../../services/deps';
import { pathId } from '../http';

export const handler = endpoint({ deps: productionDeps }, async ({ event, deps }) =>
  couponQr(deps, await authenticate(event, deps), pathId(event)),
);

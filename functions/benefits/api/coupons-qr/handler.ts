import { couponsQr } from '../../contracts/benefits';
import { endpoint, pathId } from '../../../kernel/http';
import { couponQr } from '../../services/coupons';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(couponsQr, { deps: productionDeps }, ({ event, openid, deps }) => couponQr(deps, openid, pathId(event)));

import { couponsList } from '../../contracts/benefits';
import { endpoint } from '../../../kernel/http';
import { listMyCoupons } from '../../services/coupons';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(couponsList, { deps: productionDeps }, ({ query, openid, deps }) => listMyCoupons(deps, openid, query.status));

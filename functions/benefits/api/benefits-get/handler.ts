import { benefitsGet } from '../../contracts/benefits';
import { endpoint, pathId } from '../../../kernel/http';
import { getBenefit } from '../../services/catalogue';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(benefitsGet, { deps: productionDeps }, ({ event, openid, deps }) => getBenefit(deps, openid, pathId(event)));

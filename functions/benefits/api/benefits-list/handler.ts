import { benefitsList } from '../../contracts/benefits';
import { endpoint } from '../../../kernel/http';
import { listBenefits } from '../../services/catalogue';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(benefitsList, { deps: productionDeps }, ({ query, openid, deps }) => listBenefits(deps, openid, query));

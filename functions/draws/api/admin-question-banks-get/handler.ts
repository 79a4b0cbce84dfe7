import { adminQuestionBanksGet } from '../../contracts/draws';
import { endpoint, pathId } from '../../../kernel/http';
import { getBank } from '../../services/banks';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(adminQuestionBanksGet, { deps: productionDeps }, ({ event, openid, deps }) => getBank(deps, openid, pathId(event)));

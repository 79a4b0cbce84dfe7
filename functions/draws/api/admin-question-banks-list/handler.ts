import { adminQuestionBanksList } from '../../contracts/draws';
import { endpoint } from '../../../kernel/http';
import { listBanks } from '../../services/banks';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(adminQuestionBanksList, { deps: productionDeps }, ({ openid, deps }) => listBanks(deps, openid));

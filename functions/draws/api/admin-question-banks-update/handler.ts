import { adminQuestionBanksUpdate } from '../../contracts/draws';
import { endpoint, pathId } from '../../../kernel/http';
import { updateBank } from '../../services/banks';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(adminQuestionBanksUpdate, { deps: productionDeps }, ({ event, body, openid, deps }) => updateBank(deps, openid, pathId(event), body));

import { hardshipDraftSave } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { saveDraft } from '../../services/cases';

export const handler = endpoint(hardshipDraftSave, { deps: productionDeps }, ({ body, openid, deps }) => saveDraft(deps, openid, body));

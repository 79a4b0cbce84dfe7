import { hardshipDraftGet } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { getDraft } from '../../services/cases';

export const handler = endpoint(hardshipDraftGet, { deps: productionDeps }, ({ openid, deps }) => getDraft(deps, openid));

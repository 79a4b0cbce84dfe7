import { adminQuestionBanksCreate } from '../../contracts/draws';
import { endpoint, respond } from '../../../kernel/http';
import { createBank } from '../../services/banks';
import { productionDeps } from '../../services/deps';

export const handler = endpoint(adminQuestionBanksCreate, { deps: productionDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await createBank(deps, openid, body)),
);

import { hardshipSubmit } from '../../contracts/hardship';
import { endpoint, respond } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { submitCase } from '../../services/cases';

export const handler = endpoint(hardshipSubmit, { deps: productionDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await submitCase(deps, openid, body)),
);

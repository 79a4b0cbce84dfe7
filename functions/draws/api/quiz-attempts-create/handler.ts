import { quizAttemptsCreate } from '../../contracts/draws';
import { endpoint, pathId, respond } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { startAttempt } from '../../services/quiz';

export const handler = endpoint(quizAttemptsCreate, { deps: productionDeps }, async ({ event, openid, deps }) =>
  respond(event, 201, await startAttempt(deps, openid, pathId(event))),
);

import { quizAttemptsSubmit } from '../../contracts/draws';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { submitAttempt } from '../../services/quiz';

export const handler = endpoint(quizAttemptsSubmit, { deps: productionDeps }, ({ event, body, openid, deps }) => submitAttempt(deps, openid, pathId(event), body.answers));

import { hardshipRate } from '../../contracts/hardship';
import { endpoint, pathId } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { rateCase } from '../../services/cases';

/** The applicant rates their decided case, once (好差评). */
export const handler = endpoint(hardshipRate, { deps: sessionDeps }, ({ event, body, openid, deps }) => rateCase(deps, openid, pathId(event, { notFound: '该帮扶申请不存在' }), body));

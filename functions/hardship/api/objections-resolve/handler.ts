import { hardshipResolveObjection } from '../../contracts/hardship';
import { endpoint, pathId } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { resolve } from '../../services/cases';

export const handler = endpoint(hardshipResolveObjection, { deps: sessionDeps }, ({ event, body, openid, deps }) => resolve(deps, openid, pathId(event, { notFound: '该异议不存在' }), body));

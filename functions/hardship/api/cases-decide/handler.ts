import { hardshipDecide } from '../../contracts/hardship';
import { endpoint, pathId } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { decide } from '../../services/cases';

export const handler = endpoint(hardshipDecide, { deps: sessionDeps }, ({ event, body, openid, deps }) => decide(deps, openid, pathId(event, { notFound: '该帮扶申请不存在' }), body));

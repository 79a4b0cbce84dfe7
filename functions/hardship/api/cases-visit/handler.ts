import { hardshipVisit } from '../../contracts/hardship';
import { endpoint, pathId } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { visit } from '../../services/cases';

export const handler = endpoint(hardshipVisit, { deps: sessionDeps }, ({ event, body, openid, deps }) => visit(deps, openid, pathId(event, { notFound: '该帮扶申请不存在' }), body));

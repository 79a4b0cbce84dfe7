import { hardshipCancel } from '../../contracts/hardship';
import { endpoint, pathId } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { cancel } from '../../services/cases';

export const handler = endpoint(hardshipCancel, { deps: sessionDeps }, ({ event, openid, deps }) => cancel(deps, openid, pathId(event, { notFound: '该帮扶申请不存在' })));

import { hardshipCaseGet } from '../../contracts/hardship';
import { endpoint, pathId } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { getCase } from '../../services/cases';

export const handler = endpoint(hardshipCaseGet, { deps: sessionDeps }, ({ event, openid, deps }) => getCase(deps, openid, pathId(event, { notFound: '该帮扶申请不存在' })));

import { hardshipObject } from '../../contracts/hardship';
import { endpoint, pathId, respond } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { raiseObjection } from '../../services/cases';

export const handler = endpoint(hardshipObject, { deps: sessionDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 201, await raiseObjection(deps, openid, pathId(event, { notFound: '该帮扶申请不存在' }), body)),
);

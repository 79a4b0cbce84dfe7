import { adminMembersUnbind } from '../../contracts/admin';
import { endpoint, pathId } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { unbindMember } from '../../services/member-care';

/** POST /api/admin/members/{id}/unbind: the member's WeChat binding cleared (audited). */
export const handler = endpoint(adminMembersUnbind, { deps: adminDeps }, ({ event, openid, deps }) =>
  unbindMember(deps, openid, pathId(event, { notFound: '该会员不存在' })),
);

import { adminMembersLeave } from '../../contracts/admin';
import { endpoint, pathId } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { recordLeave } from '../../services/member-care';

/** POST /api/admin/members/{id}/leave {reason, date}: the member's 退会 recorded (audited, idempotent). */
export const handler = endpoint(adminMembersLeave, { deps: adminDeps }, ({ event, body, openid, deps }) =>
  recordLeave(deps, openid, pathId(event, { notFound: '该会员不存在' }), body),
);

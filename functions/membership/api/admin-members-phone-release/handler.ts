import { adminMembersPhoneRelease } from '../../contracts/admin';
import { endpoint, pathId } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { releasePhone } from '../../services/member-care';

/** POST /api/admin/members/{id}/phone-release: the member's phone number released (audited). */
export const handler = endpoint(adminMembersPhoneRelease, { deps: adminDeps }, ({ event, openid, deps }) =>
  releasePhone(deps, openid, pathId(event, { notFound: '该会员不存在' })),
);

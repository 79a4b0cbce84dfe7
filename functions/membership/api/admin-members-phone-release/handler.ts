import { authenticate, endpoint, pathId } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { releasePhone } from '../../services/member-care';

/** POST /api/admin/members/{id}/phone-release: the member's phone number released (audited). */
export const handler = endpoint({ deps: adminDeps }, async ({ event, deps }) => {
  const openid = await authenticate(event, deps);
  return releasePhone(deps, openid, pathId(event, { notFound: '该会员不存在' }));
});

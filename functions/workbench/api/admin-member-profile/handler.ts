import { adminMemberProfile } from '../../contracts/member-profile';
import { endpoint, pathId } from '../../../kernel/http';
import { memberProfileDeps } from '../../services/member-profile-deps';
import { memberProfile } from '../../services/member-profile';

/** GET /api/admin/members/{id}: a member of the caller's subtree, masked, with applications and coupons. */
export const handler = endpoint(adminMemberProfile, { deps: memberProfileDeps }, ({ event, openid, deps }) =>
  memberProfile(deps, openid, pathId(event, { notFound: '该会员不存在' })),
);

import { PRIVACY_DOCUMENTS, type PrivacyResponse } from '../../membership/contracts/privacy';

/** GET /api/privacy: the 隐私政策 and the 会员信息授权说明, current versions. */
export function privacyDocuments(): PrivacyResponse {
  return { documents: [...PRIVACY_DOCUMENTS] };
}

import { adminMerchantsAgreementsAdd } from '../../contracts/admin';
import { endpoint, pathId, respond } from '../../../kernel/http';
import { adminDeps } from '../../services/admin-deps';
import { addMerchantAgreement } from '../../services/merchant-admin';

/** POST /api/admin/merchants/{id}/agreements {orgId}: a federation signs with the merchant (audited). */
export const handler = endpoint(adminMerchantsAgreementsAdd, { deps: adminDeps }, async ({ event, body, openid, deps }) =>
  respond(event, 200, await addMerchantAgreement(deps, openid, pathId(event, { notFound: '该商户不存在' }), body)),
);

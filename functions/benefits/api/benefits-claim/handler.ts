import { benefitsClaim } from '../../contracts/benefits';
import { endpoint, pathId, respond } from '../../../kernel/http';
import { claimBenefit } from '../../services/claims';
import { claimDeps } from '../../services/deps';

/** 201 with the new coupon; 200 with the same coupon when the requestId was answered before. */
export const handler = endpoint(benefitsClaim, { deps: claimDeps }, async ({ event, body, openid, deps }) => {
  const result = await claimBenefit(deps, openid, pathId(event), body.requestId);
  return respond(event, result.created ? 201 : 200, result.response);
});

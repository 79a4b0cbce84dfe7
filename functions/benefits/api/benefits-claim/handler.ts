import { claimRequest } from '../../contracts/benefits';
import { authenticate, endpoint, pathId, respond } from '../../../kernel/http';
import { claimBenefit } from '../../services/claims';
import { claimDeps } from '../../services/deps';

/** 201 with the new coupon; 200 with the same coupon when the requestId was answered before. */
export const handler = endpoint({ deps: claimDeps, body: claimRequest }, async ({ event, body, deps }) => {
  const result = await claimBenefit(deps, await authenticate(event, deps), pathId(event), body.requestId);
  return respond(event, result.created ? 201 : 200, result.response);
});

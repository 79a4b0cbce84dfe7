import type { VerifyCardResponse } from '../contracts/cards';
import { AppError } from '../../kernel/errors';
import { maskName } from '../../kernel/masking';
import { requireAccount } from './membership';
import type { Deps } from './ports';

/** POST /api/cards/verify: a merchant clerk (or an official/admin) checks a scanned card QR. */
export async function verifyCard(deps: Deps, openid: string, payload: string): Promise<VerifyCardResponse> {
  const account = await requireAccount(deps, openid);
  if (!account.roles.some((r) => r.type === 'clerk' || r.type === 'official' || r.type === 'admin')) {
    throw new AppError('FORBIDDEN', { message: '只有合作商户店员或工会工作人员可以核验会员码' });
  }
  const claims = await deps.tokens.verifyCard(payload);
  const member = await deps.roster.get(claims.memberId);
  if (!member || member.cardNumber !== claims.cardNumber || member.openid === null) {
    throw new AppError('CARD_TOKEN_INVALID');
  }
  const union = (await deps.orgs.getMany([member.orgId])).get(member.orgId);
  return {
    valid: true,
    number: member.cardNumber,
    memberName: maskName(member.name),
    unionName: union?.name ?? '',
    expiresAt: claims.expiresAt.toISOString(),
  };
}

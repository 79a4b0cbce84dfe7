import type { VerifyCardResponse } from '../contracts/cards';
import { isShortCode } from '../../kernel/contracts/short-code';
import { resolveCounted } from '../../kernel/data/short-codes';
import { AppError } from '../../kernel/errors';
import { maskName } from '../../kernel/masking';
import type { Account, Org, RosterMember, StoredRole } from '../domain/types';
import { requireAccount } from './membership';
import type { Deps } from './ports';

interface Presented {
  cardNumber: string;
  /** The token's jti, or `code:<the short code>`: which presentation was checked (card-checks). */
  jti: string;
  expiresAt: Date;
}

/**
 * What the clerk scanned or typed: a short code (looked up for the clerk's merchants, or for the
 * official's or admin's own account, each allowed CODE_MISSES_PER_HOUR misses an hour) or the signed token.
 */
async function presented(deps: Deps, openid: string, roles: StoredRole[], payload: string): Promise<Presented> {
  const compact = payload.replace(/\s+/g, '');
  if (!isShortCode(compact)) return deps.tokens.verifyCard(payload);
  const merchants = roles.flatMap((r) => (r.type === 'clerk' ? [r.merchantId] : []));
  const reference = await resolveCounted(
    { quotas: deps.quotas, codes: deps.cardCodes },
    { scope: 'card-code', subjects: merchants.length > 0 ? merchants : [openid], code: compact, now: deps.now().getTime(), notFound: () => new AppError('CARD_CODE_NOT_FOUND') },
  );
  const [cardNumber, expiresAt] = reference.split(' ');
  if (!cardNumber || !expiresAt) throw new AppError('CARD_CODE_NOT_FOUND');
  return { cardNumber, jti: `code:${compact}`, expiresAt: new Date(expiresAt) };
}

/**
 * The roles under which an account may verify cards: clerks of merchants that exist and are active,
 * officials, admins. A clerk role whose merchant was removed or suspended counts for nothing.
 */
async function verifierRoles(deps: Pick<Deps, 'merchants'>, account: Account): Promise<StoredRole[]> {
  const merchantIds = account.roles.flatMap((r) => (r.type === 'clerk' ? [r.merchantId] : []));
  const merchants = await deps.merchants.getMany(merchantIds);
  return account.roles.filter((r) => r.type !== 'clerk' || merchants.get(r.merchantId)?.status === 'active');
}

/** The role that lets this account see this member: admin, an active clerk, or an official of an ancestor org. */
function roleFor(roles: StoredRole[], union: Org): StoredRole | null {
  return (
    roles.find((r) => r.type === 'admin') ??
    roles.find((r) => r.type === 'clerk') ??
    roles.find((r) => r.type === 'official' && union.path.includes(r.orgId)) ??
    null
  );
}

/**
 * POST /api/cards/verify: a merchant clerk, an official (within their part of the tree) or an admin
 * checks a scanned card QR or a typed short code. Every verification is recorded.
 */
export async function verifyCard(deps: Deps, openid: string, payload: string): Promise<VerifyCardResponse> {
  const account = await requireAccount(deps, openid);
  const roles = await verifierRoles(deps, account);
  if (roles.length === 0) throw new AppError('FORBIDDEN', { message: '只有合作商户店员或工会工作人员可以核验会员码' });
  const claims = await presented(deps, openid, roles, payload);
  const memberId = await deps.roster.cardOwner(claims.cardNumber);
  const member: RosterMember | null = memberId ? await deps.roster.get(memberId) : null;
  if (!member || member.cardNumber !== claims.cardNumber || member.openid === null) {
    throw new AppError('CARD_TOKEN_INVALID');
  }
  if (member.left) throw new AppError('MEMBERSHIP_ENDED', { message: '该会员已办理退会，会员卡已停用' });
  const union = (await deps.orgs.getMany([member.orgId])).get(member.orgId);
  if (!union) throw new AppError('CARD_TOKEN_INVALID');
  const role = roleFor(roles, union);
  if (!role) throw new AppError('FORBIDDEN', { message: '该会员不在您所在工会的管理范围内，无法核验' });
  await deps.cardChecks.record({ cardNumber: member.cardNumber, jti: claims.jti, checkedBy: openid, role, at: deps.now() });
  return {
    valid: true,
    number: member.cardNumber,
    memberName: maskName(member.name),
    unionName: union.name,
    expiresAt: claims.expiresAt.toISOString(),
  };
}

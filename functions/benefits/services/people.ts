import { AppError } from '../../kernel/errors';
import { regionCodeFor, type Account, type RosterMember } from '../../membership';
import { isBenefitManager } from '../domain/benefit';
import type { Deps } from './ports';

/**
 * Who is asking: the account behind a session, the member it is bound to, the member's union path
 * and region code. (membership's requireAccount asks for all of membership's Deps; the benefits use
 * cases name only the account store.)
 */
export async function accountOf(deps: Pick<Deps, 'accounts'>, openid: string): Promise<Account> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  return account;
}

export interface MemberContext {
  account: Account;
  member: RosterMember | null;
  /** Org ids from the root to the member's union; empty when unbound. */
  unionPath: string[];
  /** The 2-digit region code of the member's card number (or of their union's federation). */
  regionCode: string | null;
}

export async function memberContext(deps: Pick<Deps, 'accounts' | 'roster' | 'orgs'>, openid: string): Promise<MemberContext> {
  return contextOf(deps, await accountOf(deps, openid));
}

/** The member an account is bound to, with their union path and region code. */
export async function contextOf(deps: Pick<Deps, 'roster' | 'orgs'>, account: Account): Promise<MemberContext> {
  const member = account.memberId ? await deps.roster.get(account.memberId) : null;
  if (!member) return { account, member: null, unionPath: [], regionCode: null };
  // A member who left (退会, membership's member care) keeps their coupons' history but is eligible
  // for nothing: no union path, so every benefit answers NOT_ELIGIBLE.
  if (member.left) return { account, member, unionPath: [], regionCode: null };
  const union = (await deps.orgs.getMany([member.orgId])).get(member.orgId);
  if (!union) throw new Error(`member ${member.id} belongs to unknown org ${member.orgId}`);
  // The card number carries the region (46 + region + …); before the card is issued, the union's.
  const regionCode = member.cardNumber ? member.cardNumber.slice(2, 4) : regionCodeFor(union.path, await deps.orgs.getMany(union.path));
  return { account, member, unionPath: union.path, regionCode };
}

export async function requireMember(deps: Pick<Deps, 'accounts' | 'roster' | 'orgs'>, openid: string) {
  const context = await memberContext(deps, openid);
  if (!context.member) throw new AppError('NOT_BOUND');
  return { ...context, member: context.member };
}

/** Officials and admins only (who may touch which benefit is domain/benefit.ts `manages`). */
export async function requireManager(deps: Pick<Deps, 'accounts'>, openid: string): Promise<Account> {
  const account = await accountOf(deps, openid);
  if (!isBenefitManager(account.roles)) throw new AppError('FORBIDDEN', { message: '只有工会工作人员可以管理权益' });
  return account;
}

/** The merchants a clerk redeems for: their clerk roles on merchants that exist and are not suspended. */
export async function requireClerkMerchants(deps: Pick<Deps, 'accounts' | 'merchants'>, openid: string): Promise<string[]> {
  const account = await accountOf(deps, openid);
  const ids = account.roles.flatMap((r) => (r.type === 'clerk' ? [r.merchantId] : []));
  const merchants = ids.length > 0 ? await deps.merchants.getMany(ids) : new Map();
  const active = ids.filter((id) => {
    const merchant = merchants.get(id);
    return merchant !== undefined && merchant.status !== 'suspended';
  });
  if (active.length === 0) throw new AppError('FORBIDDEN', { message: '只有合作商户的核销员可以核销权益券' });
  return active;
}

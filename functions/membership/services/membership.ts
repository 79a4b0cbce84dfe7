import type { CardResponse, MeResponse, MemberProfile } from '../contracts/me';
import { CARD_CODE_KIND, CARD_CODE_TTL_MS, cardCodeReference } from '../domain/card-code';
import { cardPrefix } from '../domain/card-number';
import { AppError } from '../../kernel/errors';
import { maskPhone } from '../../kernel/masking';
import type { Account, Org, RosterMember } from '../domain/types';
import { describeRoles } from './roles';
import type { Deps } from './ports';

export async function requireAccount(deps: Deps, openid: string): Promise<Account> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  return account;
}

/** The card-number region code of a union: its own, or that of its nearest ancestor. */
export function regionCodeFor(path: string[], orgs: Map<string, Org>): string | null {
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const code = orgs.get(path[i] as string)?.regionCode;
    if (code) return code;
  }
  return null;
}

/** The member's union with its whole path in the tree (two batched reads). */
async function loadUnion(deps: Deps, member: RosterMember, extraOrgIds: string[] = []): Promise<Map<string, Org>> {
  const first = await deps.orgs.getMany([member.orgId, ...extraOrgIds]);
  const union = first.get(member.orgId);
  if (!union) throw new Error(`member ${member.id} belongs to unknown org ${member.orgId}`);
  const missing = union.path.filter((id) => !first.has(id));
  const rest = await deps.orgs.getMany(missing);
  return new Map([...first, ...rest]);
}

/** Makes sure a bound member has a card number, assigning the next one of their prefix once. */
async function ensureCard(deps: Deps, member: RosterMember, orgs: Map<string, Org>): Promise<RosterMember> {
  if (member.cardNumber && member.cardIssuedAt) return member;
  const union = orgs.get(member.orgId) as Org;
  const region = regionCodeFor(union.path, orgs);
  if (!region) throw new Error(`no card region code above org ${union.id}`);
  const card = await deps.roster.assignCardNumber(member.id, cardPrefix(region, member.sex), deps.now());
  return { ...member, ...card };
}

function profileOf(member: RosterMember, orgs: Map<string, Org>): MemberProfile {
  const union = orgs.get(member.orgId) as Org;
  return {
    id: member.id,
    name: member.name,
    sex: member.sex,
    idNumberMasked: member.idMasked,
    phoneMasked: maskPhone(member.phone),
    union: { id: union.id, name: union.name },
    unionPath: union.path.flatMap((id) => {
      const org = orgs.get(id);
      return org ? [{ id: org.id, name: org.name }] : [];
    }),
    status: member.left ? 'left' : 'active',
    leftOn: member.left?.on ?? null,
    card: { number: member.cardNumber as string, issuedAt: member.cardIssuedAt as string },
  };
}

/** GET /api/me: roles, and the member's profile and card once bound. */
export async function getMe(deps: Deps, openid: string): Promise<MeResponse> {
  return describeAccount(deps, await requireAccount(deps, openid));
}

/**
 * What GET /api/me says about an account already read (or just bound). A member who left (退会) is
 * shown with their card stopped (`status: left`).
 */
export async function describeAccount(deps: Deps, account: Account): Promise<MeResponse> {
  const stored = account.memberId ? await deps.roster.get(account.memberId) : null;
  if (!stored) return { roles: await describeRoles(deps, account), member: null };
  const officialOrgIds = account.roles.flatMap((r) => (r.type === 'official' ? [r.orgId] : []));
  const orgs = await loadUnion(deps, stored, officialOrgIds);
  const member = await ensureCard(deps, stored, orgs);
  return { roles: await describeRoles(deps, account, orgs), member: profileOf(member, orgs) };
}

async function requireBoundMember(deps: Deps, openid: string): Promise<RosterMember> {
  const account = await requireAccount(deps, openid);
  const member = account.memberId ? await deps.roster.get(account.memberId) : null;
  if (!member) throw new AppError('NOT_BOUND');
  return member;
}

/** GET /api/me/card: what the card shows, with a QR payload signed for one minute; none once the member left (MEMBERSHIP_ENDED). */
export async function getCard(deps: Deps, openid: string): Promise<CardResponse> {
  const stored = await requireBoundMember(deps, openid);
  if (stored.left) throw new AppError('MEMBERSHIP_ENDED');
  const orgs = await loadUnion(deps, stored);
  const member = await ensureCard(deps, stored, orgs);
  const now = deps.now();
  const cardNumber = member.cardNumber as string;
  const qr = await deps.tokens.signCard(cardNumber, now);
  const codeExpiresAt = new Date(now.getTime() + CARD_CODE_TTL_MS);
  const code = await deps.cardCodes.issue(CARD_CODE_KIND, cardCodeReference(cardNumber, codeExpiresAt), now, codeExpiresAt);
  return {
    number: cardNumber,
    memberName: member.name,
    unionName: (orgs.get(member.orgId) as Org).name,
    qr: { payload: qr.token, expiresAt: qr.expiresAt.toISOString(), code, codeExpiresAt: codeExpiresAt.toISOString() },
  };
}


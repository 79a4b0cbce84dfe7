import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../kernel/errors';
import type { Account, RosterMember } from './types';

export interface BindingFacts {
  account: Account;
  /** The roster member who holds the phone number WeChat verified for this user, if anybody does. */
  member: RosterMember | null;
  name: string;
  /** Keyed hash of the ID number the user typed. */
  idHash: string;
}

export type BindingDecision = { kind: 'already-bound'; member: RosterMember } | { kind: 'bind'; member: RosterMember };

/** Names compare without spaces and with the two common middle dots unified (少数民族姓名). */
export function normaliseName(name: string): string {
  return name.replace(/\s+/g, '').replace(/[•・.]/g, '·');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether this WeChat account may bind to the roster member found by its WeChat-verified phone.
 * Pure: the caller has loaded the facts; the data layer re-checks the same conditions atomically.
 *
 * Proof of possession is the verified phone; name and ID number must match that member. A phone no
 * member holds, a wrong name and a wrong ID number get one and the same refusal, so the answer tells
 * nothing about what the roster holds. Only once identity matches do the account-level answers come.
 */
export function decideBinding(facts: BindingFacts): BindingDecision {
  const { account, member } = facts;
  const nameMatches = member !== null && normaliseName(member.name) === normaliseName(facts.name);
  const idMatches = member !== null && sameHash(member.idHash, facts.idHash);
  if (!member || !nameMatches || !idMatches) throw new AppError('IDENTITY_NOT_MATCHED');
  // A member who left (退会) is kept as history and binds no more (they learn why: identity matched).
  if (member.left && account.memberId !== member.id) throw new AppError('MEMBERSHIP_ENDED');
  if (account.memberId !== null) {
    if (account.memberId === member.id) return { kind: 'already-bound', member };
    throw new AppError('ACCOUNT_ALREADY_BOUND');
  }
  if (member.openid !== null && member.openid !== account.openid) throw new AppError('MEMBER_ALREADY_BOUND');
  return { kind: 'bind', member };
}

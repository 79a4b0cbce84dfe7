import { AppError } from '../../kernel/errors';
import type { Account, RosterMember } from './types';

export interface BindingFacts {
  account: Account;
  /** The roster member found by the ID number's hash, if any. */
  member: RosterMember | null;
  name: string;
  phone: string;
  /** Who holds the requested phone number among members, if anybody. */
  phoneOwnerId: string | null;
}

export type BindingDecision =
  | { kind: 'already-bound'; member: RosterMember }
  | { kind: 'bind'; member: RosterMember; phoneChanged: boolean };

/** Names compare without spaces and with the two common middle dots unified (少数民族姓名). */
export function normaliseName(name: string): string {
  return name.replace(/\s+/g, '').replace(/[•・.]/g, '·');
}

/**
 * Whether this WeChat account may bind to the roster member it names. Pure: the caller has loaded
 * the facts; the data layer re-checks the same conditions atomically when it writes.
 */
export function decideBinding(facts: BindingFacts): BindingDecision {
  const { account, member } = facts;
  if (account.memberId !== null) {
    if (member && member.id === account.memberId) return { kind: 'already-bound', member };
    throw new AppError('ACCOUNT_ALREADY_BOUND');
  }
  if (!member) throw new AppError('NOT_IN_ROSTER');
  if (normaliseName(member.name) !== normaliseName(facts.name)) throw new AppError('NAME_MISMATCH');
  if (member.openid !== null && member.openid !== account.openid) throw new AppError('MEMBER_ALREADY_BOUND');
  if (facts.phoneOwnerId !== null && facts.phoneOwnerId !== member.id) throw new AppError('PHONE_IN_USE');
  return { kind: 'bind', member, phoneChanged: member.phone !== facts.phone };
}

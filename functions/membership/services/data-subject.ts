import { maskPhone } from '../../kernel/masking';
import type { Role } from '../../kernel/contracts/common';
import type { Sex } from '../domain/id-number';
import type { Account, RosterMember, StoredRole } from '../domain/types';
import type { Deps } from './ports';
import { describeRoles } from './roles';

/**
 * Membership's part of a data subject's rights (PIPL art. 45 access and copy, art. 47 deletion):
 * what it holds about one account and its roster member, and the closing of the account. The
 * privacy capability composes the parts of every capability (functions/privacy/).
 */

/** The account item as stored: the account and its last log-in. */
export interface StoredAccountRecord extends Account {
  lastLoginAt: string | null;
}

/**
 * The roster item as stored, without the ID number's ciphertext and look-up hash: the member as the
 * domain sees it (its 退会 aside) and what only the export shows.
 */
export interface StoredMemberRecord extends Omit<RosterMember, 'idHash' | 'left'> {
  boundAt: string | null;
  consentAt: string | null;
  consentVersion: string | null;
  cardHistory: Array<{ number: string; issuedAt: string; retiredAt: string }>;
  createdAt: string;
}

export interface StoredCardCheck {
  cardNumber: string;
  at: string;
  role: StoredRole;
}

/** membership/data/data-subject-store.ts; unit tests pass fakes. */
export interface MembershipSubjectStore {
  account(openid: string): Promise<StoredAccountRecord | null>;
  member(id: string): Promise<StoredMemberRecord | null>;
  /** Every recorded verification of these card numbers, newest first per card. */
  cardChecks(cardNumbers: string[]): Promise<StoredCardCheck[]>;
  /**
   * Deletes the account (only if still as read), releases its roster member's binding (only if
   * still this account's) and its officials index items, in one transaction.
   */
  close(account: Account): Promise<'closed' | 'changed'>;
}

export type MembershipSubjectDeps = Pick<Deps, 'orgs' | 'merchants'> & { subjects: MembershipSubjectStore };

/** Why the export masks the ID number (the file leaves the app: it may be forwarded or left on a shared phone). */
export const ID_NUMBER_EXPORT_NOTE =
  '身份证号仅显示前2位和后2位（与小程序内一致）：您本人知道完整号码；导出文件会离开小程序，可能被转发或留存在他人也能打开的设备上，平台因此在任何地方都不提供完整身份证号。平台以加密形式保存完整号码，仅用于实名核验。';
export const PHONE_EXPORT_NOTE =
  '手机号中间4位已隐藏：您本人知道完整号码，导出文件离开小程序后可能被他人看到。会员名册中的手机号由您所在工会维护，如需更改请联系所在工会。';

export interface MembershipExport {
  account: {
    openid: string;
    createdAt: string;
    lastLoginAt: string | null;
    roles: Role[];
  };
  member: null | {
    id: string;
    name: string;
    sex: Sex;
    idNumberMasked: string;
    idNumberNote: string;
    phoneMasked: string;
    phoneNote: string;
    union: { id: string; name: string };
    unionPath: Array<{ id: string; name: string }>;
    rosterEntryCreatedAt: string;
    binding: { boundAt: string | null; consentAt: string | null; consentVersion: string | null };
    card: { number: string; issuedAt: string } | null;
    cardHistory: Array<{ number: string; issuedAt: string; retiredAt: string }>;
    /** Verifications of the member's cards: when, and by which kind of verifier (clerk of which merchant, official of which union, the platform). */
    cardChecks: Array<{ at: string; cardNumber: string; by: { type: StoredRole['type']; name: string | null } }>;
  };
}

/** Everything membership holds about the account `openid` and the member it is bound to; null when there is no such account. */
export async function exportMembershipData(deps: MembershipSubjectDeps, openid: string): Promise<MembershipExport | null> {
  const account = await deps.subjects.account(openid);
  if (!account) return null;
  const roles = await describeRoles(deps, { openid, memberId: account.memberId, roles: account.roles, createdAt: account.createdAt });
  const accountPart = { openid: account.openid, createdAt: account.createdAt, lastLoginAt: account.lastLoginAt, roles };
  const member = account.memberId ? await deps.subjects.member(account.memberId) : null;
  // Only the member bound to this very account (a roster item names its account back).
  if (!member || member.openid !== openid) return { account: accountPart, member: null };

  const cardNumbers = [...(member.cardNumber ? [member.cardNumber] : []), ...member.cardHistory.map((c) => c.number)];
  const checks = await deps.subjects.cardChecks(cardNumbers);
  const first = await deps.orgs.getMany([member.orgId, ...checks.flatMap((c) => (c.role.type === 'official' ? [c.role.orgId] : []))]);
  const union = first.get(member.orgId);
  const pathOrgs = await deps.orgs.getMany((union?.path ?? []).filter((id) => !first.has(id)));
  const orgs = new Map([...first, ...pathOrgs]);
  const merchants = await deps.merchants.getMany(checks.flatMap((c) => (c.role.type === 'clerk' ? [c.role.merchantId] : [])));

  return {
    account: accountPart,
    member: {
      id: member.id,
      name: member.name,
      sex: member.sex,
      idNumberMasked: member.idMasked,
      idNumberNote: ID_NUMBER_EXPORT_NOTE,
      phoneMasked: maskPhone(member.phone),
      phoneNote: PHONE_EXPORT_NOTE,
      union: { id: member.orgId, name: union?.name ?? '' },
      unionPath: (union?.path ?? []).flatMap((id) => {
        const org = orgs.get(id);
        return org ? [{ id: org.id, name: org.name }] : [];
      }),
      rosterEntryCreatedAt: member.createdAt,
      binding: { boundAt: member.boundAt, consentAt: member.consentAt, consentVersion: member.consentVersion },
      card: member.cardNumber && member.cardIssuedAt ? { number: member.cardNumber, issuedAt: member.cardIssuedAt } : null,
      cardHistory: member.cardHistory,
      cardChecks: checks.map((c) => ({
        at: c.at,
        cardNumber: c.cardNumber,
        by: {
          type: c.role.type,
          name:
            c.role.type === 'clerk'
              ? (merchants.get(c.role.merchantId)?.name ?? null)
              : c.role.type === 'official'
                ? (orgs.get(c.role.orgId)?.name ?? null)
                : '平台管理员',
        },
      })),
    },
  };
}

/** The account as the closing use case needs it (null: already closed). */
export async function accountToClose(deps: { subjects: MembershipSubjectStore }, openid: string): Promise<Account | null> {
  const stored = await deps.subjects.account(openid);
  return stored ? { openid: stored.openid, memberId: stored.memberId, roles: stored.roles, createdAt: stored.createdAt } : null;
}

/**
 * Closes the account: deleted with its roles and officials index items, its member's binding
 * released (the roster entry itself stays: it is the union's membership record). `changed` when the
 * account changed since it was read (the caller reads it again).
 */
export function closeMembershipAccount(deps: { subjects: MembershipSubjectStore }, account: Account): Promise<'closed' | 'changed'> {
  return deps.subjects.close(account);
}

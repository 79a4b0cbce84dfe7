import { auditActor, auditEntry, type AuditEntry } from '../../audit';
import type { MembershipAuditAction } from '../domain/audit';
import { withRereads as rereading } from '../../kernel/data/retry';
import { AppError } from '../../kernel/errors';
import type { Account, Org } from '../domain/types';
import type { AdminDeps } from './admin-ports';

/**
 * Who may use the officials' member-care, org and role endpoints: admins everywhere, officials on
 * the subtrees of the orgs they hold a role for. Members, clerks and new accounts: FORBIDDEN.
 */
export interface Staff {
  account: Account;
  admin: boolean;
  /** The orgs the account is an official of. */
  orgIds: string[];
}

export async function requireStaff(deps: Pick<AdminDeps, 'accounts'>, openid: string, message = '只有工会干部和平台管理员可以进行此操作'): Promise<Staff> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  const admin = account.roles.some((r) => r.type === 'admin');
  const orgIds = account.roles.flatMap((r) => (r.type === 'official' ? [r.orgId] : []));
  if (!admin && orgIds.length === 0) throw new AppError('FORBIDDEN', { message });
  return { account, admin, orgIds };
}

/** An admin manages everything; an official what lies under (or is) one of their orgs. */
export function manages(staff: Staff, orgPath: readonly string[]): boolean {
  return staff.admin || staff.orgIds.some((id) => orgPath.includes(id));
}

export async function requireAdmin(deps: Pick<AdminDeps, 'accounts'>, openid: string, message: string): Promise<Staff> {
  const staff = await requireStaff(deps, openid, message);
  if (!staff.admin) throw new AppError('FORBIDDEN', { message });
  return staff;
}

/** The org `id` within the caller's reach, or NOT_FOUND / FORBIDDEN (with `outside` as message). */
export async function orgInReach(deps: Pick<AdminDeps, 'orgs'>, staff: Staff, id: string, outside: string): Promise<Org> {
  const org = (await deps.orgs.getMany([id])).get(id);
  if (!org) throw new AppError('NOT_FOUND', { message: '该工会不存在，请刷新后重试' });
  if (!manages(staff, org.path)) throw new AppError('FORBIDDEN', { message: outside });
  return org;
}

/** An audit entry of a write by `staff` on something under `orgPath`. */
export function staffAudit(
  staff: Staff,
  orgPath: readonly string[],
  now: Date,
  fields: Pick<AuditEntry<MembershipAuditAction>, 'action' | 'target' | 'before' | 'after'>,
): AuditEntry<MembershipAuditAction> {
  return auditEntry({ actor: auditActor(staff.account.openid, staff.account.roles, orgPath), orgPath: [...orgPath], at: now, ...fields });
}

/** Tries a read-check-write step again when what it read changed meanwhile (the kernel's loop); BUSY after `attempts`. */
export function withRereads<T>(attempts: number, step: () => Promise<T | 'changed'>): Promise<T> {
  return rereading(attempts, step, () => new AppError('BUSY', { message: '数据正在被其他人修改，请稍后再试' }));
}

/** The date in China (UTC+8), YYYY-MM-DD. */
export const chinaDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

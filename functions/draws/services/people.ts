import { auditActor, auditEntry, type AuditEntry } from '../../audit';
import { AppError } from '../../kernel/errors';
import type { Account } from '../../membership';
import { isOfficial, manages, type DrawAuditAction } from '../domain/access';
import type { Deps } from './ports';

/** The account behind a session. */
export async function accountOf(deps: Pick<Deps, 'accounts'>, openid: string): Promise<Account> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  return account;
}

/** Officials and admins only. */
export async function requireOfficial(deps: Pick<Deps, 'accounts'>, openid: string, message: string): Promise<Account> {
  const account = await accountOf(deps, openid);
  if (!isOfficial(account.roles)) throw new AppError('FORBIDDEN', { message });
  return account;
}

/** Refuses an official outside `orgPath`'s subtree (FORBIDDEN with `message`). */
export function requireManages(account: Account, orgPath: readonly string[], message: string): void {
  if (!manages(account.roles, orgPath)) throw new AppError('FORBIDDEN', { message });
}

/** An audit entry of an official's or admin's write. */
export function audited(
  account: Account,
  action: DrawAuditAction,
  target: { type: string; id: string; label: string },
  orgPath: readonly string[],
  before: unknown,
  after: unknown,
  at: Date,
): AuditEntry<DrawAuditAction> {
  return auditEntry({ actor: auditActor(account.openid, account.roles, orgPath), action, target, orgPath: [...orgPath], before, after, at });
}

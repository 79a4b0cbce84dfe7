import { AppError } from '../../kernel/errors';
import type { Account } from '../../membership';
import type { ImportScope } from '../domain/roster-row';
import type { ImportDeps, ImportJob } from './ports';

/**
 * Who may act on a roster import, always with the roles the account holds NOW (read from the
 * account, as every other endpoint does): a job keeps the scope it was created with, and every
 * step — start, progress, report, confirmation and each run of the worker — acts only while that
 * scope still lies within its actor's current subtree. A revoked official is refused (403) and the
 * worker stops the job.
 */

export interface Importer {
  account: Account;
  scope: ImportScope;
}

/** The scope an account's current roles give it, or null when it has no official or admin role. */
export function scopeOf(account: Pick<Account, 'roles'>): ImportScope | null {
  if (account.roles.some((r) => r.type === 'admin')) return { kind: 'admin' };
  const orgIds = account.roles.flatMap((r) => (r.type === 'official' ? [r.orgId] : []));
  return orgIds.length === 0 ? null : { kind: 'official', orgIds };
}

export async function importerOf(deps: Pick<ImportDeps, 'accounts'>, openid: string): Promise<Importer> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  const scope = scopeOf(account);
  if (!scope) throw new AppError('FORBIDDEN', { message: '只有工会干部和平台管理员可以导入会员名册' });
  return { account, scope };
}

/**
 * Whether everything a job may touch (the orgs of its scope) lies within `current`: an admin's
 * job needs an admin, an official's needs each of its orgs at or below one of the current roles'.
 */
export async function jobWithin(deps: Pick<ImportDeps, 'orgs'>, current: ImportScope, job: Pick<ImportJob, 'scope'>): Promise<boolean> {
  if (current.kind === 'admin') return true;
  if (job.scope.kind === 'admin') return false;
  const orgs = await deps.orgs.getMany([...job.scope.orgIds]);
  return job.scope.orgIds.every((id) => orgs.get(id)?.path.some((ancestor) => current.orgIds.includes(ancestor)) ?? false);
}

const NO_LONGER = '您已不再管理该导入任务所属的工会组织，不能继续操作；如需导入，请由现任工会干部重新发起';

/**
 * The job, for its owner or an admin, acting with their current roles; anyone else gets the same
 * 404 as for a job that does not exist, an owner whose roles no longer cover the job a 403.
 */
export async function ownJob(deps: Pick<ImportDeps, 'accounts' | 'jobs' | 'orgs'>, openid: string, id: string): Promise<{ importer: Importer; job: ImportJob }> {
  const importer = await importerOf(deps, openid);
  const job = await deps.jobs.get(id);
  if (!job || (job.owner !== openid && importer.scope.kind !== 'admin')) throw new AppError('NOT_FOUND', { message: '该导入任务不存在' });
  if (!(await jobWithin(deps, importer.scope, job))) throw new AppError('FORBIDDEN', { message: NO_LONGER });
  return { importer, job };
}

/**
 * The worker's check at each run: the job's creator as they are now (their current roles), or null
 * when those no longer cover the job.
 */
export async function ownerNow(deps: Pick<ImportDeps, 'accounts' | 'orgs'>, job: Pick<ImportJob, 'owner' | 'scope'>): Promise<Importer | null> {
  const account = await deps.accounts.get(job.owner);
  const scope = account ? scopeOf(account) : null;
  return account && scope && (await jobWithin(deps, scope, job)) ? { account, scope } : null;
}

/** Why the worker stopped a job whose creator lost the roles it needs (the job's `failure`, shown to officials). */
export const OWNER_REVOKED_FAILURE = '发起导入的工会干部已不再管理该导入所属的工会组织，导入已停止；已导入的行保留，如需继续请由现任工会干部重新发起';

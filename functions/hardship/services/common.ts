import { createHash } from 'node:crypto';
import { auditActor, auditEntry, type AuditEntry } from '../../audit';
import type { Actor, Clock } from '../../applications';
import { shanghaiDate } from '../../applications';
import { AppError } from '../../kernel/errors';
import { maskName } from '../../kernel/masking';
import type { Account, Org } from '../../membership';
import { coversPath, engineRoles, hardshipOrgs } from '../domain/access';
import type { HardshipAuditAction } from '../domain/types';
import type { Deps } from './ports';

export const clockOf = (deps: Pick<Deps, 'now' | 'calendar'>): Clock => ({ now: deps.now(), calendar: deps.calendar });
export const today = (deps: Pick<Deps, 'now'>) => shanghaiDate(deps.now());
export { maskName };

/** The file of a household: its id derived from the household key, so every filing meets on one item. */
export const fileIdOf = (householdKey: string) => `HF${createHash('sha256').update(householdKey).digest('hex').slice(0, 16).toUpperCase()}`;

export async function accountOf(deps: Pick<Deps, 'accounts'>, openid: string): Promise<Account> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  return account;
}

/** An official holding the 帮扶 role somewhere (or an admin); refused otherwise. */
export async function hardshipOfficial(deps: Pick<Deps, 'accounts'>, openid: string): Promise<Account> {
  const account = await accountOf(deps, openid);
  const orgs = hardshipOrgs(account.roles);
  if (orgs !== null && orgs.length === 0) throw new AppError('HARDSHIP_ROLE_REQUIRED');
  return account;
}

export const actorOf = (account: Account): Actor => ({ openid: account.openid, roles: engineRoles(account.roles) });
export const covers = (account: Account, path: readonly string[]) => coversPath(account.roles, path);

/** The orgs of these ids with every org on their paths. */
export async function orgsWithPaths(deps: Pick<Deps, 'orgs'>, ids: string[]): Promise<Map<string, Org>> {
  const first = await deps.orgs.getMany([...new Set(ids)]);
  const missing = [...new Set([...first.values()].flatMap((o) => o.path))].filter((id) => !first.has(id));
  return new Map([...first, ...(missing.length ? await deps.orgs.getMany(missing) : [])]);
}

export function audited(account: Account, action: HardshipAuditAction, target: { type: string; id: string }, orgPath: string[], before: unknown, after: unknown, at: Date): AuditEntry {
  return auditEntry({ actor: auditActor(account.openid, engineRoles(account.roles), orgPath), action, target, orgPath, before, after, at });
}

import type { Recusal } from '../domain/engine';
import type { Application } from '../domain/types';
import type { Deps } from './ports';

const officialOrgs = (roles: readonly { type: string; orgId?: string }[]) => roles.flatMap((r) => (r.type === 'official' && r.orgId ? [r.orgId] : []));

/**
 * Who stands aside from deciding this application: the applicant and whoever granted the applicant's
 * account an official role (membership's officials index keeps the granter), with the orgs those
 * people are officials of: a step at or below one of them is decided from above it (engine.ts
 * Recusal). An official's own application, or one of a member they made an official, goes up a level.
 */
export async function recusalOf(deps: Pick<Deps, 'accounts' | 'officials'>, app: Application): Promise<Recusal> {
  const applicant = await deps.accounts.get(app.applicant.openid);
  const own = officialOrgs(applicant?.roles ?? []);
  const granters = own.length ? (await deps.officials.grantersOf(app.applicant.openid, own)).filter((g) => g !== app.applicant.openid) : [];
  const grantersRoles = await Promise.all(granters.map(async (g) => officialOrgs((await deps.accounts.get(g))?.roles ?? [])));
  return { openids: [app.applicant.openid, ...granters], orgIds: [...new Set([...own, ...grantersRoles.flat()])] };
}

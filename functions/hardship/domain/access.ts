/** Roles as membership stores them (structurally), with the 帮扶 role `{type: 'hardship', orgId}`. */
export type Role = { type: string; orgId?: string };

/** The 帮扶 roles' orgs of an account (admins: null, meaning everywhere). */
export function hardshipOrgs(roles: readonly Role[]): string[] | null {
  if (roles.some((r) => r.type === 'admin')) return null;
  return roles.filter((r) => r.type === 'hardship' && typeof r.orgId === 'string').map((r) => r.orgId as string);
}

/** Whether the account holds the 帮扶 role for an org on `path` (the org itself or one above it), or is an admin. */
export function coversPath(roles: readonly Role[], path: readonly string[]): boolean {
  const orgs = hardshipOrgs(roles);
  return orgs === null || orgs.some((o) => path.includes(o));
}

/** The nearest org on `path` the account holds the 帮扶 role for (null for an admin or none). */
export function actingOrg(roles: readonly Role[], path: readonly string[]): string | null {
  const orgs = new Set(hardshipOrgs(roles) ?? []);
  for (let i = path.length - 1; i >= 0; i--) if (orgs.has(path[i] as string)) return path[i] as string;
  return null;
}

/**
 * The roles the application engine decides with: each 帮扶 role as an official's of the same org
 * (the engine knows officials and admins), admins as they are.
 */
type EngineRole = { type: 'official'; orgId: string } | { type: 'admin' };
export function engineRoles(roles: readonly Role[]): EngineRole[] {
  return roles.flatMap((r): EngineRole[] => (r.type === 'admin' ? [{ type: 'admin' }] : r.type === 'hardship' && r.orgId ? [{ type: 'official', orgId: r.orgId }] : []));
}

/** Roles as membership stores them (structurally the same as membership's StoredRole). */
export type Role = { type: 'official'; orgId: string } | { type: 'clerk'; merchantId: string } | { type: 'admin' } | { type: string; orgId?: string };

/** Officials and admins keep stations. */
export function isOfficial(roles: readonly Role[]): boolean {
  return roles.some((r) => r.type === 'admin' || r.type === 'official');
}

/** An admin acts on every station; an official on those owned by their org or an org below it. */
export function manages(roles: readonly Role[], orgPath: readonly string[]): boolean {
  return roles.some((r) => r.type === 'admin' || (r.type === 'official' && r.orgId !== undefined && orgPath.includes(r.orgId)));
}

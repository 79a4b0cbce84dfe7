/** Roles as membership stores them (structurally the same as membership's StoredRole). */
export type Role = { type: 'official'; orgId: string } | { type: 'clerk'; merchantId: string } | { type: 'admin' } | { type: string; orgId?: string };

/** An admin acts on everything; an official on what belongs to their org or an org below it. */
export function manages(roles: readonly Role[], orgPath: readonly string[]): boolean {
  return roles.some((r) => r.type === 'admin' || (r.type === 'official' && r.orgId !== undefined && orgPath.includes(r.orgId)));
}

export const isOfficial = (roles: readonly Role[]) => roles.some((r) => r.type === 'admin' || r.type === 'official');

/** The audit actions of payments: an official's review of a refund, an official lifting a ban. */
export const PAYMENT_AUDIT_ACTIONS = ['order.refund', 'ban.lift'] as const;
export type PaymentAuditAction = (typeof PAYMENT_AUDIT_ACTIONS)[number];

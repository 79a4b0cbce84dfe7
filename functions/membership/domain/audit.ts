/**
 * What officials' and admins' writes on members, orgs, roles and merchants put into the audit trail
 * (functions/audit).
 * Stable dotted codes (the trail filters on them, officials read them): add one here when a new kind
 * of official write appears. The audit trail itself (functions/audit) takes any code.
 */
export const MEMBERSHIP_AUDIT_ACTIONS = ['member.release-phone', 'member.unbind', 'member.leave', 'role.grant', 'role.revoke', 'org.create', 'org.rename', 'merchant.create', 'merchant.agreement'] as const;
export type MembershipAuditAction = (typeof MEMBERSHIP_AUDIT_ACTIONS)[number];

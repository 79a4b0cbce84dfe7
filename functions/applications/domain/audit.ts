/**
 * What officials' writes on applications and 补贴 campaigns put into the audit trail (functions/audit).
 * Stable dotted codes (the trail filters on them, officials read them): add one here when a new kind
 * of official write appears. The audit trail itself (functions/audit) takes any code.
 */
export const APPLICATION_AUDIT_ACTIONS = ['application.decide', 'application.follow-up', 'campaign.create', 'campaign.extend', 'campaign.approve', 'subsidy-rules.update'] as const;
export type ApplicationAuditAction = (typeof APPLICATION_AUDIT_ACTIONS)[number];

/**
 * What the benefits desk writes into the audit trail (functions/audit), one code per kind of write.
 * Stable dotted codes (the trail filters on them, officials read them): add one here when a new kind
 * of official write appears. The audit trail itself (functions/audit) takes any code.
 */
export const BENEFIT_AUDIT_ACTIONS = ['benefit.create', 'benefit.update', 'benefit.status', 'benefit.stock', 'benefit.approve', 'benefit.limits'] as const;
export type BenefitAuditAction = (typeof BENEFIT_AUDIT_ACTIONS)[number];

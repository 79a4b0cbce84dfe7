/**
 * What the roster import puts into the audit trail (functions/audit): its start and each confirmed change.
 * Stable dotted codes (the trail filters on them, officials read them): add one here when a new kind
 * of official write appears. The audit trail itself (functions/audit) takes any code.
 */
export const ROSTER_IMPORT_AUDIT_ACTIONS = ['roster.import'] as const;
export type RosterImportAuditAction = (typeof ROSTER_IMPORT_AUDIT_ACTIONS)[number];

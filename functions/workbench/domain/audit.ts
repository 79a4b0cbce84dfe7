/**
 * What the roster import puts into the audit trail (functions/audit): its start and each confirmed
 * change; a row naming a member of another union (the request, under that member's union) and the
 * alert past the day's threshold (under the org above the importer's).
 * Stable dotted codes (the trail filters on them, officials read them): add one here when a new kind
 * of official write appears. The audit trail itself (functions/audit) takes any code.
 */
export const ROSTER_IMPORT_AUDIT_ACTIONS = ['roster.import', 'roster.import-request', 'roster.import-alert'] as const;
export type RosterImportAuditAction = (typeof ROSTER_IMPORT_AUDIT_ACTIONS)[number];

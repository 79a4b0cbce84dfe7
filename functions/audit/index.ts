/**
 * The audit trail's public entry. Writers do not come through here: every capability appends its
 * officials' entries with the kernel's `auditPut` (functions/kernel/data/audit.ts) inside its own
 * transactions. This capability only reads the trail (GET /api/admin/audit).
 */
export { listAudit, AUDIT_PAGE_SIZE } from './services/trail';
export type { AuditEntryView, AuditListResponse, AuditQuery } from './contracts/audit';

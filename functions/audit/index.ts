/**
 * The audit trail's public entry, for the capabilities that write it. Every official or admin write
 * appends one entry in its own transaction: the capability builds the entry (`auditEntry`, with the
 * actor from `auditActor`) using the action codes it declares in its own folder, and adds
 * `auditPut(entry)` to the transaction's items. Entries are append-only; `before`/`after` are masked
 * when written. The trail's reading (GET /api/admin/audit) stays inside this capability.
 */
export type { AuditActor, AuditEntry, AuditTarget } from './domain/entry';
export { auditActor, auditEntry, auditTime, maskAuditEntry, maskAuditValue } from './domain/entry';
export { auditPut, type AuditTransactionItem } from './data/audit-store';

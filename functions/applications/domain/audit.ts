/**
 * What officials' writes on applications and 补贴 campaigns put into the audit trail (functions/audit).
 * Stable dotted codes (the trail filters on them, officials read them): add one here when a new kind
 * of official write appears. The audit trail itself (functions/audit) takes any code.
 */
export const APPLICATION_AUDIT_ACTIONS = [
  'application.decide',
  'application.follow-up',
  'campaign.create',
  'campaign.extend',
  'campaign.approve',
  'subsidy-rules.update',
  // 补贴发放 (services/payouts.ts): a batch made, its bank file handed out, its results entered and confirmed.
  'payout-batch.create',
  'payout-batch.export',
  'payout-batch.mark',
  'payout-batch.confirm',
] as const;
export type ApplicationAuditAction = (typeof APPLICATION_AUDIT_ACTIONS)[number];

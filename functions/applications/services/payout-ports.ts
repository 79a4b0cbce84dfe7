import type { AuditEntry } from '../../audit';
import type { BatchLine, LineOutcome, PayoutBatch } from '../domain/payouts';
import type { Payee, Payout } from '../domain/subsidy';

/** 补贴发放's storage (data/payout-store.ts): the payouts and the finance officers' batches. */
export interface PayoutStore {
  /** Every payout of a campaign (a campaign has at most its places: 10,000 in the demo). */
  ofCampaign(campaignId: string): Promise<Payout[]>;
  get(campaignId: string, memberId: string): Promise<Payout | null>;
  /**
   * Puts `batchId` on each payout still pending without a batch, `lineOf` giving its line; the
   * payouts another batch took meanwhile are left out. Answers the lines taken, in the order given.
   */
  claim(batchId: string, payouts: readonly Payout[], at: string): Promise<Payout[]>;
  /** A new batch, `building` until `finish` writes its lines. */
  createBatch(batch: PayoutBatch, audit: AuditEntry<string>): Promise<void>;
  /** Lines written and the batch `exported` (from `building`). */
  finishBatch(id: string, lines: BatchLine[]): Promise<void>;
  getBatch(id: string): Promise<PayoutBatch | null>;
  batchesOf(campaignId: string): Promise<PayoutBatch[]>;
  /** The payouts of a batch's lines (their card numbers encrypted), consistent. */
  payoutsOf(lines: readonly Pick<BatchLine, 'campaignId' | 'memberId'>[]): Promise<Payout[]>;
  /** The payouts carrying `batchId` (a batch whose building was interrupted is finished from them). */
  claimedBy(campaignId: string, batchId: string): Promise<Payout[]>;
  /** Results entered, at the version read (false: changed meanwhile). */
  mark(id: string, version: number, results: Record<string, LineOutcome>, by: string, at: string, audit: AuditEntry<string>): Promise<boolean>;
  /** `marked` → `confirmed` at the version read, with its audit entry (false: changed meanwhile). */
  confirm(id: string, version: number, by: string, at: string, audit: AuditEntry<string>): Promise<boolean>;
  /** One line's result on its payout, only while it is in this batch: true when written now. */
  applyLine(batchId: string, line: Pick<BatchLine, 'campaignId' | 'memberId'>, outcome: LineOutcome, paidOn: string, at: string): Promise<boolean>;
  /** The confirmation's second half done: every line written. */
  setApplied(id: string): Promise<void>;
  /** The audit entry of a bank file handed out (the full card numbers left the system). */
  recordExport(audit: AuditEntry<string>): Promise<void>;
  /** Another card for a payout not in a batch (pending or failed): pending again. False when it is batched or paid. */
  changePayee(campaignId: string, memberId: string, payee: Payee, at: string): Promise<boolean>;
}


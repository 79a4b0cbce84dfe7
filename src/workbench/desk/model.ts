import type { ApplicationSummary } from '../../../functions/applications/contracts/applications';

/** What the queue's answer holds at most (functions/applications/services/reading.ts LIST_LIMIT). */
export const QUEUE_LIMIT = 200;

export interface DeskCounts {
  pending: number;
  overdue: number;
  followUps: number;
  /** A list came back full: its count is "at least". */
  capped: { pending: boolean; followUps: boolean };
}

/** 待审, 已超期 (of those pending) and 待回访 from the two queues the official reviews. */
export function deskCounts(pending: readonly ApplicationSummary[], followUps: readonly ApplicationSummary[]): DeskCounts {
  return {
    pending: pending.length,
    overdue: pending.filter((a) => a.currentStep?.overdue).length,
    followUps: followUps.length,
    capped: { pending: pending.length >= QUEUE_LIMIT, followUps: followUps.length >= QUEUE_LIMIT },
  };
}

/** A count as shown: `200+` when the list was cut there. */
export const countText = (n: number, capped = false) => (capped ? `${n}+` : String(n));

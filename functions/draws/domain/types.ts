import type { DrawKind, DrawStatus, TicketOutcome } from '../contracts/draws';
import type { Question, QuizRules } from './quiz';

/** A question bank (题库) as stored: owned by an org, kept by the officials of its subtree. */
export interface Bank {
  id: string;
  orgId: string;
  orgPath: string[];
  title: string;
  questions: Question[];
  archived: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  /** Optimistic version: every write is conditioned on the one read. */
  version: number;
}

/** The draw of one benefit. Instants are epoch milliseconds. */
export interface Draw {
  id: string;
  benefitId: string;
  benefitTitle: string;
  kind: DrawKind;
  /** Stored: open → closed → drawn (scheduled). An instant draw stays open; its window ends it. */
  status: DrawStatus;
  /** The benefit's owning org and its path: its officials operate the draw. */
  orgId: string;
  orgPath: string[];
  /** The benefit's claim window: attempts and entries only inside it. */
  opensAt: number;
  closesAt: number;
  quiz: (QuizRules & { bankId: string }) | null;
  /** Instant: the chance of one pass, and the wins a member may have a day. */
  winRate: number | null;
  winsPerMemberPerDay: number | null;
  /** Instant: the activity days (their secrets are items of their own). */
  days: string[];
  /** Scheduled: places per pool (region code or `*`), the public value the seed will be. */
  places: Record<string, number>;
  seedSource: string | null;
  /** Scheduled: entries so far (the close checks it read them all). */
  entries: number;
  ticketsHash: string | null;
  closedAt: number | null;
  /** The seed as the first official typed it, waiting for a second official's confirmation. */
  seedProposal: { seed: string; by: string; at: number } | null;
  seed: string | null;
  seedConfirmedBy: string | null;
  drawnAt: number | null;
  /*
   * A scheduled draw's winners and waiting list are not stored: they follow from the seed, the places
   * and the sealed tickets by the published rule (resultsOf, domain/draw-rule.ts), and 100,000
   * tickets' lists would not fit a DynamoDB item (400 KB).
   */
  createdBy: string;
  createdAt: number;
  version: number;
}

export interface DaySecret {
  day: string;
  secret: string;
  commitment: string;
  winRate: number;
}

export interface Ticket {
  drawId: string;
  ticket: string;
  /** Instant: its day; scheduled: null. */
  day: string | null;
  pool: string;
  memberId: string;
  /** The member's region code when they entered: the benefit's region pool a win takes from. */
  regionCode: string | null;
  /** The attempt whose pass gave it (null: an entry without a quiz). */
  attemptId: string | null;
  outcome: TicketOutcome;
  /** The coupon a win reserved. */
  couponId: string | null;
  at: number;
}

export type AttemptState = 'open' | 'passed' | 'failed' | 'timed_out';

export interface Attempt {
  id: string;
  drawId: string;
  memberId: string;
  day: string;
  /** The questions as drawn, answers included: scored against this copy whatever the bank becomes. */
  questions: Question[];
  passMark: number;
  startedAt: number;
  deadline: number;
  state: AttemptState;
  right: number | null;
  answers: Record<string, number> | null;
  ticket: string | null;
  submittedAt: number | null;
}

/** A member's counts on one day of one draw. */
export interface DayCount {
  attempts: number;
  wins: number;
}

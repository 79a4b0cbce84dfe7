import type { AuditEntry } from '../../audit';
import type { Benefit, BenefitDrawPlaces } from '../../benefits';
import type { TransactionItem } from '../../kernel/data/transactions';
import type { AccountStore, OrgStore } from '../../membership';
import type { TicketOutcome } from '../contracts/draws';
import type { Attempt, Bank, DayCount, DaySecret, Draw, Ticket } from '../domain/types';

/** The side effects of the draws use cases. Production wiring: deps.ts; tests pass their own. */

export interface BankStore {
  /** A new bank (never overwrites), with the official's audit entry. */
  create(bank: Bank, audit: AuditEntry): Promise<void>;
  /** Strongly consistent. */
  get(id: string): Promise<Bank | null>;
  list(): Promise<Bank[]>;
  /** Writes `bank` (version + 1) while the stored one is still `bank.version`: false when it moved. */
  save(bank: Bank, audit: AuditEntry): Promise<boolean>;
}

/** Which item of a transaction refused it. */
export type Refused<Part extends string> = { kind: 'done' } | { kind: 'refused'; parts: Part[] };

export interface DrawStore {
  /**
   * The draw, its day secrets, the benefit's draw reference (`attach`, from the benefits capability)
   * and the audit entry, in one transaction: `draw` refused when the benefit has one already,
   * `benefit` when it is not a draft (or has a draw).
   */
  create(draw: Draw, secrets: DaySecret[], attach: TransactionItem, audit: AuditEntry): Promise<Refused<'draw' | 'benefit'>>;
  get(id: string): Promise<Draw | null>;
  daySecrets(drawId: string): Promise<DaySecret[]>;
  daySecret(drawId: string, day: string): Promise<DaySecret | null>;
  dayCount(drawId: string, day: string, memberId: string): Promise<DayCount>;
  /**
   * Starts an attempt: the member's attempts of the day + 1 (while below `attemptsPerDay`), the
   * attempt, and (a scheduled draw) the draw still open and the member not entered yet.
   */
  startAttempt(attempt: Attempt, attemptsPerDay: number, scheduled: boolean): Promise<Refused<'attempts' | 'attempt' | 'draw' | 'entered'>>;
  getAttempt(id: string): Promise<Attempt | null>;
  /** A failed or timed-out attempt: open → its outcome, once. */
  finishAttempt(attempt: Attempt): Promise<Refused<'attempt'>>;
  /**
   * An instant pass: the attempt open → passed with its ticket, the ticket, and when the rule made it a
   * winner (`win`) the member's wins of the day + 1 while below `maxWins`.
   */
  passInstant(attempt: Attempt, ticket: Ticket, win: { maxWins: number } | null): Promise<Refused<'attempt' | 'ticket' | 'wins'>>;
  /**
   * An entry in a scheduled draw (after a pass when `attempt` is given): the member's one entry, the
   * ticket and the draw's entries + 1 while it is open.
   */
  enter(ticket: Ticket, attempt: Attempt | null): Promise<Refused<'attempt' | 'entrant' | 'ticket' | 'draw'>>;
  /** The outcome of a ticket once known (and the coupon a win reserved). */
  setOutcome(drawId: string, ticket: string, outcome: TicketOutcome, couponId: string | null): Promise<void>;
  /**
   * Takes a waiting-list ticket for promotion (waitlist → pending), once: false when it is not on the
   * waiting list any more (another release promoted it).
   */
  claimWaitlisted(drawId: string, ticket: string): Promise<boolean>;
  /** Gives a win of the day back (its place could not be reserved). */
  returnWin(drawId: string, day: string, memberId: string): Promise<void>;
  tickets(drawId: string): Promise<Ticket[]>;
  myTickets(drawId: string, memberId: string): Promise<Ticket[]>;
  /** Writes the draw's new state (version + 1) while it is still `expected` (version, status, entries). */
  update(draw: Draw, expected: Pick<Draw, 'version' | 'status' | 'entries'>, audit: AuditEntry): Promise<boolean>;
}

export interface Deps {
  accounts: AccountStore;
  orgs: OrgStore;
  banks: BankStore;
  draws: DrawStore;
  places: BenefitDrawPlaces;
  /** The benefits' transaction item giving a draft its draw. */
  attachDrawItem: (benefitId: string, ref: NonNullable<Benefit['draw']>) => TransactionItem;
  newId: () => string;
  random: () => number;
  now: () => Date;
}

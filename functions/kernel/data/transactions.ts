import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { ddb, type dynamoose } from './client';
import { AppError } from '../errors';
import { log } from '../logger';
import { backoffMs, realPause, RETRY_POLICY, type Pause, type RetryPolicy } from './retry';

/**
 * The one way the back end writes a DynamoDB transaction (TransactWriteItems): `runTransaction`, with
 * one retry policy and one reading of why DynamoDB cancelled a transaction. Every store calls it;
 * nothing else loops over a transaction.
 *
 * - Retried: what says "not now, nothing was written" — a TransactionConflict with another
 *   transaction on the same items, throttling (ThrottlingError, ProvisionedThroughputExceeded,
 *   RequestLimitExceeded) — after a random pause ("full jitter": up to min(cap, base · 2^n)), a
 *   bounded number of times; then BUSY (503, which the mini-program may retry).
 * - Final: a condition that failed (ConditionalCheckFailed) — the outcome names the items
 *   (`refused`, indexes as given); a condition failure wins over a conflict on another item of the
 *   same cancellation: the condition was evaluated.
 * - Ambiguous (a time-out or a 5xx the SDK gave up on: written or not, nobody knows): thrown, unless
 *   the transaction says it is `idempotent` (its conditional puts recognise an earlier success, as a
 *   claim's coupon id does), then retried like a conflict.
 * - Anything else (a validation error, a bug): thrown as it came.
 */

/** One item of a TransactWriteItems: what a dynamoose model's `transaction.*` builds, or a raw SDK item. */
export type TransactionItem = Parameters<typeof dynamoose.transaction>[0][number] | TransactWriteItem;
export type TransactionItems = TransactionItem[];

/** Sends one TransactWriteItems. Production: the container's client; tests pass fakes or wrap it. */
export type TransactionSender = (items: TransactionItems) => Promise<void>;

/**
 * Through the SDK client directly (not dynamoose.transaction, which insists every table be a
 * dynamoose model): raw items of tables without a model (stats) and model-built items mix freely.
 */
export const sendTransaction: TransactionSender = async (items) => {
  await ddb.transactWriteItems({ TransactItems: (await Promise.all(items)) as TransactWriteItem[] });
};

export { backoffMs, realPause, RETRY_POLICY, type Pause, type RetryPolicy } from './retry';

/** Cancellation reasons that say "not now": nothing was written, the same items may be sent again. */
const RETRYABLE_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);
/** Errors of the whole call that say the same. */
const RETRYABLE_ERRORS = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
]);
/** Errors after which the transaction may or may not have been written. */
const AMBIGUOUS_ERRORS = new Set(['TimeoutError', 'InternalServerError', 'ServiceUnavailable']);

/**
 * The reason DynamoDB gives for each item of a cancelled transaction, in the order the items were
 * sent (`'None'` for an item that was fine), or null when `err` is not a cancellation.
 */
export function cancellationReasons(err: unknown): string[] | null {
  if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') return null;
  const reasons = (err as Error & { CancellationReasons?: Array<{ Code?: string } | undefined> }).CancellationReasons ?? [];
  return reasons.map((r) => r?.Code ?? 'None');
}

export type TransactionFailure =
  /** Indexes of the items whose condition failed: decided, final. */
  | { kind: 'refused'; failed: number[] }
  /** Nothing was written; the same transaction may be sent again. */
  | { kind: 'retry'; reason: string }
  /** Written or not, nobody knows. */
  | { kind: 'ambiguous'; reason: string };

/** What a failed transaction means, or null for anything else (a bug or an outage: thrown on). */
export function transactionFailure(err: unknown): TransactionFailure | null {
  if (!(err instanceof Error)) return null;
  const reasons = cancellationReasons(err);
  if (reasons !== null) {
    const failed = reasons.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : []));
    if (failed.length > 0) return { kind: 'refused', failed };
    const retryable = reasons.find((code) => RETRYABLE_REASONS.has(code));
    return retryable === undefined ? null : { kind: 'retry', reason: retryable };
  }
  if (RETRYABLE_ERRORS.has(err.name)) return { kind: 'retry', reason: err.name };
  if (AMBIGUOUS_ERRORS.has(err.name) || (err as Error & { $retryable?: unknown }).$retryable) return { kind: 'ambiguous', reason: err.name };
  return null;
}

/** A single conditional write (PutItem, UpdateItem, DeleteItem; not a transaction) whose condition failed. */
export function isConditionFailure(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}

export type TransactionOutcome = { kind: 'done' } | { kind: 'refused'; failed: number[] };

/** The names of the refused items, each once: `parts[i]` names item i. */
export function refusedParts<Part>(failed: readonly number[], parts: readonly Part[]): Part[] {
  return [...new Set(failed.flatMap((i) => (i < parts.length ? [parts[i] as Part] : [])))];
}

/** The retries ran out (of a transaction, or of a batch's unprocessed keys): BUSY (503), with the reasons DynamoDB gave. */
export class RetriesExhausted extends AppError {
  constructor(
    readonly reasons: readonly string[],
    cause?: unknown,
  ) {
    super('BUSY', { cause });
  }
}

export interface RunOptions {
  policy?: RetryPolicy;
  send?: TransactionSender;
  pause?: Pause;
  /**
   * The reasons of the retries already spent by the same request's earlier transactions: the runner
   * adds its own and counts them all against the policy, so a request that moves on to other items
   * (a claim to another stock shard) stays within one bound.
   */
  retried?: string[];
  /** Send again after an ambiguous failure too: the transaction's conditions recognise an earlier success. */
  idempotent?: boolean;
  /** What the transaction does, for the log lines (`claim`, `stats.apply`). */
  name?: string;
}

/**
 * Runs one write transaction under the retry policy. `items` may be a builder, called for each try.
 * Resolves `done` or `refused` (the failed conditions' item indexes); throws RetriesExhausted (BUSY)
 * when the retries run out, and anything else that is not a cancellation DynamoDB explains.
 */
export async function runTransaction(items: TransactionItems | (() => TransactionItems), options: RunOptions = {}): Promise<TransactionOutcome> {
  const { policy = RETRY_POLICY, send = sendTransaction, pause = realPause, retried = [], idempotent = false, name = 'transaction' } = options;
  const before = retried.length;
  for (;;) {
    try {
      await send(typeof items === 'function' ? items() : items);
      if (retried.length > before) log.debug('transaction retried', { name, retries: retried.length - before, reasons: retried.slice(before) });
      return { kind: 'done' };
    } catch (err) {
      const failure = transactionFailure(err);
      if (failure?.kind === 'refused') return failure;
      if (failure === null || (failure.kind === 'ambiguous' && !idempotent)) throw err;
      retried.push(failure.reason);
      if (retried.length > policy.retries) {
        log.warn('transaction gave up after retries', { name, retries: policy.retries, reasons: retried });
        throw new RetriesExhausted([...retried], err);
      }
      await pause.sleep(backoffMs(policy, retried.length, pause.random));
    }
  }
}

/** For a transaction whose conditions only guard against bugs (a fresh id already taken): a refusal is an error. */
export function mustCommit(outcome: TransactionOutcome, what: string): void {
  if (outcome.kind === 'refused') throw new Error(`${what}: the transaction was refused (items ${outcome.failed.join(', ')})`);
}

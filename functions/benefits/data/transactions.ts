import { dynamoose } from '../../kernel/data/client';

/**
 * The one way the benefits data layer writes transactions: a runner that is injected (deps.ts wires
 * dynamoose's), so a fault test can wrap it and throttle or conflict a share of the calls.
 */
export type TransactionItems = Parameters<typeof dynamoose.transaction>[0];
export type TransactionRunner = (items: TransactionItems) => Promise<void>;

export const dynamooseRunner: TransactionRunner = async (items) => {
  await dynamoose.transaction(items);
};

/** Errors that say "not now": DynamoDB (or the SDK) did not decide, the same write may be tried again. */
const RETRYABLE_ERRORS = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
]);

/** Cancellation reasons of a TransactWriteItems that say the same. */
const RETRYABLE_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

export type TransactionFailure =
  /** Indexes of the items whose condition failed: a decided refusal. */
  | { kind: 'conditions'; failed: number[] }
  | { kind: 'retry'; reason: string };

/**
 * What a failed transaction means, or null for anything else (a bug or an outage: thrown on). A
 * condition failure wins over a conflict on another item in the same cancellation: the condition was
 * evaluated and failed.
 */
export function classifyTransactionError(err: unknown): TransactionFailure | null {
  if (!(err instanceof Error)) return null;
  if (err.name === 'TransactionCanceledException') {
    const reasons = (err as Error & { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
    const failed = reasons.flatMap((r, index) => (r.Code === 'ConditionalCheckFailed' ? [index] : []));
    if (failed.length > 0) return { kind: 'conditions', failed };
    const retryable = reasons.find((r) => r.Code !== undefined && RETRYABLE_REASONS.has(r.Code));
    return retryable ? { kind: 'retry', reason: retryable.Code as string } : null;
  }
  if (RETRYABLE_ERRORS.has(err.name)) return { kind: 'retry', reason: err.name };
  // Time-outs and dropped connections the SDK gave up on: the write may or may not have happened.
  // Trying again is safe (a claim's coupon id and a redemption's record are conditional puts).
  if (err.name === 'TimeoutError' || (err as Error & { $retryable?: unknown }).$retryable) return { kind: 'retry', reason: err.name };
  return null;
}

/**
 * Runs one transaction and says how it ended: done, refused (naming the parts whose condition
 * failed, `parts[i]` being item i) or worth retrying. Anything else is thrown on.
 */
export async function attempt<Part extends string>(
  run: TransactionRunner,
  items: TransactionItems,
  parts: readonly Part[],
): Promise<{ kind: 'done' } | { kind: 'refused'; parts: Part[] } | { kind: 'retry'; reason: string }> {
  try {
    await run(items);
    return { kind: 'done' };
  } catch (err) {
    const failure = classifyTransactionError(err);
    if (failure === null) throw err;
    if (failure.kind === 'retry') return failure;
    return { kind: 'refused', parts: failure.failed.flatMap((i) => (parts[i] === undefined ? [] : [parts[i] as Part])) };
  }
}

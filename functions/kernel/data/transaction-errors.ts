import { dynamoose } from './client';

/** Helpers to read DynamoDB's condition failures, whichever way dynamoose surfaces them. */

export function isConditionFailure(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}

function cancellationCodes(err: unknown): Array<string | undefined> | null {
  if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') return null;
  const reasons = (err as Error & { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code);
}

/**
 * For a cancelled TransactWriteItems: the index of each item whose condition failed.
 * Returns null when the error is not a transaction cancellation.
 */
export function failedConditions(err: unknown): number[] | null {
  const codes = cancellationCodes(err);
  if (codes === null) return null;
  return codes.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : []));
}

type TransactionItems = Parameters<typeof dynamoose.transaction>[0];

const CONFLICT_RETRIES = 4;

/**
 * Runs a write transaction. When DynamoDB cancels it only because another transaction touched the
 * same items at the same moment (TransactionConflict), the outcome is not decided yet: try again
 * after a short random pause. Condition failures are final and go to the caller.
 */
export async function writeTransaction(build: () => TransactionItems): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await dynamoose.transaction(build());
      return;
    } catch (err) {
      const codes = cancellationCodes(err);
      const conflictOnly =
        codes !== null && codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
      if (!conflictOnly || attempt >= CONFLICT_RETRIES) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 40 * (attempt + 1)));
    }
  }
}

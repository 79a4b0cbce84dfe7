/** Helpers to read DynamoDB's condition failures, whichever way dynamoose surfaces them. */

export function isConditionFailure(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}

/**
 * For a cancelled TransactWriteItems: the index of each item whose condition failed.
 * Returns null when the error is not a transaction cancellation.
 */
export function failedConditions(err: unknown): number[] | null {
  if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') return null;
  const reasons = (err as Error & { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  const failed: number[] = [];
  reasons.forEach((reason, index) => {
    if (reason.Code === 'ConditionalCheckFailed') failed.push(index);
  });
  return failed;
}

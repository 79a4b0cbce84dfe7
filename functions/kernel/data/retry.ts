/**
 * The one retry policy, and the loop that reads again when a conditional write found its item
 * changed. Plain values (no client): use cases import them without a database.
 *
 * Two kinds of "again", never mixed up:
 * - the same write sent again because DynamoDB did not decide (a conflict, throttling): the runner's
 *   (transactions.ts runTransaction, batch.ts), under RETRY_POLICY;
 * - a read-check-write step run again because what it read changed before its write (its condition
 *   failed, the store answered `changed`): `withRereads`, a few times, then the caller's refusal.
 */

export interface RetryPolicy {
  /** Retries after the first try: at most 1 + retries transactions, then BUSY. */
  retries: number;
  /** The pause before retry n (1-based) is random · min(capMs, baseMs · 2^n). */
  baseMs: number;
  capMs: number;
}

/** The policy of every transaction and batch. */
export const RETRY_POLICY: RetryPolicy = Object.freeze({ retries: 6, baseMs: 15, capMs: 400 });

/** Waits between retries; unit tests pass one that does not wait. */
export interface Pause {
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const realPause: Pause = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The pause before retry `retry` (1-based): full jitter, never above the policy's cap. */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
  return random() * Math.min(policy.capMs, policy.baseMs * 2 ** retry);
}

/**
 * Runs a read-check-write step (it reads, decides and writes conditionally) until it answers
 * something other than `changed`; after `attempts` runs that all found the data changed, throws
 * `exhausted()` (the caller's refusal: BUSY, ALREADY_DECIDED, …). With `pause`, waits between runs
 * under RETRY_POLICY (for steps that race with a crowd, such as a stock change with claims).
 */
export async function withRereads<T>(
  attempts: number,
  step: (attempt: number) => Promise<T | 'changed'>,
  exhausted: () => Error,
  pause?: Pause,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await step(attempt);
    if (outcome !== 'changed') return outcome;
    if (attempt >= attempts) throw exhausted();
    if (pause) await pause.sleep(backoffMs(RETRY_POLICY, attempt, pause.random));
  }
}

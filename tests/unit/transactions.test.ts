import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRereads } from '../../functions/kernel/data/retry';
import type { TransactionItems, TransactionSender } from '../../functions/kernel/data/transactions';

/**
 * The one transaction runner (functions/kernel/data/transactions.ts) over a fake client: what it
 * retries, what it never retries, how it reads DynamoDB's cancellation reasons per item, and that its
 * pauses stay inside the policy; and the re-read loop (retry.ts) of read-check-write steps. No database: the module's client is configured and never used.
 */
const ENV = { STAGE: 'test', TABLE_PREFIX: 'unit-', WECHAT_MODE: 'dev', LOCAL_SECRETS_FILE: '/nonexistent.json' };
let tx: typeof import('../../functions/kernel/data/transactions');

beforeAll(async () => {
  Object.assign(process.env, ENV);
  tx = await import('../../functions/kernel/data/transactions');
});

afterAll(() => {
  for (const key of Object.keys(ENV)) delete process.env[key];
});

const cancelled = (...codes: string[]) =>
  Object.assign(new Error(`Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

/** A client that throws the given errors in turn, then succeeds; it records what it was sent. */
function fakeClient(errors: Error[]) {
  const sent: TransactionItems[] = [];
  const send: TransactionSender = async (items) => {
    sent.push(items);
    const err = errors.shift();
    if (err) throw err;
  };
  return { send, sent };
}

function fakePause(random = () => 1) {
  const sleeps: number[] = [];
  return { sleeps, pause: { sleep: async (ms: number) => void sleeps.push(ms), random } };
}

const items = [{ ConditionCheck: { TableName: 't', Key: {}, ConditionExpression: 'x' } }] as TransactionItems;

describe('the transaction runner', () => {
  it('retries conflicts and throttling with growing, capped pauses, and resolves done when a retry goes through', async () => {
    const client = fakeClient([
      cancelled('None', 'TransactionConflict'),
      named('ThrottlingException'),
      named('ProvisionedThroughputExceededException'),
      cancelled('ThrottlingError', 'None'),
    ]);
    const { pause, sleeps } = fakePause();
    expect(await tx.runTransaction(items, { send: client.send, pause })).toEqual({ kind: 'done' });
    expect(client.sent).toHaveLength(5);
    expect(sleeps).toEqual([30, 60, 120, 240]);
  });

  it('gives up with BUSY (503) after 1 + retries transactions, naming the reasons', async () => {
    const client = fakeClient(Array.from({ length: 20 }, () => cancelled('TransactionConflict')));
    const { pause, sleeps } = fakePause();
    const busy = await tx.runTransaction(items, { send: client.send, pause }).catch((err: unknown) => err);
    expect(busy).toBeInstanceOf(tx.RetriesExhausted);
    expect(busy).toMatchObject({ code: 'BUSY', status: 503 });
    expect((busy as InstanceType<typeof tx.RetriesExhausted>).reasons).toHaveLength(tx.RETRY_POLICY.retries + 1);
    expect(client.sent).toHaveLength(1 + tx.RETRY_POLICY.retries);
    expect(sleeps).toHaveLength(tx.RETRY_POLICY.retries);
  });

  it('never retries a failed condition, and names the refused items by their index', async () => {
    const client = fakeClient([cancelled('None', 'ConditionalCheckFailed', 'None', 'ConditionalCheckFailed')]);
    expect(await tx.runTransaction(items, { send: client.send, pause: fakePause().pause })).toEqual({ kind: 'refused', failed: [1, 3] });
    expect(client.sent).toHaveLength(1);
  });

  it('takes a failed condition as final even when another item of the same cancellation conflicted', async () => {
    const client = fakeClient([cancelled('TransactionConflict', 'ConditionalCheckFailed')]);
    expect(await tx.runTransaction(items, { send: client.send, pause: fakePause().pause })).toEqual({ kind: 'refused', failed: [1] });
    expect(client.sent).toHaveLength(1);
  });

  it('throws what it cannot explain, untouched and untried again', async () => {
    const validation = cancelled('ValidationError', 'None');
    const client = fakeClient([validation]);
    await expect(tx.runTransaction(items, { send: client.send, pause: fakePause().pause })).rejects.toBe(validation);
    const bug = new TypeError('no');
    await expect(tx.runTransaction(items, { send: fakeClient([bug]).send, pause: fakePause().pause })).rejects.toBe(bug);
    expect(client.sent).toHaveLength(1);
  });

  it('retries an ambiguous failure (a time-out) only for an idempotent transaction', async () => {
    const timeout = named('TimeoutError');
    const once = fakeClient([timeout]);
    await expect(tx.runTransaction(items, { send: once.send, pause: fakePause().pause })).rejects.toBe(timeout);
    expect(once.sent).toHaveLength(1);
    const again = fakeClient([named('TimeoutError'), named('Whatever', { $retryable: {} })]);
    expect(await tx.runTransaction(items, { send: again.send, pause: fakePause().pause, idempotent: true })).toEqual({ kind: 'done' });
    expect(again.sent).toHaveLength(3);
  });

  it('calls a builder for every try', async () => {
    const client = fakeClient([cancelled('TransactionConflict')]);
    let built = 0;
    await tx.runTransaction(() => ((built += 1), items), { send: client.send, pause: fakePause().pause });
    expect(built).toBe(2);
  });

  it('counts the retries of one request across its transactions against one bound', async () => {
    const retried: string[] = [];
    const first = fakeClient([cancelled('TransactionConflict'), cancelled('TransactionConflict'), cancelled('TransactionConflict')]);
    await tx.runTransaction(items, { send: first.send, pause: fakePause().pause, retried });
    expect(retried).toEqual(['TransactionConflict', 'TransactionConflict', 'TransactionConflict']);
    const second = fakeClient(Array.from({ length: 20 }, () => named('ThrottlingException')));
    await expect(tx.runTransaction(items, { send: second.send, pause: fakePause().pause, retried })).rejects.toBeInstanceOf(tx.RetriesExhausted);
    expect(second.sent).toHaveLength(1 + tx.RETRY_POLICY.retries - 3);
  });
});

describe('the retry policy', () => {
  it('pauses with full jitter: anywhere from 0 up to min(cap, base · 2^n)', () => {
    const policy = tx.RETRY_POLICY;
    for (let retry = 1; retry <= 12; retry += 1) {
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
      expect(tx.backoffMs(policy, retry, () => 0)).toBe(0);
      expect(tx.backoffMs(policy, retry, () => 0.999999)).toBeLessThan(ceiling);
      for (let n = 0; n < 50; n += 1) {
        const ms = tx.backoffMs(policy, retry, Math.random);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(policy.capMs);
      }
    }
  });
});

describe('cancellation reasons', () => {
  it('are read per item, in the order the items were sent', () => {
    expect(tx.cancellationReasons(cancelled('None', 'ConditionalCheckFailed', 'TransactionConflict'))).toEqual(['None', 'ConditionalCheckFailed', 'TransactionConflict']);
    const sparse = Object.assign(new Error('x'), { name: 'TransactionCanceledException', CancellationReasons: [{}, { Code: 'ConditionalCheckFailed' }] });
    expect(tx.cancellationReasons(sparse)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(tx.cancellationReasons(named('ConditionalCheckFailedException'))).toBeNull();
  });

  it('tell refusals, retries and ambiguity apart', () => {
    expect(tx.transactionFailure(cancelled('ConditionalCheckFailed', 'None'))).toEqual({ kind: 'refused', failed: [0] });
    expect(tx.transactionFailure(cancelled('None', 'ProvisionedThroughputExceeded'))).toEqual({ kind: 'retry', reason: 'ProvisionedThroughputExceeded' });
    expect(tx.transactionFailure(named('RequestLimitExceeded'))).toEqual({ kind: 'retry', reason: 'RequestLimitExceeded' });
    expect(tx.transactionFailure(named('InternalServerError'))).toEqual({ kind: 'ambiguous', reason: 'InternalServerError' });
    expect(tx.transactionFailure(cancelled('None', 'None'))).toBeNull();
    expect(tx.transactionFailure('not an error')).toBeNull();
    expect(tx.isConditionFailure(named('ConditionalCheckFailedException'))).toBe(true);
    expect(tx.isConditionFailure(cancelled('ConditionalCheckFailed'))).toBe(false);
  });

  it('name the refused parts of a transaction once each', () => {
    expect(tx.refusedParts([0, 2, 3, 9], ['stock', 'held', 'coupon', 'coupon'] as const)).toEqual(['stock', 'coupon']);
  });
});

describe('re-reads (a read-check-write step whose data changed)', () => {
  it('run the step again while it answers changed, and answer what it answers then', async () => {
    let runs = 0;
    const out = await withRereads(3, async (attempt) => ((runs += 1), attempt < 3 ? 'changed' : `done on ${attempt}`), () => new Error('no'));
    expect(out).toBe('done on 3');
    expect(runs).toBe(3);
  });

  it("throw the caller's refusal after the last attempt, and wait between runs only when given a pause", async () => {
    const refusal = new Error('ALREADY_DECIDED');
    let runs = 0;
    await expect(withRereads(4, async () => ((runs += 1), 'changed' as const), () => refusal)).rejects.toBe(refusal);
    expect(runs).toBe(4);
    const { pause, sleeps } = fakePause();
    await expect(withRereads(3, async () => 'changed' as const, () => refusal, pause)).rejects.toBe(refusal);
    expect(sleeps).toEqual([30, 60]);
  });
});

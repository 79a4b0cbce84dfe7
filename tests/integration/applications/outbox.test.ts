import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Messenger, OutboxEntry } from '../../../functions/applications/services/sender';
import { at, boundMember } from './world';
import { countsOf, later, outboxWorld, recordingMessenger, runDeps, type OutboxWorld } from './outbox-world';

/**
 * The outbox sender on DynamoDB Local (tables of this file's own, see outbox-world.ts): every
 * message goes out exactly once with a messenger that fails every third call and with two senders
 * running at once; a notice whose sender vanished is sent when its lease expires; a notice that keeps
 * failing is `failed` after SENDER.maxAttempts claims; 43101 skips for good.
 *
 * Each test works at instants earlier than the previous test's, so that the notices an earlier test
 * left (written at later instants) are not yet due for it: each run sees only its own test's notices.
 */
let w: OutboxWorld;

beforeAll(async () => {
  w = await outboxWorld('outbox');
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

/** A transfer filed at `iso`, approved by the current union and accepted by the target: three notices. */
async function completedTransfer(iso: string) {
  const m = await boundMember(w, w.unions.bus.id);
  const d = at(w.deps, iso);
  const id = (await w.uc.submitApplication(d, m.openid, { kind: 'transfer', form: { toOrgId: w.unions.hotel.id, reason: '工作调动' } })).response.application.id;
  await w.uc.decideApplication(d, w.officials.bus, id, { step: 's1', decision: 'approve', comment: '' });
  await w.uc.decideApplication(d, w.officials.hotel, id, { step: 's2', decision: 'approve', comment: '欢迎' });
  return { id, applicant: m.openid };
}

/** A transfer filed at `iso` and not decided yet: one notice, for the officials of the union it is filed in. */
async function filedTransfer(iso: string, from: 'bus' | 'food' = 'bus', to: 'bus' | 'food' = 'food') {
  const m = await boundMember(w, w.unions[from].id);
  const filed = await w.uc.submitApplication(at(w.deps, iso), m.openid, { kind: 'transfer', form: { toOrgId: w.unions[to].id, reason: '调动' } });
  return filed.response.application.id;
}

/**
 * What must go out for a completed transfer, one each: to both officials of 椰城公交 (filed), to the
 * applicant and the official of 鹿岭酒店 (step 1 approved), to the applicant (accepted).
 */
function expectedMessages(t: { id: string; applicant: string }) {
  return [
    ['todo', w.officials.bus],
    ['todo', w.busDeputy],
    ['progress', t.applicant],
    ['todo', w.officials.hotel],
    ['progress', t.applicant],
  ].map(([template, touser]) => `${template}:${touser}:${t.id}`);
}

const pageId = (page: string) => page.slice(page.indexOf('id=') + 3);

async function entriesOf(id: string): Promise<OutboxEntry[]> {
  const notices = await w.deps.applications.notices(id);
  return Promise.all(notices.map(async (n) => (await w.outboxStore.get({ applicationId: id, version: n.version })) as OutboxEntry));
}

/** Runs the sender until nothing is due, moving the clock past the longest pause between runs. */
async function drain(start: string, messenger: Messenger, maxRuns = 20) {
  let minutes = 0;
  let runs = 0;
  for (; runs < maxRuns; runs += 1) {
    const clock = () => later(start, minutes);
    const report = await w.sender.deliverPending(runDeps(w, clock, messenger));
    if (report.claimed === 0 && (await w.outboxStore.deliverable(later(start, minutes + 24 * 60), 1)).length === 0) break;
    minutes += 3 * 60; // past SENDER.maxRetryMs
  }
  return runs;
}

describe('the outbox sender', () => {
  it('sends every message exactly once although every third call to WeChat fails', async () => {
    const start = '2016-05-09T02:00:00Z';
    const transfers = [];
    for (let i = 0; i < 4; i += 1) transfers.push(await completedTransfer(start));
    const flaky = recordingMessenger({ fails: (call) => call % 3 === 0 });

    const runs = await drain('2016-05-09T02:05:00Z', flaky.messenger);
    expect(runs).toBeGreaterThan(1); // failures were retried by later runs

    const mine = new Set(transfers.map((t) => t.id));
    const sent = flaky.sent.filter((m) => mine.has(pageId(m.page)));
    expect([...countsOf(sent).values()].every((n) => n === 1)).toBe(true);
    expect(sent.map((m) => `${m.template}:${m.touser}:${pageId(m.page)}`).sort()).toEqual(transfers.flatMap(expectedMessages).sort());
    expect(flaky.calls() - flaky.sent.length).toBe(Math.floor(flaky.calls() / 3)); // every third call failed

    for (const t of transfers) {
      const entries = await entriesOf(t.id);
      expect(entries.map((e) => e.state)).toEqual(['sent', 'sent', 'sent']);
      expect(entries.map((e) => Object.keys(e.deliveries).length)).toEqual([2, 2, 1]);
      expect(entries.every((e) => Object.values(e.deliveries).every((d) => d.status === 'sent'))).toBe(true);
    }
    const attempts = (await Promise.all(transfers.map((t) => entriesOf(t.id)))).flat().map((e) => e.attempts);
    expect(Math.max(...attempts)).toBeGreaterThan(1);
    expect(Math.max(...attempts)).toBeLessThanOrEqual(w.sender.SENDER.maxAttempts);
  });

  it('sends every message exactly once with two senders running at the same time', async () => {
    const start = '2015-05-11T02:00:00Z';
    const transfers = [];
    for (let i = 0; i < 5; i += 1) transfers.push(await completedTransfer(start));
    const slow = recordingMessenger({ delayMs: 5 });
    const clock = () => later(start, 5);

    const [a, b] = await Promise.all([
      w.sender.deliverPending(runDeps(w, clock, slow.messenger)),
      w.sender.deliverPending(runDeps(w, clock, slow.messenger)),
    ]);
    expect(a.claimed + b.claimed).toBe(transfers.length * 3);
    expect(a.claimed).toBeGreaterThan(0);
    expect(b.claimed).toBeGreaterThan(0);
    const mine = new Set(transfers.map((t) => t.id));
    const sent = slow.sent.filter((m) => mine.has(pageId(m.page)));
    expect(sent.map((m) => `${m.template}:${m.touser}:${pageId(m.page)}`).sort()).toEqual(transfers.flatMap(expectedMessages).sort());
    expect(slow.calls()).toBe(sent.length);
    // A third sender later finds nothing to do.
    const after = await w.sender.deliverPending(runDeps(w, () => later(start, 30), slow.messenger));
    expect(after.claimed).toBe(0);
  });

  it('sends a notice again once the lease of a sender that vanished has expired, and never under a live lease', async () => {
    const start = '2014-05-12T02:00:00Z';
    const id = await filedTransfer(start);
    // A sender claims the notice at 10:01 and is never heard of again.
    const [entry] = (await w.outboxStore.deliverable(later(start, 1), 10)).filter((e) => e.notice.applicationId === id);
    const vanished = await w.outboxStore.claim(entry as OutboxEntry, { token: 'vanished', until: later(start, 2) });
    expect(vanished).toMatchObject({ state: 'sending', attempts: 1, lease: 'vanished' });

    const recorder = recordingMessenger();
    const during = await w.sender.deliverPending(runDeps(w, () => later(start, 1.5), recorder.messenger));
    expect(during.claimed).toBe(0);
    expect(recorder.sent).toEqual([]);

    const afterwards = await w.sender.deliverPending(runDeps(w, () => later(start, 2.5), recorder.messenger));
    expect(afterwards.claimed).toBe(1);
    expect(recorder.sent.map((s) => s.touser).sort()).toEqual([w.officials.bus, w.busDeputy].sort());
    expect(await w.outboxStore.get({ applicationId: id, version: 1 })).toMatchObject({ state: 'sent', attempts: 2, lease: null });
    // The vanished sender comes back: its lease is gone, so it can neither record nor settle anything.
    expect(await w.outboxStore.record({ applicationId: id, version: 1 }, 'vanished', {})).toBe(false);
    expect(await w.outboxStore.settle({ applicationId: id, version: 1 }, 'vanished', { state: 'pending', retryAt: later(start, 3), error: 'x', deliveries: {} })).toBe(false);
    expect((await w.outboxStore.get({ applicationId: id, version: 1 }))?.state).toBe('sent');
  });

  it('gives a notice up after SENDER.maxAttempts failed claims, keeps it as failed and logs it for the alarm', async () => {
    const start = '2013-05-13T02:00:00Z';
    const id = await filedTransfer(start);
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    const down = recordingMessenger({ fails: () => true });
    const { maxAttempts } = w.sender.SENDER;

    let minutes = 1;
    const states: string[] = [];
    for (let attempt = 1; attempt <= maxAttempts + 2; attempt += 1) {
      await w.sender.deliverPending(runDeps(w, () => later(start, minutes), down.messenger));
      const entry = (await w.outboxStore.get({ applicationId: id, version: 1 })) as OutboxEntry;
      states.push(`${entry.state}/${entry.attempts}`);
      // Not due again before its pause is over…
      if (entry.retryAt) {
        const early = await w.sender.deliverPending(runDeps(w, () => new Date(Date.parse(entry.retryAt as string) - 1000), down.messenger));
        expect(early.claimed).toBe(0);
        minutes = (Date.parse(entry.retryAt) - Date.parse(start)) / 60_000;
      } else minutes += 60;
    }
    expect(states).toEqual([
      ...Array.from({ length: maxAttempts - 1 }, (_, i) => `pending/${i + 1}`),
      `failed/${maxAttempts}`,
      `failed/${maxAttempts}`,
      `failed/${maxAttempts}`,
    ]);
    expect(down.calls()).toBe(maxAttempts); // one call per claim: the first recipient failed each time
    const failed = await w.outboxStore.get({ applicationId: id, version: 1 });
    expect(failed).toMatchObject({ state: 'failed', lastError: 'Error: system error (-1)' });
    expect((await w.outboxStore.failed(100)).map((e) => e.notice.applicationId)).toContain(id);
    const alarmLines = errors.filter((l) => l.includes('"metric":"NoticeFailed"') && l.includes(id));
    expect(alarmLines).toHaveLength(1);
  });

  it('skips a recipient who has not subscribed (43101) for good, and delivers to the others', async () => {
    const start = '2012-05-14T02:00:00Z';
    const id = await filedTransfer(start);
    const sent: string[] = [];
    const refusing: Messenger = {
      async send(message) {
        if (message.touser === w.busDeputy) return { status: 'refused', reason: 'user has not subscribed to this template (43101)' };
        sent.push(message.touser);
        return { status: 'sent' };
      },
    };
    await w.sender.deliverPending(runDeps(w, () => later(start, 1), refusing));
    await w.sender.deliverPending(runDeps(w, () => later(start, 24 * 60), refusing));
    expect(sent).toEqual([w.officials.bus]);
    const entry = await w.outboxStore.get({ applicationId: id, version: 1 });
    expect(entry).toMatchObject({ state: 'sent', attempts: 1 });
    expect(entry?.deliveries[`todo:${w.busDeputy}`]).toMatchObject({ status: 'skipped', reason: 'user has not subscribed to this template (43101)' });

    // Nobody left to tell: the notice is skipped with the reason, not retried.
    const refusingAll: Messenger = { send: async () => ({ status: 'refused', reason: 'user has not subscribed to this template (43101)' }) };
    const other = await filedTransfer(start, 'food', 'bus');
    await w.sender.deliverPending(runDeps(w, () => later(start, 2), refusingAll));
    expect(await w.outboxStore.get({ applicationId: other, version: 1 })).toMatchObject({
      state: 'skipped',
      attempts: 1,
      reason: 'user has not subscribed to this template (43101)',
    });
  });
});

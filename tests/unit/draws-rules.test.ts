import { describe, expect, it } from 'vitest';
import { compactDay, dayEnd, dayOf, daysBetween } from '../../functions/draws/domain/days';
import { drawScheduled, resultsOf, score, sortTickets, ticketsHash } from '../../functions/draws/domain/draw-rule';
import { commitmentOf, outcomeHmac, ruleWins, winThreshold } from '../../functions/draws/domain/instant';
import { ANSWER_GRACE_MS, askedQuestion, pickQuestions, rulesProblem, scoreAttempt, type Question } from '../../functions/draws/domain/quiz';
import { newTicket, TICKET_PATTERN, ticketDay } from '../../functions/draws/domain/tickets';

/**
 * The draw rules against vectors computed independently of this code, with coreutils and OpenSSL:
 *   printf '%s\n%s\n%s' "$SEED" "$POOL" "$TICKET" | sha256sum
 *   printf '0000000001\n0000000002\n0000000003\nABCDEFGHJK' | sha256sum
 *   printf '%s' "$TICKET" | openssl dgst -sha256 -hmac "$SECRET"
 */
const SEED = '03 07 12 18 25 31 + 09';
const SECRET = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';

describe('the scheduled draw rule', () => {
  it('hashes the tickets sorted ascending and joined by newlines', () => {
    expect(ticketsHash(['ABCDEFGHJK', '0000000003', '0000000001', '0000000002'])).toBe('b5fffd25ec16a3aa4262f3bf5067d195745bfb3a80ddbe704f11d20741a254e9');
    expect(sortTickets(['b', 'B', 'a', '1'])).toEqual(['1', 'B', 'a', 'b']);
  });

  it('scores a ticket as SHA-256 of seed, pool and ticket on three lines', () => {
    expect(score(SEED, '01', '0000000001')).toBe('70254dd2dace6e1108f737092c4141b907b8b0757d73506dcfd74981a43a34c4');
    expect(score(SEED, '01', '0000000002')).toBe('fa7748cc80c5ee304693f35a3fe7b5d79a0fe34eadd57def66ddb835073f2d34');
    expect(score(SEED, '*', '0000000003')).toBe('de8de7385a6db95a7b5d3a3512e1c5057104ca78ece78dcf9952f29d79429455');
    expect(score(SEED, '*', 'ABCDEFGHJK')).toBe('0e30a68405cfba2275b20a41775360fa130d67de46ee9ef485ed5cf160721740');
  });

  it('gives each pool its places by ascending score, the rest waiting in that order (worked by hand)', () => {
    const tickets = [
      { ticket: '0000000001', pool: '01' },
      { ticket: '0000000002', pool: '01' },
      { ticket: '0000000003', pool: '*' },
      { ticket: 'ABCDEFGHJK', pool: '*' },
    ];
    // 01: 7025… < fa77… → 0000000001 wins; *: 0e30… < de8d… → ABCDEFGHJK wins. Pools in order: '*' < '01'.
    expect(drawScheduled(SEED, { '01': 1, '*': 1 }, tickets)).toEqual({
      winners: ['ABCDEFGHJK', '0000000001'],
      waitlist: ['0000000003', '0000000002'],
      ranking: { '*': ['ABCDEFGHJK', '0000000003'], '01': ['0000000001', '0000000002'] },
    });
    // More places than tickets: everyone wins; a pool without places: everyone waits.
    expect(drawScheduled(SEED, { '01': 5 }, tickets).winners).toEqual(['0000000001', '0000000002']);
    expect(drawScheduled(SEED, { '01': 5 }, tickets).waitlist).toEqual(['ABCDEFGHJK', '0000000003']);
  });

  it('depends on the seed and on nothing else (not the order tickets come in)', () => {
    const tickets = Array.from({ length: 40 }, (_, i) => ({ ticket: newTicket(), pool: i % 3 === 0 ? '02' : '*' }));
    const a = drawScheduled('seed A', { '02': 3, '*': 5 }, tickets);
    expect(drawScheduled('seed A', { '02': 3, '*': 5 }, [...tickets].reverse())).toEqual(a);
    expect(drawScheduled('seed B', { '02': 3, '*': 5 }, tickets).winners).not.toEqual(a.winners);
    expect(a.winners).toHaveLength(8);
    expect(new Set([...a.winners, ...a.waitlist]).size).toBe(40);
  });
});

describe('the public answer in pages', () => {
  it('pages 2,500 drawn tickets by 1,000; the verifier joins the pages and recomputes the same results, and refuses a missing or foreign page', async () => {
    const { paged } = await import('../../functions/draws/domain/pages');
    const { joinPages, verify } = await import('../../scripts/draw-verify');
    const tickets = sortTickets(Array.from({ length: 2_500 }, () => newTicket())).map((ticket, i) => ({ ticket, pool: i % 5 === 0 ? '02' : '*' }));
    const places = { '02': 100, '*': 400 };
    const { winners, waitlist } = resultsOf({ kind: 'scheduled', status: 'drawn', seed: SEED, places }, tickets);
    expect(resultsOf({ kind: 'scheduled', status: 'closed', seed: null, places }, tickets).winners).toEqual([]);
    const whole = {
      id: 'd1', benefitId: 'b1', kind: 'scheduled' as const, status: 'drawn' as const, ticketsHash: ticketsHash(tickets.map((t) => t.ticket)),
      seedSource: '双色球', seed: SEED, places, tickets, winners, waitlist, days: [],
    };
    const pages = [0, 1, 2].map((n) => paged(whole, n, 1_000));
    expect(pages.map((p) => [p.tickets.length, p.winners.length, p.waitlist.length])).toEqual([[1_000, 500, 1_000], [1_000, 0, 1_000], [500, 0, 0]]);
    expect(pages[0]!.page).toEqual({ number: 0, size: 1_000, pages: 3, tickets: 2_500, winners: 500, waitlist: 2_000 });
    expect(paged(whole, 3, 1_000).tickets).toEqual([]);
    const joined = joinPages(pages);
    expect(joined.tickets).toEqual(tickets);
    expect(verify(joined).every((c) => c.ok)).toBe(true);
    expect(verify(pages[0]!).every((c) => c.ok)).toBe(false); // one page alone does not check out
    expect(() => joinPages(pages.slice(0, 2))).toThrow('公布共 3 页，读到 2 页');
    expect(() => joinPages([pages[0]!, { ...pages[1]!, seed: 'other' }, pages[2]!])).toThrow('不是同一状态');
  });
});

describe('the instant draw rule', () => {
  it('commits to a secret with its SHA-256', () => {
    expect(commitmentOf(SECRET)).toBe('6c86c6aac5fb24bcf5d9939cb7d7d5645ce39418f449e03b262dd4fa14b4b92b');
  });

  it('derives an outcome from HMAC-SHA256(secret, ticket): its first 32 bits below rate × 2³²', () => {
    expect(outcomeHmac(SECRET, '20250501-0000000001')).toBe('faa4d94f95479f345a29b5f9f7779d4c926b6fc54a410b2c2ebc2a234eec01e8');
    expect(outcomeHmac(SECRET, '20250501-0000000002')).toBe('3208dcc99e7bb6ccfb2241df5a05c8ef995ed48672e2aff02f9dd9b7059b6063');
    expect(winThreshold(0.5)).toBe(2 ** 31);
    expect(ruleWins(SECRET, '20250501-0000000001', 0.5)).toBe(false); // 0xfaa4d94f ≥ 2³¹
    expect(ruleWins(SECRET, '20250501-0000000002', 0.5)).toBe(true); // 0x3208dcc9 < 2³¹
    expect(ruleWins(SECRET, '20250501-ABCDEFGHJK', 0.5)).toBe(true); // 0x787fe0fb = 2,021,646,587 < 2,147,483,648
    expect(ruleWins(SECRET, '20250501-ABCDEFGHJK', 0.4)).toBe(false); // … ≥ 1,717,986,918
    expect(ruleWins(SECRET, '20250501-0000000001', 1)).toBe(true);
    expect(ruleWins(SECRET, '20250501-0000000002', 0)).toBe(false);
  });

  it('wins about as often as the rate says', () => {
    const n = 4000;
    const wins = Array.from({ length: n }, (_, i) => ruleWins(SECRET, `20250501-${String(i).padStart(10, '0')}`, 0.25)).filter(Boolean).length;
    expect(Math.abs(wins / n - 0.25)).toBeLessThan(0.03);
  });

  it('runs on Shanghai days, with tickets that name theirs', () => {
    const at = Date.parse('2025-04-30T16:30:00Z'); // 00:30 on 1 May in Shanghai
    expect(dayOf(at)).toBe('2025-05-01');
    expect(dayEnd('2025-05-01')).toBe(Date.parse('2025-05-02T00:00:00+08:00'));
    expect(daysBetween(Date.parse('2025-05-01T09:00:00+08:00'), Date.parse('2025-05-03T00:00:00+08:00'))).toEqual(['2025-05-01', '2025-05-02']);
    const ticket = `${compactDay('2025-05-01')}-${newTicket()}`;
    expect(ticket).toMatch(TICKET_PATTERN);
    expect(ticketDay(ticket)).toBe('2025-05-01');
    expect(ticketDay(newTicket())).toBeNull();
    expect(newTicket()).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });
});

describe('the quiz', () => {
  const bank: Question[] = Array.from({ length: 10 }, (_, i) => ({ id: `q${i}`, text: `题目${i}`, options: ['甲', '乙', '丙', '丁'], correct: i % 4, explanation: `解析${i}` }));
  const six = bank.slice(0, 6);
  const right = Object.fromEntries(six.map((q) => [q.id, q.correct]));
  const deadline = 1_000_000;

  it('draws distinct questions and sends them without the answer', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const picked = pickQuestions(bank, 6, random);
    expect(new Set(picked.map((q) => q.id)).size).toBe(6);
    expect(pickQuestions(bank, 20, random)).toHaveLength(10);
    const asked = askedQuestion(bank[3]!);
    expect(asked).toEqual({ id: 'q3', text: '题目3', options: ['甲', '乙', '丙', '丁'] });
    expect(JSON.stringify(asked)).not.toMatch(/correct|explanation|解析/);
  });

  it('passes with at least the pass mark right, fails below it', () => {
    expect(scoreAttempt(six, right, { passMark: 4 }, deadline - 1, deadline)).toMatchObject({ outcome: 'passed', right: 6 });
    const fourRight = { ...right, q0: (six[0]!.correct + 1) % 4, q1: (six[1]!.correct + 1) % 4 };
    expect(scoreAttempt(six, fourRight, { passMark: 4 }, deadline, deadline)).toMatchObject({ outcome: 'passed', right: 4 });
    const threeRight = { ...fourRight, q2: (six[2]!.correct + 1) % 4 };
    const failed = scoreAttempt(six, threeRight, { passMark: 4 }, deadline, deadline);
    expect(failed).toMatchObject({ outcome: 'failed', right: 3 });
    expect(failed.review[0]).toEqual({ id: 'q0', text: '题目0', options: ['甲', '乙', '丙', '丁'], chosen: 1, correct: 0, explanation: '解析0' });
  });

  it('scores nothing after the deadline (and its grace): a timed-out attempt, which had counted when it started', () => {
    expect(scoreAttempt(six, right, { passMark: 4 }, deadline + ANSWER_GRACE_MS, deadline).outcome).toBe('passed');
    const late = scoreAttempt(six, right, { passMark: 4 }, deadline + ANSWER_GRACE_MS + 1, deadline);
    expect(late).toMatchObject({ outcome: 'timed_out', right: 0 });
    expect(late.review.every((r) => r.chosen === null)).toBe(true);
  });

  it('ignores answers that are no option and questions not asked', () => {
    const odd = { q0: 9, q1: -1, q2: 1.5, zz: 0 };
    expect(scoreAttempt(six, odd, { passMark: 1 }, 0, deadline).review.slice(0, 3).map((r) => r.chosen)).toEqual([null, null, null]);
  });

  it('refuses rules the bank cannot serve', () => {
    expect(rulesProblem({ questionsPerAttempt: 6, passMark: 4, attemptsPerDay: 6, timeLimitSeconds: 300 }, 5)).toMatch(/题库只有5道题/);
    expect(rulesProblem({ questionsPerAttempt: 6, passMark: 7, attemptsPerDay: 6, timeLimitSeconds: 300 }, 10)).toMatch(/及格题数/);
    expect(rulesProblem({ questionsPerAttempt: 6, passMark: 4, attemptsPerDay: 6, timeLimitSeconds: 300 }, 6)).toBeNull();
  });
});

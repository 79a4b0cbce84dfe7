import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, call, loginAs } from './client';

/**
 * The draws over HTTP, on the demo data: the public answer without log-in (exactly its shape, no
 * member in it), npm run draw:verify recomputing the demo's drawn scheduled draw and the instant draw's
 * published day, the quiz's questions without answers, the explanations after, who may read a bank.
 */
const run = promisify(execFile);
const SCHEDULED = 'draw-demo-cinema-lottery';
const INSTANT = 'draw-demo-cinema-quiz';

const verify = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/draw-verify.ts', ...args], { cwd: join(__dirname, '..', '..') }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
  );

let member: string;
beforeAll(async () => {
  member = await loginAs('member');
});

describe('GET /api/draws/{id}, without log-in', () => {
  it('answers a drawn scheduled draw with exactly the published shape: ≥ 30 tickets in two pools, the seed, winners and waiting list', async () => {
    const answer = await call('GET', `/api/draws/${SCHEDULED}`);
    expect(answer.status).toBe(200);
    const draw = answer.body.draw;
    expect(Object.keys(draw).sort()).toEqual(['benefitId', 'days', 'id', 'kind', 'page', 'places', 'seed', 'seedSource', 'status', 'tickets', 'ticketsHash', 'waitlist', 'winners']);
    expect(draw).toMatchObject({ id: SCHEDULED, benefitId: 'bnf-demo-cinema-lottery', kind: 'scheduled', status: 'drawn', places: { '01': 4, '*': 6 }, seed: '02 09 14 21 27 33 + 06' });
    expect(draw.tickets.length).toBeGreaterThanOrEqual(30);
    expect(new Set(draw.tickets.map((t: { pool: string }) => t.pool))).toEqual(new Set(['01', '*']));
    expect(Object.keys(draw.tickets[0]).sort()).toEqual(['pool', 'ticket']);
    expect(draw.winners).toHaveLength(10);
    expect(draw.winners.length + draw.waitlist.length).toBe(draw.tickets.length);
    // Pseudonyms only: no member id, name, phone or openid.
    expect(answer.text).not.toMatch(/memberId|openid|regionCode|dev-|01KDV/);
  });

  it('answers an instant draw open today with every day committed and only past days revealed', async () => {
    const { body, status } = await call('GET', `/api/draws/${INSTANT}`);
    expect(status).toBe(200);
    expect(body.draw).toMatchObject({ kind: 'instant', status: 'open', seed: null, ticketsHash: null });
    const days = body.draw.days as Array<{ day: string; commitment: string; secret: string | null }>;
    expect(days.length).toBeGreaterThanOrEqual(4);
    expect(days.every((d) => /^[0-9a-f]{64}$/.test(d.commitment))).toBe(true);
    expect(days.filter((d) => d.secret !== null)).toHaveLength(1); // yesterday's
    expect(body.draw.tickets.length).toBe(12);
  });

  it('is 404 for no such draw', async () => {
    expect((await call('GET', '/api/draws/no-such-draw')).status).toBe(404);
  });
});

describe('npm run draw:verify', () => {
  it("recomputes the demo's drawn scheduled draw from the API's answer alone", async () => {
    const { code, stdout } = await verify(SCHEDULED, '--base', apiUrl());
    expect(stdout).toContain('名单哈希');
    expect(stdout).toContain('与公布的一致');
    expect(stdout).toContain('复核通过');
    expect(code).toBe(0);
  });

  it("checks the instant draw's revealed day against its commitment and its winners against the rule", async () => {
    const { code, stdout } = await verify(INSTANT, '--base', apiUrl());
    expect(stdout).toContain('与事先公布的承诺值一致');
    expect(code).toBe(0);
  });

  it('answers in pages: the totals on every page, lists past the end empty, a bad page number refused', async () => {
    const first = await call('GET', `/api/draws/${SCHEDULED}`);
    expect(first.body.draw.page).toEqual({ number: 0, size: 20_000, pages: 1, tickets: 36, winners: 10, waitlist: 26 });
    const past = await call('GET', `/api/draws/${SCHEDULED}?page=1`);
    expect(past.status).toBe(200);
    expect(past.body.draw).toMatchObject({ ticketsHash: first.body.draw.ticketsHash, seed: first.body.draw.seed, tickets: [], winners: [], waitlist: [], page: { number: 1, tickets: 36 } });
    expect((await call('GET', `/api/draws/${SCHEDULED}?page=one`)).status).toBe(400);
  });

  it('fails on an answer whose results were changed', async () => {
    const { body } = await call('GET', `/api/draws/${SCHEDULED}`);
    const forged = { draw: { ...body.draw, winners: [body.draw.waitlist[0], ...body.draw.winners.slice(1)] } };
    const file = join(mkdtempSync(join(tmpdir(), 'draw-')), 'forged.json');
    writeFileSync(file, JSON.stringify(forged));
    const { code, stdout } = await verify('--file', file);
    expect(stdout).toContain('复核未通过');
    expect(code).toBe(1);
  });
});

describe('the quiz over HTTP', () => {
  it('shows the benefit with its draw, refuses a direct claim, sends questions without answers and explains after', async () => {
    const detail = await call('GET', '/api/benefits/bnf-demo-cinema-quiz', { token: member });
    expect(detail.status).toBe(200);
    expect(detail.body.draw).toEqual({ id: INSTANT, kind: 'instant', quiz: true });
    const claim = await call('POST', '/api/benefits/bnf-demo-cinema-quiz/claims', { token: member, json: { requestId: 'rq-draw-only-0001' } });
    expect([claim.status, claim.body.error.code]).toEqual([409, 'DRAW_ONLY']);

    expect((await call('POST', `/api/draws/${INSTANT}/attempts`)).status).toBe(401);
    const started = await call('POST', `/api/draws/${INSTANT}/attempts`, { token: member });
    expect(started.status).toBe(201);
    const { attempt } = started.body;
    expect(attempt.questions).toHaveLength(6);
    expect(attempt).toMatchObject({ passMark: 4, timeLimitSeconds: 300 });
    expect(started.text).not.toMatch(/correct|explanation|解析|《工会法》第/);

    const wrong = Object.fromEntries(attempt.questions.map((q: { id: string; options: string[] }) => [q.id, q.options.length - 1]));
    const submitted = await call('POST', `/api/quiz-attempts/${attempt.id}`, { token: member, json: { answers: wrong } });
    expect(submitted.status).toBe(200);
    expect(submitted.body.result.review).toHaveLength(6);
    expect(submitted.body.result.review.every((r: { explanation: string; correct: number }) => r.explanation.length > 0 && Number.isInteger(r.correct))).toBe(true);
    const other = await loginAs('hotel');
    expect((await call('POST', `/api/quiz-attempts/${attempt.id}`, { token: other, json: { answers: wrong } })).status).toBe(404);

    const mine = await call('GET', `/api/me/draws/${INSTANT}`, { token: member });
    expect(mine.status).toBe(200);
    expect(mine.body.me).toMatchObject({ drawId: INSTANT, kind: 'instant', winsPerMemberPerDay: 2 });
    expect(mine.body.me.attemptsLeft).toBeLessThanOrEqual(5);
  });

  it('keeps the bank to officials: a member is refused, the province reads the answers', async () => {
    expect((await call('GET', '/api/admin/question-banks/bank-demo-union-law', { token: member })).status).toBe(403);
    const province = await loginAs('province');
    const bank = await call('GET', '/api/admin/question-banks/bank-demo-union-law', { token: province });
    expect(bank.status).toBe(200);
    expect(bank.body.bank.questions[0]).toMatchObject({ correct: 0 });
    const sanya = await loginAs('sanya');
    expect((await call('GET', '/api/admin/question-banks/bank-demo-union-law', { token: sanya })).status).toBe(403);
    expect((await call('POST', `/api/admin/draws/${SCHEDULED}/seed`, { token: sanya, json: { seed: '01' } })).status).toBe(403);
  });
});

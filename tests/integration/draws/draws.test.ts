import { beforeAll, describe, expect, it } from 'vitest';
import { drawScheduled, sha256Hex, ticketsHash } from '../../../functions/draws/domain/draw-rule';
import { ruleWins } from '../../../functions/draws/domain/instant';
import { account, benefitWorld, boundMember, boundMembers, official, requestId, tally, type BenefitWorld } from '../../support/benefits';
import { benefitWithDraw, drawWorld, outcomeOf, questions, rightAnswers, type DrawWorld } from '../../support/draws';

/** Question banks, the quiz, instant and scheduled draws on DynamoDB Local, raced where members race. */

const DAY = 24 * 3_600_000;
let world: BenefitWorld;
let draws: DrawWorld;

beforeAll(async () => {
  world = await benefitWorld('draws');
  draws = await drawWorld();
}, 60_000);

async function bank(orgId: string, n = 8, by = world.admin): Promise<string> {
  const { bank } = await draws.uc.createBank(draws.deps, by, { orgId, title: '工会法知识题库', questions: questions(n) });
  return bank.id;
}

describe('question banks', () => {
  it('are kept by the officials of the owning org subtree only, answers and all', async () => {
    const haikouOfficial = await official(world, world.cities.haikou.id);
    const sanyaOfficial = await official(world, world.cities.sanya.id);
    const provinceOfficial = await official(world, world.province.id);
    const { bank: created } = await draws.uc.createBank(draws.deps, haikouOfficial, { orgId: world.unions.haikou.id, title: '海口题库', questions: questions(3) });
    expect(created.questions).toHaveLength(3);
    expect(created.questions[1]).toMatchObject({ correct: 1, options: ['选项甲', '选项乙', '选项丙', '选项丁'] });

    expect(await outcomeOf(draws.uc.getBank(draws.deps, sanyaOfficial, created.id))).toBe('FORBIDDEN');
    expect(await outcomeOf(draws.uc.createBank(draws.deps, sanyaOfficial, { orgId: world.unions.haikou.id, title: 'x' }))).toBe('FORBIDDEN');
    const member = await boundMember(world, world.unions.haikou.id);
    expect(await outcomeOf(draws.uc.listBanks(draws.deps, member.openid))).toBe('FORBIDDEN');
    expect((await draws.uc.listBanks(draws.deps, sanyaOfficial)).items.map((b) => b.id)).not.toContain(created.id);
    expect((await draws.uc.listBanks(draws.deps, provinceOfficial)).items.map((b) => b.id)).toContain(created.id);

    // Two officials editing at once: both edits stay (the version condition makes the second read again).
    const [first] = created.questions;
    await Promise.all([
      draws.uc.updateBank(draws.deps, haikouOfficial, created.id, { upsert: [{ ...questions(1, '新')[0]! }] }),
      draws.uc.updateBank(draws.deps, provinceOfficial, created.id, { upsert: [{ id: first!.id, text: '改过的题目', options: ['对', '错'], correct: 0, explanation: '' }] }),
    ]);
    const { bank: edited } = await draws.uc.getBank(draws.deps, provinceOfficial, created.id);
    expect(edited.questions).toHaveLength(4);
    expect(edited.questions.find((q) => q.id === first!.id)?.text).toBe('改过的题目');
    const { bank: removed } = await draws.uc.updateBank(draws.deps, haikouOfficial, created.id, { remove: [first!.id], archived: true });
    expect(removed).toMatchObject({ archived: true });
    expect(removed.questions).toHaveLength(3);
  });
});

describe('the quiz and the instant draw', () => {
  it('counts attempts at their start: 10 at once for 6 a day start 6; a timed-out one has counted', async () => {
    const bankId = await bank(world.province.id);
    const { drawId } = await benefitWithDraw(world, draws, { kind: 'instant', winRate: 0.5, quiz: { bankId, questionsPerAttempt: 3, passMark: 2, timeLimitSeconds: 60 } }, { stock: 10, perMemberLimit: 10 });
    const member = await boundMember(world, world.unions.haikou.id);
    const started = await Promise.all(Array.from({ length: 10 }, () => outcomeOf(draws.uc.startAttempt(draws.deps, member.openid, drawId))));
    expect(tally(started.map((outcome) => ({ outcome })))).toEqual({ ok: 6, QUIZ_ATTEMPTS_USED_UP: 4 });
    expect((await draws.uc.myDraw(draws.deps, member.openid, drawId)).me).toMatchObject({ attemptsLeft: 0, reason: 'QUIZ_ATTEMPTS_USED_UP' });

    const other = await boundMember(world, world.unions.sanya.id);
    const { attempt } = await draws.uc.startAttempt(draws.deps, other.openid, drawId);
    expect(attempt.attemptsLeft).toBe(5);
    expect(JSON.stringify(attempt)).not.toMatch(/correct|explanation|解析/);
    const answers = await rightAnswers(draws, bankId, attempt.questions.map((q) => q.id));
    draws.clock.now = Date.parse(attempt.deadline) + 10_000;
    try {
      const { result } = await draws.uc.submitAttempt(draws.deps, other.openid, attempt.id, answers);
      expect(result).toMatchObject({ outcome: 'timed_out', right: 0, ticket: null, attemptsLeft: 5 });
      expect(result.review.map((r) => r.explanation)).toEqual(expect.arrayContaining([expect.stringContaining('工会法')]));
    } finally {
      draws.clock.now = Date.now();
    }
    // Submitting again changes nothing: the same answer.
    expect((await draws.uc.submitAttempt(draws.deps, other.openid, attempt.id, answers)).result.outcome).toBe('timed_out');
  });

  it('draws each pass at once; at most 2 wins a member a day however many passes land together; the day secret opens after the day', async () => {
    const bankId = await bank(world.province.id);
    const { drawId, benefitId } = await benefitWithDraw(
      world,
      draws,
      { kind: 'instant', winRate: 1, quiz: { bankId, questionsPerAttempt: 3, passMark: 3 } },
      { stock: 20, perMemberLimit: 10, priceFen: 100 },
    );
    const member = await boundMember(world, world.unions.haikou.id);
    // A direct claim is refused: the draw gives it out.
    expect(await outcomeOf(world.uc.claimBenefit(world.deps, member.openid, benefitId, requestId()))).toBe('DRAW_ONLY');

    const attempts = await Promise.all(Array.from({ length: 4 }, () => draws.uc.startAttempt(draws.deps, member.openid, drawId)));
    const answered = await Promise.all(attempts.map(async ({ attempt }) => ({ attempt, answers: await rightAnswers(draws, bankId, attempt.questions.map((q) => q.id)) })));
    const results = await Promise.all(answered.map(({ attempt, answers }) => draws.uc.submitAttempt(draws.deps, member.openid, attempt.id, answers)));
    expect(results.every((r) => r.result.outcome === 'passed')).toBe(true);
    expect(tally(results.map((r) => ({ outcome: r.result.ticket!.outcome })))).toEqual({ won: 2, lost_daily_limit: 2 });
    const won = results.filter((r) => r.result.ticket!.outcome === 'won').map((r) => r.result.ticket!);
    // A priced benefit's place waits for the payment (the payment work turns it into an order).
    expect(won.map((t) => t.place?.state)).toEqual(['awaiting_payment', 'awaiting_payment']);
    expect(await outcomeOf(draws.uc.startAttempt(draws.deps, member.openid, drawId))).toBe('DRAW_DAILY_WINS_REACHED');
    const mine = (await draws.uc.myDraw(draws.deps, member.openid, drawId)).me;
    expect(mine).toMatchObject({ winsToday: 2, winsPerMemberPerDay: 2, attemptsLeft: 2, reason: 'DRAW_DAILY_WINS_REACHED' });
    expect(mine.tickets).toHaveLength(4);

    // Today: the commitment only. After the day: the secret, which anyone checks against it and the outcomes.
    const today = (await draws.uc.getPublicDraw(draws.deps, drawId)).draw;
    // The window opened an hour ago, so between 00:00 and 01:00 in China it began yesterday, whose
    // day is over and whose secret is published: only today's and later days' secrets are withheld.
    const chinaToday = new Date(draws.clock.now + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(today.days.every((d) => /^[0-9a-f]{64}$/.test(d.commitment))).toBe(true);
    expect(today.days.filter((d) => d.day >= chinaToday).length).toBeGreaterThan(0);
    expect(today.days.every((d) => (d.day >= chinaToday ? d.secret === null : d.secret !== null))).toBe(true);
    expect(today.tickets).toEqual([]);
    draws.clock.now = Date.now() + 3 * DAY;
    try {
      const after = (await draws.uc.getPublicDraw(draws.deps, drawId)).draw;
      expect(after.status).toBe('closed');
      for (const day of after.days) expect(sha256Hex(day.secret!)).toBe(day.commitment);
      expect(after.tickets.map((t) => t.ticket).sort()).toEqual(mine.tickets.map((t) => t.ticket).sort());
      const secretOf = (ticket: string) => after.days.find((d) => d.day.replaceAll('-', '') === ticket.slice(0, 8))!.secret!;
      expect(after.tickets.every((t) => ruleWins(secretOf(t.ticket), t.ticket, 1))).toBe(true);
      expect(after.winners.sort()).toEqual(won.map((t) => t.ticket).sort());
    } finally {
      draws.clock.now = Date.now();
    }
  });

  it('gives no more places than the stock: 5 members pass at once for 3 units', async () => {
    const bankId = await bank(world.province.id);
    const { drawId, benefitId } = await benefitWithDraw(world, draws, { kind: 'instant', winRate: 1, quiz: { bankId, questionsPerAttempt: 2, passMark: 1 } }, { stock: 3, perMemberLimit: 2 });
    const members = await boundMembers(world, world.unions.danzhou.id, 5);
    const started = await Promise.all(members.map((m) => draws.uc.startAttempt(draws.deps, m.openid, drawId)));
    const results = await Promise.all(
      started.map(async ({ attempt }, i) => draws.uc.submitAttempt(draws.deps, members[i]!.openid, attempt.id, await rightAnswers(draws, bankId, attempt.questions.map((q) => q.id)))),
    );
    expect(tally(results.map((r) => ({ outcome: r.result.ticket!.outcome })))).toEqual({ won: 3, lost_no_place: 2 });
    const counts = await world.deps.benefits.counts([(await world.deps.benefits.get(benefitId))!]);
    expect(counts.get(benefitId)?.remaining).toBe(0);
    // A place that could not be had gives the day's win back.
    const lost = members.filter((_, i) => results[i]!.result.ticket!.outcome === 'lost_no_place');
    for (const m of lost) expect((await draws.uc.myDraw(draws.deps, m.openid, drawId)).me.winsToday).toBe(0);
  });
});

describe('the scheduled draw', () => {
  it("takes entries, seals them, draws by the published rule once a second official confirms the seed, and reserves the winners' places", async () => {
    const { drawId, benefitId } = await benefitWithDraw(
      world,
      draws,
      { kind: 'scheduled', places: { '01': 2, '*': 3 }, seedSource: '中国福利彩票双色球 第2025075期 开奖号码（红球按公告顺序，空格分隔，加号后为蓝球）' },
      { stock: 5, regionQuotas: { '01': 2 } },
    );
    const haikou = await boundMembers(world, world.unions.haikou.id, 6);
    const others = [...(await boundMembers(world, world.unions.sanya.id, 4)), ...(await boundMembers(world, world.unions.danzhou.id, 4))];
    const entered = await Promise.all([...haikou, ...others, haikou[0]!].map((m) => outcomeOf(draws.uc.enterDraw(draws.deps, m.openid, drawId))));
    expect(tally(entered.map((outcome) => ({ outcome })))).toEqual({ ok: 14, DRAW_ALREADY_ENTERED: 1 });
    expect((await draws.uc.getPublicDraw(draws.deps, drawId)).draw).toMatchObject({ status: 'open', tickets: [], ticketsHash: null });

    const first = await official(world, world.province.id);
    const second = await official(world, world.province.id);
    const stranger = await official(world, world.cities.sanya.id);
    expect(await outcomeOf(draws.uc.closeDraw(draws.deps, first, drawId))).toBe('DRAW_ENTRIES_STILL_OPEN');
    draws.clock.now = Date.now() + 2 * DAY;
    try {
      expect(await outcomeOf(draws.uc.closeDraw(draws.deps, stranger, drawId))).toBe('FORBIDDEN');
      const closed = (await draws.uc.closeDraw(draws.deps, first, drawId)).draw;
      expect(closed.status).toBe('closed');
      expect(closed.tickets).toHaveLength(14);
      expect(closed.tickets.filter((t) => t.pool === '01')).toHaveLength(6);
      expect(closed.ticketsHash).toBe(ticketsHash(closed.tickets.map((t) => t.ticket)));
      expect(JSON.stringify(closed)).not.toMatch(/memberId|openid|dev-/);
      expect(await outcomeOf(draws.uc.confirmSeed(draws.deps, second, drawId, '01 02'))).toBe('DRAW_SEED_NOT_PROPOSED');

      await draws.uc.proposeSeed(draws.deps, first, drawId, ' 05 11 17  22 28 30 + 12 ');
      expect(await outcomeOf(draws.uc.confirmSeed(draws.deps, first, drawId, '05 11 17 22 28 30 + 12'))).toBe('DRAW_SAME_OFFICIAL');
      expect(await outcomeOf(draws.uc.confirmSeed(draws.deps, second, drawId, '05 11 17 22 28 30 + 13'))).toBe('DRAW_SEED_MISMATCH');
      expect((await draws.uc.getPublicDraw(draws.deps, drawId)).draw.seed).toBeNull();
      // Two confirmations at once: one draws, the other finds it drawn.
      const confirmations = await Promise.all([
        outcomeOf(draws.uc.confirmSeed(draws.deps, second, drawId, '05 11 17 22 28 30 + 12')),
        outcomeOf(draws.uc.confirmSeed(draws.deps, await official(world, world.province.id), drawId, '05 11 17 22 28 30 + 12')),
      ]);
      expect(confirmations.sort()).toEqual(['DRAW_STATUS_INVALID', 'ok']);

      const drawn = (await draws.uc.getPublicDraw(draws.deps, drawId)).draw;
      expect(drawn).toMatchObject({ status: 'drawn', seed: '05 11 17 22 28 30 + 12', ticketsHash: closed.ticketsHash });
      const recomputed = drawScheduled(drawn.seed!, drawn.places, drawn.tickets);
      expect(drawn.winners).toEqual(recomputed.winners);
      expect(drawn.waitlist).toEqual(recomputed.waitlist);
      expect(drawn.winners).toHaveLength(5);

      // Each winner holds a place (a free benefit: an unused coupon), each on the waiting list none.
      const outcomes = await Promise.all([...haikou, ...others].map(async (m) => (await draws.uc.myDraw(draws.deps, m.openid, drawId)).me.tickets[0]!));
      expect(tally(outcomes.map((t) => ({ outcome: t.outcome })))).toEqual({ won: 5, waitlist: 9 });
      expect(outcomes.filter((t) => t.outcome === 'won').every((t) => t.place?.state === 'unused' && drawn.winners.includes(t.ticket))).toBe(true);
      const counts = (await world.deps.benefits.counts([(await world.deps.benefits.get(benefitId))!])).get(benefitId)!;
      expect(counts.remaining).toBe(0);
      expect(counts.byRegion['01']).toEqual({ quota: 2, claimed: 2 });

      // The trail holds the sealed hash and who typed and who confirmed the seed.
      const { listAudit } = await import('../../../functions/audit/services/trail');
      const { productionDeps: auditDeps } = await import('../../../functions/audit/services/deps');
      const trail = (await listAudit(await auditDeps(), world.admin, { action: 'draw' })).items.filter((e) => e.target.id === drawId);
      expect(trail.map((e) => e.action).sort()).toEqual(['draw.close', 'draw.confirm', 'draw.create', 'draw.seed']);
      expect(trail.find((e) => e.action === 'draw.close')?.after).toMatchObject({ ticketsHash: closed.ticketsHash, tickets: 14 });
    } finally {
      draws.clock.now = Date.now();
    }
  });

  it('takes no entry once closed, and only members of a region with places or of a draw open to the rest', async () => {
    const { drawId } = await benefitWithDraw(world, draws, { kind: 'scheduled', places: { '02': 1 }, seedSource: '体彩大乐透 第25074期' }, { stock: 1, regionQuotas: { '02': 1 }, otherRegions: 'closed' });
    const haikou = await boundMember(world, world.unions.haikou.id);
    const sanya = await boundMember(world, world.unions.sanya.id);
    expect(await outcomeOf(draws.uc.enterDraw(draws.deps, haikou.openid, drawId))).toBe('NOT_ELIGIBLE');
    expect(await outcomeOf(draws.uc.enterDraw(draws.deps, sanya.openid, drawId))).toBe('ok');
    const guest = await account(world.membership, `dev-guest-${world.tag}`);
    expect(await outcomeOf(draws.uc.enterDraw(draws.deps, guest, drawId))).toBe('NOT_BOUND');
    draws.clock.now = Date.now() + 2 * DAY;
    try {
      await draws.uc.closeDraw(draws.deps, world.admin, drawId);
    } finally {
      draws.clock.now = Date.now();
    }
    const late = await boundMember(world, world.unions.sanya.id);
    expect(await outcomeOf(draws.uc.enterDraw(draws.deps, late.openid, drawId))).toBe('DRAW_NOT_OPEN');
  });
});

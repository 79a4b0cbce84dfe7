import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateBenefitRequest } from '../../functions/benefits/contracts/benefits';
import type { QuestionInput } from '../../functions/draws/contracts/draws';
import { dayOf, compactDay } from '../../functions/draws/domain/days';
import { ruleWins } from '../../functions/draws/domain/instant';
import { newTicket } from '../../functions/draws/domain/tickets';
import type { Attempt, Ticket } from '../../functions/draws/domain/types';
import { demoBenefitRequest, type DemoData } from './demo-data';
import { projectRoot } from './paths';

/**
 * The demo's draws (答题抽奖, 报名抽签; demo/demo-draws.json): a question bank, one instant draw open
 * today (its window began yesterday, whose secret is therefore published, with a dozen passes of
 * demo members drawn yesterday) and one scheduled draw already drawn (36 entries in two pools, sealed,
 * seed typed by the province official and confirmed by the admin). Both are checkable on a fresh
 * `npm start` with `npm run draw:verify -- <id>`. Idempotent: each step is done once, and a second
 * seed finds it done (draw ids are stable: `draw-` + the benefit id's tail).
 */
interface DemoDraws {
  bank: { id: string; orgId: string; title: string; questions: QuestionInput[] };
  instant: DemoDrawBenefit & {
    winRate: number;
    winsPerMemberPerDay: number;
    quiz: { questionsPerAttempt: number; passMark: number; attemptsPerDay: number; timeLimitSeconds: number };
    yesterdaysPasses: number;
  };
  scheduled: DemoDrawBenefit & { regionQuotas: Record<string, number>; places: Record<string, number>; seedSource: string; seed: string; entrants: number; alwaysEntered: string[] };
}
interface DemoDrawBenefit {
  benefitId: string;
  title: string;
  description: string;
  faceValueFen: number;
  priceFen: number;
  stock: number;
  perMemberLimit: number;
  window: { claimStartsInDays: number; claimDays: number; useDaysAfterClaimEnds: number };
}

export const DEMO_DRAWS_FILE = join(projectRoot, 'demo', 'demo-draws.json');
const ADMIN = 'dev-admin';
const PROVINCE = 'dev-province';
const DAY_MS = 86_400_000;

function benefitRequest(b: DemoDrawBenefit & { regionQuotas?: Record<string, number> }, now: Date): CreateBenefitRequest {
  return demoBenefitRequest(
    {
      id: b.benefitId,
      status: 'published',
      title: b.title,
      description: b.description,
      category: 'cinema',
      merchantIds: ['mch-yefeng-cinema'],
      faceValueFen: b.faceValueFen,
      priceFen: b.priceFen,
      stock: b.stock,
      perMemberLimit: b.perMemberLimit,
      orgId: 'org-hainan',
      ...(b.regionQuotas ? { regionQuotas: b.regionQuotas, otherRegions: 'open' as const } : {}),
      window: b.window,
    },
    now,
  );
}

/** Each demo member's region code (their union's city or county federation's). */
function regions(data: DemoData): Map<string, string | null> {
  const orgs = new Map(data.orgs.map((o) => [o.id, o]));
  const regionOf = (orgId: string | null): string | null => {
    const org = orgId ? orgs.get(orgId) : undefined;
    return !org ? null : (org.regionCode ?? regionOf(org.parentId));
  };
  return new Map(data.members.map((m) => [m.id, regionOf(m.orgId)]));
}

export async function seedDemoDraws(data: DemoData, now: Date): Promise<number> {
  const demo = JSON.parse(readFileSync(DEMO_DRAWS_FILE, 'utf8')) as DemoDraws;
  const { productionDeps } = await import('../../functions/draws/services/deps');
  const { productionDeps: benefitDeps } = await import('../../functions/benefits/services/deps');
  const { seedDemoBenefit } = await import('../../functions/benefits/services/demo');
  const uc = { ...(await import('../../functions/draws/services/draw-admin')) };
  const base = await productionDeps();
  const { benefits } = await benefitDeps();
  let created = 0;
  // Fixed draw ids: a second seed finds them.
  const drawIdOf = (benefitId: string) => `draw-${benefitId.replace(/^bnf-/, '')}`;
  const deps = (id?: string, at = now) => ({ ...base, now: () => at, ...(id ? { newId: () => id } : {}) });

  // The bank, as the province would keep it.
  if (!(await base.banks.get(demo.bank.id))) {
    const { createBank } = await import('../../functions/draws/services/banks');
    let n = 0;
    await createBank({ ...deps(), newId: () => (n++ === 0 ? demo.bank.id : `${demo.bank.id}-q${n - 1}`) }, ADMIN, demo.bank);
    created += 1;
  }

  /** The benefit as a draft, its draw, then published. */
  const withDraw = async (b: DemoDrawBenefit & { regionQuotas?: Record<string, number> }, draw: Parameters<typeof uc.createDraw>[3]) => {
    const org = { id: 'org-hainan', path: ['org-hainan'] };
    await seedDemoBenefit(benefits, { id: b.benefitId, status: 'draft', request: benefitRequest(b, now), org }, now);
    const drawId = drawIdOf(b.benefitId);
    if (!(await base.draws.get(drawId))) {
      await uc.createDraw(deps(drawId), ADMIN, b.benefitId, draw);
      created += 1;
    }
    await seedDemoBenefit(benefits, { id: b.benefitId, status: 'published', request: benefitRequest(b, now), org }, now);
    const stored = await base.draws.get(drawId);
    if (!stored) throw new Error(`demo draw ${drawId} missing`);
    return stored;
  };

  const region = regions(data);

  // 1. The instant draw, open today; yesterday's passes drawn by yesterday's (now published) secret.
  const i = demo.instant;
  const instant = await withDraw(i, { kind: 'instant', winRate: i.winRate, winsPerMemberPerDay: i.winsPerMemberPerDay, quiz: { bankId: demo.bank.id, ...i.quiz } });
  const yesterday = dayOf(now.getTime() - DAY_MS);
  const secret = await base.draws.daySecret(instant.id, yesterday);
  if (secret && (await base.draws.tickets(instant.id)).length === 0) {
    const bank = (await base.banks.get(demo.bank.id))!;
    const players = data.members.slice(100, 100 + i.yesterdaysPasses);
    for (const [n, member] of players.entries()) {
      const at = now.getTime() - DAY_MS + n * 60_000;
      const attempt: Attempt = {
        id: `${instant.id}-demo-${n}`,
        drawId: instant.id,
        memberId: member.id,
        day: yesterday,
        questions: bank.questions.slice(0, i.quiz.questionsPerAttempt),
        passMark: i.quiz.passMark,
        startedAt: at,
        deadline: at + i.quiz.timeLimitSeconds * 1000,
        state: 'open',
        right: null,
        answers: null,
        ticket: null,
        submittedAt: null,
      };
      await base.draws.startAttempt(attempt, i.quiz.attemptsPerDay, false);
      const ticket = `${compactDay(yesterday)}-${newTicket()}`;
      const wins = ruleWins(secret.secret, ticket, secret.winRate);
      const answers = Object.fromEntries(attempt.questions.map((q) => [q.id, q.correct]));
      const passed: Attempt = { ...attempt, state: 'passed', right: attempt.questions.length, answers, ticket, submittedAt: at + 90_000 };
      const record: Ticket = { drawId: instant.id, ticket, day: yesterday, pool: '*', memberId: member.id, regionCode: region.get(member.id) ?? null, attemptId: attempt.id, outcome: wins ? 'pending' : 'lost', couponId: null, at: at + 90_000 };
      await base.draws.passInstant(passed, record, wins ? { maxWins: i.winsPerMemberPerDay } : null);
      if (wins) {
        const placed = await base.places.reserve({ benefitId: i.benefitId, memberId: member.id, regionCode: record.regionCode, requestId: `draw-${instant.id}-${ticket}` });
        await base.draws.setOutcome(instant.id, ticket, 'couponId' in placed ? 'won' : 'lost_no_place', 'couponId' in placed ? placed.couponId : null);
      }
      created += 1;
    }
  }

  // 2. The scheduled draw: entries (written as the entry use case does, the window being over), sealed, seeded, confirmed.
  const s = demo.scheduled;
  let scheduled = await withDraw(s, { kind: 'scheduled', places: s.places, seedSource: s.seedSource });
  if (scheduled.status === 'open') {
    const haikou = data.members.filter((m) => region.get(m.id) === '01').slice(0, 14);
    const rest = data.members.filter((m) => region.get(m.id) !== '01' && !s.alwaysEntered.includes(m.id)).slice(0, s.entrants - haikou.length - s.alwaysEntered.length);
    const entrants = [...haikou, ...rest, ...data.members.filter((m) => s.alwaysEntered.includes(m.id))];
    for (const [n, member] of entrants.entries()) {
      const code = region.get(member.id) ?? null;
      const ticket: Ticket = {
        drawId: scheduled.id,
        ticket: newTicket(),
        day: null,
        pool: code !== null && s.places[code] !== undefined ? code : '*',
        memberId: member.id,
        regionCode: code,
        attemptId: null,
        outcome: 'entered',
        couponId: null,
        at: scheduled.opensAt + n * 600_000,
      };
      if ((await base.draws.enter(ticket, null)).kind === 'done') created += 1;
    }
    await uc.closeDraw(deps(undefined, new Date(Math.max(now.getTime(), scheduled.closesAt))), PROVINCE, scheduled.id);
    scheduled = (await base.draws.get(scheduled.id))!;
  }
  if (scheduled.status === 'closed') {
    if (!scheduled.seedProposal) await uc.proposeSeed(deps(), PROVINCE, scheduled.id, s.seed);
    await uc.confirmSeed(deps(), ADMIN, scheduled.id, s.seed);
    created += 1;
  }
  return created;
}

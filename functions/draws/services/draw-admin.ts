import type { AdminDrawResponse, CreateDrawRequest, PublicDrawResponse } from '../contracts/draws';
import { AppError } from '../../kernel/errors';
import { manages } from '../domain/access';
import { daysBetween } from '../domain/days';
import { drawScheduled, resultsOf, ticketsHash } from '../domain/draw-rule';
import { commitmentOf, newDaySecret } from '../domain/instant';
import { DEFAULT_QUIZ_RULES, rulesProblem } from '../domain/quiz';
import type { DaySecret, Draw, Ticket } from '../domain/types';
import { audited, requireManages, requireOfficial } from './people';
import type { Deps } from './ports';
import { adminDrawView, publicDraw } from './views';

export type DrawAdminDeps = Pick<Deps, 'accounts' | 'orgs' | 'banks' | 'draws' | 'places' | 'attachDrawItem' | 'newId' | 'now'>;

const NOT_YOURS = '只能操作本级及下级工会的抽签';
/** An instant draw commits to one secret per day of its window: at most this many days. */
export const MAX_INSTANT_DAYS = 62;
/** Wins a member may have a day in an instant draw, unless the draw says otherwise (美兰区: 2). */
export const DEFAULT_WINS_PER_DAY = 2;
/** Places reserved at once when a scheduled draw is confirmed. */
const RESERVE_CONCURRENCY = 8;

const invalid = (field: string, message: string) => new AppError('INVALID_INPUT', { message, fields: { [field]: message } });

/** The seed as typed, with its spaces made canonical: the published value the rule uses verbatim. */
export const canonicalSeed = (typed: string): string => typed.trim().replace(/\s+/g, ' ');

/** GET /api/draws/{id}: anyone, no log-in. */
export async function getPublicDraw(deps: Pick<Deps, 'draws' | 'now'>, id: string, page = 0): Promise<PublicDrawResponse> {
  const draw = await deps.draws.get(id);
  if (!draw) throw new AppError('NOT_FOUND', { message: '抽签不存在' });
  return { draw: await publicDraw(deps, draw, deps.now().getTime(), page) };
}

/** POST /api/admin/benefits/{id}/draw: a draft benefit is given out by a draw from now on. */
export async function createDraw(deps: DrawAdminDeps, openid: string, benefitId: string, request: CreateDrawRequest): Promise<AdminDrawResponse> {
  const account = await requireOfficial(deps, openid, '只有工会工作人员可以设置抽签');
  const benefit = await deps.places.benefit(benefitId);
  if (!benefit) throw new AppError('NOT_FOUND', { message: '该权益不存在' });
  requireManages(account, benefit.orgPath, NOT_YOURS);
  if (benefit.draw) throw new AppError('DRAW_EXISTS');
  if (benefit.status !== 'draft') throw new AppError('DRAW_BENEFIT_NOT_DRAFT');

  let quiz: Draw['quiz'] = null;
  if (request.quiz) {
    const bank = await deps.banks.get(request.quiz.bankId);
    if (!bank || bank.archived) throw new AppError('NOT_FOUND', { message: '所选题库不存在或已删除' });
    // A bank of the benefit's owner or an org above it, or one the official keeps.
    if (!benefit.orgPath.includes(bank.orgId) && !manages(account.roles, bank.orgPath)) throw new AppError('FORBIDDEN', { message: '只能使用本级及下级工会的题库' });
    const { bankId: _bank, ...given } = request.quiz;
    const rules = { ...DEFAULT_QUIZ_RULES, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
    const problem = rulesProblem(rules, bank.questions.length);
    if (problem) throw new AppError('QUIZ_BANK_TOO_SMALL', { message: problem });
    quiz = { ...rules, bankId: bank.id };
  }

  const now = deps.now();
  const base = {
    id: deps.newId(),
    benefitId: benefit.id,
    benefitTitle: benefit.title,
    kind: request.kind,
    status: 'open' as const,
    orgId: benefit.orgId,
    orgPath: [...benefit.orgPath],
    opensAt: benefit.claimStartsAt,
    closesAt: benefit.claimEndsAt,
    quiz,
    entries: 0,
    ticketsHash: null,
    closedAt: null,
    seedProposal: null,
    seed: null,
    seedConfirmedBy: null,
    drawnAt: null,
    createdBy: openid,
    createdAt: now.getTime(),
    version: 0,
  };
  let draw: Draw;
  let secrets: DaySecret[] = [];
  if (request.kind === 'instant') {
    if (!quiz) throw invalid('quiz', '答题即抽须设置题库：每次答题通过抽一次');
    if (request.winRate === undefined) throw invalid('winRate', '请填写中签率');
    const days = daysBetween(benefit.claimStartsAt, benefit.claimEndsAt);
    if (days.length > MAX_INSTANT_DAYS) throw invalid('kind', `答题即抽的活动期最多${MAX_INSTANT_DAYS}天，请缩短领取时间`);
    secrets = days.map((day) => {
      const secret = newDaySecret();
      return { day, secret, commitment: commitmentOf(secret), winRate: request.winRate! };
    });
    draw = {
      ...base,
      winRate: request.winRate,
      winsPerMemberPerDay: request.winsPerMemberPerDay ?? DEFAULT_WINS_PER_DAY,
      days,
      places: { '*': benefit.stock },
      seedSource: null,
    };
  } else {
    const places = request.places ?? {};
    const total = Object.values(places).reduce((a, b) => a + b, 0);
    if (total === 0) throw invalid('places', '请填写各名额池的名额');
    if (total > benefit.stock) throw invalid('places', `名额合计${total}个，超过了权益库存${benefit.stock}`);
    if (!request.seedSource) throw invalid('seedSource', '请写明开奖号码来源（如某期彩票的开奖号码）');
    draw = { ...base, winRate: null, winsPerMemberPerDay: null, days: [], places: { ...places }, seedSource: request.seedSource };
  }

  const ref = { id: draw.id, kind: draw.kind, quiz: quiz !== null };
  const entry = audited(
    account,
    'draw.create',
    { type: 'draw', id: draw.id, label: benefit.title },
    benefit.orgPath,
    null,
    { benefitId: benefit.id, kind: draw.kind, quiz, winRate: draw.winRate, places: draw.places, seedSource: draw.seedSource, commitments: secrets.map((s) => ({ day: s.day, commitment: s.commitment })) },
    now,
  );
  const outcome = await deps.draws.create(draw, secrets, deps.attachDrawItem(benefit.id, ref), entry);
  if (outcome.kind === 'refused') throw new AppError(outcome.parts.includes('draw') ? 'DRAW_EXISTS' : 'DRAW_BENEFIT_NOT_DRAFT');
  return adminDrawView(deps, draw, openid, now.getTime());
}

async function operatedDraw(deps: DrawAdminDeps, openid: string, id: string) {
  const account = await requireOfficial(deps, openid, '只有工会工作人员可以操作抽签');
  const draw = await deps.draws.get(id);
  if (!draw) throw new AppError('NOT_FOUND', { message: '抽签不存在' });
  requireManages(account, draw.orgPath, NOT_YOURS);
  if (draw.kind !== 'scheduled') throw new AppError('DRAW_STATUS_INVALID', { message: '答题即抽无需封存名单和录入开奖号码' });
  return { account, draw };
}

/** Tries a read-then-write of a draw again when another write moved it meanwhile. */
async function withDraw<T>(deps: DrawAdminDeps, openid: string, id: string, write: (ctx: Awaited<ReturnType<typeof operatedDraw>>) => Promise<T | null>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const result = await write(await operatedDraw(deps, openid, id));
    if (result !== null) return result;
    if (attempt >= 5) throw new AppError('BUSY');
  }
}

/**
 * POST /api/admin/draws/{id}/close: after the entry window, the tickets are sealed: sorted, hashed,
 * published, and the hash written to the audit trail. Conditioned on the entries it read (an entry
 * landing meanwhile makes it read again) and on the draw still open.
 */
export async function closeDraw(deps: DrawAdminDeps, openid: string, id: string): Promise<AdminDrawResponse> {
  return withDraw(deps, openid, id, async ({ account, draw }) => {
    const now = deps.now();
    if (draw.status !== 'open') throw new AppError('DRAW_STATUS_INVALID');
    if (now.getTime() < draw.closesAt) throw new AppError('DRAW_ENTRIES_STILL_OPEN');
    const tickets = await deps.draws.tickets(draw.id);
    if (tickets.length !== draw.entries) return null;
    const hash = ticketsHash(tickets.map((t) => t.ticket));
    const closed: Draw = { ...draw, status: 'closed', ticketsHash: hash, closedAt: now.getTime() };
    const entry = audited(account, 'draw.close', { type: 'draw', id: draw.id, label: draw.benefitTitle }, draw.orgPath, { status: 'open' }, { status: 'closed', tickets: tickets.length, ticketsHash: hash }, now);
    if (!(await deps.draws.update(closed, draw, entry))) return null;
    return adminDrawView(deps, { ...closed, version: draw.version + 1 }, openid, now.getTime());
  });
}

/** POST /api/admin/draws/{id}/seed: one official types the published value; a second must confirm it. */
export async function proposeSeed(deps: DrawAdminDeps, openid: string, id: string, typed: string): Promise<AdminDrawResponse> {
  const seed = canonicalSeed(typed);
  return withDraw(deps, openid, id, async ({ account, draw }) => {
    if (draw.status !== 'closed') throw new AppError('DRAW_STATUS_INVALID', { message: draw.status === 'open' ? '请先封存报名名单，再录入开奖号码' : '该抽签已开奖' });
    const now = deps.now();
    const next: Draw = { ...draw, seedProposal: { seed, by: openid, at: now.getTime() } };
    const entry = audited(account, 'draw.seed', { type: 'draw', id: draw.id, label: draw.benefitTitle }, draw.orgPath, null, { seedSource: draw.seedSource, seed, enteredBy: openid }, now);
    if (!(await deps.draws.update(next, draw, entry))) return null;
    return adminDrawView(deps, { ...next, version: draw.version + 1 }, openid, now.getTime());
  });
}

/**
 * POST /api/admin/draws/{id}/confirmation: a second official types the same value; the draw is then
 * computed by the published rule, its results stored and audited, and each winner's place reserved
 * (a coupon of the benefit's stock; see benefits' draw-places.ts for priced benefits).
 */
export async function confirmSeed(deps: DrawAdminDeps, openid: string, id: string, typed: string): Promise<AdminDrawResponse> {
  const seed = canonicalSeed(typed);
  const { draw, tickets } = await withDraw(deps, openid, id, async ({ account, draw }) => {
    if (draw.status !== 'closed') throw new AppError('DRAW_STATUS_INVALID', { message: draw.status === 'open' ? '请先封存报名名单，再录入开奖号码' : '该抽签已开奖' });
    const proposal = draw.seedProposal;
    if (!proposal) throw new AppError('DRAW_SEED_NOT_PROPOSED');
    if (proposal.by === openid) throw new AppError('DRAW_SAME_OFFICIAL');
    if (proposal.seed !== seed) throw new AppError('DRAW_SEED_MISMATCH');
    const tickets = await deps.draws.tickets(draw.id);
    if (ticketsHash(tickets.map((t) => t.ticket)) !== draw.ticketsHash) throw new Error(`draw ${draw.id}: the stored tickets no longer match the sealed hash`);
    const result = drawScheduled(seed, draw.places, tickets);
    const now = deps.now();
    const drawn: Draw = { ...draw, status: 'drawn', seed, seedConfirmedBy: openid, drawnAt: now.getTime() };
    const entry = audited(
      account,
      'draw.confirm',
      { type: 'draw', id: draw.id, label: draw.benefitTitle },
      draw.orgPath,
      { status: 'closed' },
      { status: 'drawn', seed, seedSource: draw.seedSource, ticketsHash: draw.ticketsHash, winners: result.winners.length, waitlist: result.waitlist.length, enteredBy: proposal.by, confirmedBy: openid },
      now,
    );
    if (!(await deps.draws.update(drawn, draw, entry))) return null;
    return { draw: { ...drawn, version: draw.version + 1 }, tickets };
  });
  await settleScheduled(deps, draw, tickets);
  return adminDrawView(deps, draw, openid, deps.now().getTime());
}

/**
 * Reserves each winner's place and marks every ticket (won, lost_no_place, waitlist). Idempotent: a
 * winner's place is requested with its ticket, so running it again after a failure finds the same
 * coupons (scripts or a retry of the confirmation's aftermath may call it again).
 */
export async function settleScheduled(deps: Pick<Deps, 'draws' | 'places'>, draw: Draw, tickets: readonly Ticket[]): Promise<void> {
  const byTicket = new Map(tickets.map((t) => [t.ticket, t]));
  const results = resultsOf(draw, tickets);
  const winners = [...results.winners];
  const work = async (ticket: string) => {
    const t = byTicket.get(ticket)!;
    const placed = await deps.places.reserve({ benefitId: draw.benefitId, memberId: t.memberId, regionCode: t.regionCode, requestId: `draw-${draw.id}-${ticket}` });
    await deps.draws.setOutcome(draw.id, ticket, 'couponId' in placed ? 'won' : 'lost_no_place', 'couponId' in placed ? placed.couponId : null);
  };
  const runners = Array.from({ length: Math.min(RESERVE_CONCURRENCY, winners.length) }, async () => {
    for (let next = winners.shift(); next !== undefined; next = winners.shift()) await work(next);
  });
  await Promise.all(runners);
  for (const ticket of results.waitlist) await deps.draws.setOutcome(draw.id, ticket, 'waitlist', null);
}

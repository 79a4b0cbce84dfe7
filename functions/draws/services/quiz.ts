import type { AttemptResponse, AttemptResultResponse, EntryResponse, MyDrawResponse, TicketOutcome } from '../contracts/draws';
import type { ErrorCode } from '../../kernel/contracts/errors';
import { AppError } from '../../kernel/errors';
import { compactDay, dayOf } from '../domain/days';
import { ruleWins } from '../domain/instant';
import { askedQuestion, pickQuestions, scoreAttempt } from '../domain/quiz';
import { newTicket } from '../domain/tickets';
import type { Attempt, DayCount, Draw, Ticket } from '../domain/types';
import type { Deps } from './ports';
import { toShanghaiIso } from './time';
import { statusAt, ticketView } from './views';

/**
 * Members: the quiz (答题), its pass's draw or entry, and their tickets. The questions go to the phone
 * without answers; the answers are scored here against the copy the attempt drew; an attempt counts
 * when it starts (so one that times out has counted).
 */
export type QuizDeps = Pick<Deps, 'accounts' | 'banks' | 'draws' | 'places' | 'newId' | 'random' | 'now'>;

/** Where a member stands with a draw right now. */
interface Standing {
  draw: Draw;
  memberId: string;
  regionCode: string | null;
  /** The pool a scheduled draw's ticket of theirs goes in (null: none has places for them). */
  pool: string | null;
  day: string;
  count: DayCount;
  entered: boolean;
  refusal: ErrorCode | null;
  /** The refusal's own message (a ban names its end date). */
  message?: string;
}

async function drawOf(deps: Pick<Deps, 'draws'>, id: string): Promise<Draw> {
  const draw = await deps.draws.get(id);
  if (!draw) throw new AppError('NOT_FOUND', { message: '抽签不存在' });
  return draw;
}

async function standing(deps: QuizDeps, openid: string, draw: Draw, forEntry: boolean): Promise<Standing> {
  const now = deps.now().getTime();
  const benefit = await deps.places.benefit(draw.benefitId);
  if (!benefit) throw new AppError('NOT_FOUND', { message: '抽签不存在' });
  const entrant = await deps.places.entrant(openid, benefit);
  if (!entrant) throw new AppError('NOT_BOUND');
  const day = dayOf(now);
  const pool =
    draw.kind === 'instant' ? '*' : entrant.regionCode !== null && draw.places[entrant.regionCode] !== undefined ? entrant.regionCode : draw.places['*'] !== undefined ? '*' : null;
  const [count, mine] = await Promise.all([deps.draws.dayCount(draw.id, day, entrant.memberId), deps.draws.myTickets(draw.id, entrant.memberId)]);
  const entered = draw.kind === 'scheduled' && mine.length > 0;
  let refusal: ErrorCode | null = null;
  if (entrant.refusal === 'NOT_ELIGIBLE' || entrant.refusal === 'NOT_BOUND' || pool === null) refusal = entrant.refusal === 'NOT_BOUND' ? 'NOT_BOUND' : 'NOT_ELIGIBLE';
  else if (entrant.refusal === 'CLAIM_NOT_STARTED' || entrant.refusal === 'CLAIM_ENDED' || entrant.refusal === 'BENEFIT_PAUSED' || statusAt(draw, now) !== 'open') refusal = 'DRAW_NOT_OPEN';
  else if (entrant.refusal === 'BENEFIT_BANNED' || entrant.refusal === 'PAYMENT_LAPSED_TODAY') {
    return { draw, memberId: entrant.memberId, regionCode: entrant.regionCode, pool, day, count, entered, refusal: entrant.refusal, ...(entrant.message ? { message: entrant.message } : {}) };
  } else if (entered) refusal = 'DRAW_ALREADY_ENTERED';
  else if (draw.kind === 'instant' && count.wins >= (draw.winsPerMemberPerDay ?? Infinity)) refusal = 'DRAW_DAILY_WINS_REACHED';
  else if (!forEntry && draw.quiz && count.attempts >= draw.quiz.attemptsPerDay) refusal = 'QUIZ_ATTEMPTS_USED_UP';
  return { draw, memberId: entrant.memberId, regionCode: entrant.regionCode, pool, day, count, entered, refusal };
}

const attemptsLeft = (draw: Draw, count: DayCount) => (draw.quiz ? Math.max(0, draw.quiz.attemptsPerDay - count.attempts) : 0);

/** GET /api/me/draws/{id}: attempts left today, wins today, my tickets and their outcomes. */
export async function myDraw(deps: QuizDeps, openid: string, id: string): Promise<MyDrawResponse> {
  const draw = await drawOf(deps, id);
  const s = await standing(deps, openid, draw, false);
  const tickets = await deps.draws.myTickets(draw.id, s.memberId);
  const states = await deps.places.states(tickets.flatMap((t) => (t.couponId ? [t.couponId] : [])));
  const quiz = draw.quiz;
  return {
    me: {
      drawId: draw.id,
      kind: draw.kind,
      status: statusAt(draw, deps.now().getTime()),
      quiz: quiz ? { questionsPerAttempt: quiz.questionsPerAttempt, passMark: quiz.passMark, attemptsPerDay: quiz.attemptsPerDay, timeLimitSeconds: quiz.timeLimitSeconds } : null,
      attemptsLeft: quiz ? attemptsLeft(draw, s.count) : null,
      winsToday: s.count.wins,
      winsPerMemberPerDay: draw.winsPerMemberPerDay,
      reason: s.refusal,
      tickets: tickets.sort((a, b) => b.at - a.at).map((t) => ticketView(t, states)),
    },
  };
}

/** POST /api/draws/{id}/attempts: a new attempt's questions (no answers), counted at once. */
export async function startAttempt(deps: QuizDeps, openid: string, id: string): Promise<AttemptResponse> {
  const draw = await drawOf(deps, id);
  if (!draw.quiz) throw new AppError('NOT_FOUND', { message: '该抽签无需答题，请直接报名' });
  const s = await standing(deps, openid, draw, false);
  if (s.refusal) throw new AppError(s.refusal, s.message ? { message: s.message } : {});
  const bank = await deps.banks.get(draw.quiz.bankId);
  if (!bank) throw new Error(`draw ${draw.id}: bank ${draw.quiz.bankId} is gone`);
  const now = deps.now().getTime();
  const attempt: Attempt = {
    id: deps.newId(),
    drawId: draw.id,
    memberId: s.memberId,
    day: s.day,
    questions: pickQuestions(bank.questions, draw.quiz.questionsPerAttempt, deps.random),
    passMark: draw.quiz.passMark,
    startedAt: now,
    deadline: now + draw.quiz.timeLimitSeconds * 1000,
    state: 'open',
    right: null,
    answers: null,
    ticket: null,
    submittedAt: null,
  };
  const outcome = await deps.draws.startAttempt(attempt, draw.quiz.attemptsPerDay, draw.kind === 'scheduled');
  if (outcome.kind === 'refused') {
    if (outcome.parts.includes('attempts')) throw new AppError('QUIZ_ATTEMPTS_USED_UP');
    if (outcome.parts.includes('entered')) throw new AppError('DRAW_ALREADY_ENTERED');
    if (outcome.parts.includes('draw')) throw new AppError('DRAW_NOT_OPEN');
    throw new Error(`attempt ${attempt.id}: refused ${outcome.parts.join(',')}`);
  }
  const count = await deps.draws.dayCount(draw.id, s.day, s.memberId);
  return {
    attempt: {
      id: attempt.id,
      drawId: draw.id,
      questions: attempt.questions.map(askedQuestion),
      startedAt: toShanghaiIso(attempt.startedAt),
      deadline: toShanghaiIso(attempt.deadline),
      timeLimitSeconds: draw.quiz.timeLimitSeconds,
      passMark: attempt.passMark,
      attemptsLeft: attemptsLeft(draw, count),
    },
  };
}

/** The answer to a submitted attempt, from what is stored (a resubmission gets the same). */
async function resultOf(deps: QuizDeps, draw: Draw, attempt: Attempt): Promise<AttemptResultResponse> {
  const scored = scoreAttempt(attempt.questions, attempt.answers ?? {}, attempt, attempt.submittedAt ?? Number.MAX_SAFE_INTEGER, attempt.deadline);
  const [count, tickets] = await Promise.all([
    deps.draws.dayCount(draw.id, attempt.day, attempt.memberId),
    attempt.ticket ? deps.draws.myTickets(draw.id, attempt.memberId) : Promise.resolve([] as Ticket[]),
  ]);
  const ticket = tickets.find((t) => t.ticket === attempt.ticket) ?? null;
  const states = await deps.places.states(ticket?.couponId ? [ticket.couponId] : []);
  return {
    result: {
      attemptId: attempt.id,
      outcome: attempt.state === 'open' ? 'timed_out' : attempt.state,
      right: scored.right,
      passMark: attempt.passMark,
      attemptsLeft: attemptsLeft(draw, count),
      review: scored.review,
      ticket: ticket ? ticketView(ticket, states) : null,
    },
  };
}

/** An instant pass: its ticket is drawn at once by the day's committed secret; a win reserves a place. */
async function drawInstant(deps: QuizDeps, draw: Draw, passed: Attempt, regionCode: string | null): Promise<void> {
  const secret = await deps.draws.daySecret(draw.id, passed.day);
  if (!secret) throw new Error(`draw ${draw.id}: no secret for ${passed.day}`);
  for (let tries = 0; tries < 3; tries++) {
    const ticket = `${compactDay(passed.day)}-${newTicket()}`;
    const wins = ruleWins(secret.secret, ticket, secret.winRate);
    let record: Ticket = { drawId: draw.id, ticket, day: passed.day, pool: '*', memberId: passed.memberId, regionCode, attemptId: passed.id, outcome: wins ? 'pending' : 'lost', couponId: null, at: passed.submittedAt! };
    let outcome = await deps.draws.passInstant({ ...passed, ticket }, record, wins ? { maxWins: draw.winsPerMemberPerDay ?? Infinity } : null);
    if (outcome.kind === 'refused' && outcome.parts.includes('wins') && !outcome.parts.includes('attempt')) {
      record = { ...record, outcome: 'lost_daily_limit' };
      outcome = await deps.draws.passInstant({ ...passed, ticket }, record, null);
    }
    if (outcome.kind === 'refused') {
      if (outcome.parts.includes('attempt')) return; // submitted meanwhile by another request: its answer stands
      continue; // the ticket exists already (≈ 2⁻⁵⁰): another one
    }
    if (record.outcome !== 'pending') return;
    const placed = await deps.places.reserve({ benefitId: draw.benefitId, memberId: passed.memberId, regionCode, requestId: `draw-${draw.id}-${ticket}` });
    if ('couponId' in placed) {
      await deps.draws.setOutcome(draw.id, ticket, 'won', placed.couponId);
      return;
    }
    await deps.draws.setOutcome(draw.id, ticket, 'lost_no_place' satisfies TicketOutcome, null);
    await deps.draws.returnWin(draw.id, passed.day, passed.memberId);
    return;
  }
  throw new Error(`draw ${draw.id}: no free ticket after 3 tries`);
}

/** POST /api/quiz-attempts/{id}: scores the answers; a pass draws (instant) or enters (scheduled). */
export async function submitAttempt(deps: QuizDeps, openid: string, attemptId: string, answers: Record<string, number>): Promise<AttemptResultResponse> {
  const attempt = await deps.draws.getAttempt(attemptId);
  const notFound = () => new AppError('NOT_FOUND', { message: '答题记录不存在' });
  if (!attempt) throw notFound();
  const draw = await drawOf(deps, attempt.drawId);
  const benefit = await deps.places.benefit(draw.benefitId);
  const entrant = benefit ? await deps.places.entrant(openid, benefit) : null;
  if (!entrant) throw new AppError('NOT_BOUND');
  if (entrant.memberId !== attempt.memberId) throw notFound();
  if (attempt.state !== 'open') return resultOf(deps, draw, attempt);

  const now = deps.now().getTime();
  const scored = scoreAttempt(attempt.questions, answers, attempt, now, attempt.deadline);
  const done: Attempt = { ...attempt, state: scored.outcome, right: scored.right, answers: { ...answers }, submittedAt: now };
  if (scored.outcome !== 'passed') {
    await deps.draws.finishAttempt(done);
  } else if (draw.kind === 'instant') {
    await drawInstant(deps, draw, done, entrant.regionCode);
  } else {
    const pool = entrant.regionCode !== null && draw.places[entrant.regionCode] !== undefined ? entrant.regionCode : '*';
    const ticket: Ticket = { drawId: draw.id, ticket: newTicket(), day: null, pool, memberId: attempt.memberId, regionCode: entrant.regionCode, attemptId: attempt.id, outcome: 'entered', couponId: null, at: now };
    const outcome = await deps.draws.enter(ticket, { ...done, ticket: ticket.ticket });
    // Entered already, or the entries closed meanwhile: the pass stands, without a ticket.
    if (outcome.kind === 'refused' && !outcome.parts.includes('attempt')) await deps.draws.finishAttempt(done);
  }
  const stored = await deps.draws.getAttempt(attemptId);
  return resultOf(deps, draw, stored ?? done);
}

/** POST /api/draws/{id}/entries: an entry in a scheduled draw that has no quiz. */
export async function enterDraw(deps: QuizDeps, openid: string, id: string): Promise<EntryResponse> {
  const draw = await drawOf(deps, id);
  if (draw.kind !== 'scheduled') throw new AppError('DRAW_STATUS_INVALID', { message: '答题即抽无需报名，请直接答题' });
  if (draw.quiz) throw new AppError('QUIZ_REQUIRED');
  const s = await standing(deps, openid, draw, true);
  if (s.refusal) throw new AppError(s.refusal, s.message ? { message: s.message } : {});
  const ticket: Ticket = { drawId: draw.id, ticket: newTicket(), day: null, pool: s.pool!, memberId: s.memberId, regionCode: s.regionCode, attemptId: null, outcome: 'entered', couponId: null, at: deps.now().getTime() };
  const outcome = await deps.draws.enter(ticket, null);
  if (outcome.kind === 'refused') throw new AppError(outcome.parts.includes('entrant') ? 'DRAW_ALREADY_ENTERED' : 'DRAW_NOT_OPEN');
  return { ticket: ticketView(ticket, new Map()) };
}

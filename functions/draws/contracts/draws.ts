import * as z from 'zod/mini';
import { orgRefSchema } from '../../kernel/contracts/common';
import { contract } from '../../kernel/contracts/contract';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { drawsErrors } from './errors';

/**
 * 答题抽奖 and 报名抽签: question banks (officials), the quiz and the draws on a benefit (members), and
 * the public, log-in-free answer anyone recomputes a draw from (`npm run draw:verify -- <id>`).
 * Instants are ISO-8601 with `+08:00`; activity days are Shanghai dates (YYYY-MM-DD).
 */

// ---------------------------------------------------------------------------------------------
// Question banks (题库), kept by officials

export const QUESTION_LIMITS = { text: 300, option: 100, explanation: 500, minOptions: 2, maxOptions: 6, perRequest: 20, perBank: 500 } as const;

const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`));

export const questionInputSchema = /* @__PURE__ */ contract(() =>
  z
    .strictObject({
      /** Given: replaces that question; absent: a new one. */
      id: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/, '题目编号不正确'))),
      text: text('题目', QUESTION_LIMITS.text),
      options: z
        .array(text('选项', QUESTION_LIMITS.option))
        .check(
          z.minLength(QUESTION_LIMITS.minOptions, `每题至少${QUESTION_LIMITS.minOptions}个选项`),
          z.maxLength(QUESTION_LIMITS.maxOptions, `每题最多${QUESTION_LIMITS.maxOptions}个选项`),
        ),
      /** Index of the right option. */
      correct: z.int({ error: '请选择正确答案' }).check(z.gte(0, '请选择正确答案')),
      explanation: z.string({ error: '解析应为文字' }).check(z.trim(), z.maxLength(QUESTION_LIMITS.explanation, `解析不能超过${QUESTION_LIMITS.explanation}个字`)),
    })
    .check(
      z.refine((q) => q.correct < q.options.length, { message: '正确答案须是选项之一', path: ['correct'] }),
    ),
);
export type QuestionInput = z.infer<typeof questionInputSchema>;

const questionsSchema = /* @__PURE__ */ contract(() =>
  z.array(questionInputSchema).check(z.maxLength(QUESTION_LIMITS.perRequest, `每次最多提交${QUESTION_LIMITS.perRequest}道题，请分批保存`)),
);

/** POST /api/admin/question-banks */
export const createBankRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    orgId: z.string({ error: '请选择题库所属工会' }).check(z.minLength(1, '请选择题库所属工会')),
    title: text('题库名称', 60),
    questions: z.optional(questionsSchema),
  }),
);
export type CreateBankRequest = z.infer<typeof createBankRequest>;

/** POST /api/admin/question-banks/{id}: questions added or replaced (by id), removed, the title, archived (deleted). */
export const updateBankRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    title: z.optional(text('题库名称', 60)),
    upsert: z.optional(questionsSchema),
    remove: z.optional(z.array(z.string()).check(z.maxLength(QUESTION_LIMITS.perBank, '一次删除的题目过多'))),
    /** true: the bank is deleted (kept for the draws that used it, offered to none). */
    archived: z.optional(z.boolean()),
  }),
);
export type UpdateBankRequest = z.infer<typeof updateBankRequest>;

export interface AdminQuestion {
  id: string;
  text: string;
  options: string[];
  correct: number;
  explanation: string;
}

export interface QuestionBank {
  id: string;
  title: string;
  org: z.infer<typeof orgRefSchema>;
  questions: AdminQuestion[];
  archived: boolean;
  updatedAt: string;
}
export interface QuestionBankResponse {
  bank: QuestionBank;
}
export interface QuestionBankListResponse {
  items: Array<Omit<QuestionBank, 'questions'> & { questionCount: number }>;
}

// ---------------------------------------------------------------------------------------------
// A draw on a benefit (officials)

export const DRAW_KINDS = ['instant', 'scheduled'] as const;
export type DrawKind = (typeof DRAW_KINDS)[number];
export const DRAW_STATUSES = ['open', 'closed', 'drawn'] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];

/** A pool: a city's 2-digit region code, or `*` for the rest. */
export const POOL_PATTERN = /^(\d{2}|\*)$/;

export const quizRulesSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    bankId: z.string({ error: '请选择题库' }).check(z.minLength(1, '请选择题库')),
    questionsPerAttempt: z.optional(z.int({ error: '每次题数应为整数' }).check(z.gte(1, '每次至少1道题'), z.lte(50, '每次最多50道题'))),
    passMark: z.optional(z.int({ error: '及格题数应为整数' }).check(z.gte(1, '及格题数至少为1'), z.lte(50, '及格题数过大'))),
    attemptsPerDay: z.optional(z.int({ error: '每日次数应为整数' }).check(z.gte(1, '每日至少1次'), z.lte(50, '每日次数过大'))),
    timeLimitSeconds: z.optional(z.int({ error: '答题时限应为整数（秒）' }).check(z.gte(30, '答题时限至少30秒'), z.lte(3600, '答题时限最多1小时'))),
  }),
);

/**
 * POST /api/admin/benefits/{id}/draw — a draft benefit becomes a quiz and/or draw benefit: members
 * get it only through the draw (direct claims answer DRAW_ONLY). Instant: each pass draws at once
 * (`winRate` per pass, at most `winsPerMemberPerDay` wins a member a day, default 2); the daily
 * secrets of the benefit's window are drawn now and their hashes published. Scheduled: entries
 * during the window, `places` per pool (Σ ≤ stock), `seedSource` naming the public value to come.
 */
export const createDrawRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    kind: z.enum(DRAW_KINDS, { error: '抽签方式只能是 instant（答题即抽）或 scheduled（统一抽签）' }),
    quiz: z.optional(quizRulesSchema),
    winRate: z.optional(z.number({ error: '中签率应为0到1之间的数' }).check(z.gt(0, '中签率应大于0'), z.lte(1, '中签率不能大于1'))),
    winsPerMemberPerDay: z.optional(z.int({ error: '每日中签上限应为整数' }).check(z.gte(1, '每日中签上限至少为1'), z.lte(20, '每日中签上限过大'))),
    places: z.optional(z.record(z.string().check(z.regex(POOL_PATTERN, '名额池应为2位地区代码或 *')), z.int().check(z.gte(0, '名额不能为负数')))),
    seedSource: z.optional(text('开奖号码来源', 200)),
  }),
);
export type CreateDrawRequest = z.infer<typeof createDrawRequest>;

/** POST /api/admin/draws/{id}/seed and …/confirmation: the public value, as the official typed it. */
export const seedRequest = /* @__PURE__ */ contract(() => z.strictObject({ seed: text('开奖号码', 200) }));
export type SeedRequest = z.infer<typeof seedRequest>;

/** What officials see of a draw's operation (the public answer, plus who typed the seed). */
export interface AdminDrawResponse {
  draw: PublicDraw;
  seedProposed: { at: string; byMe: boolean } | null;
}

// ---------------------------------------------------------------------------------------------
// The public answer: GET /api/draws/{id}, without log-in

export interface PublicDraw {
  id: string;
  benefitId: string;
  kind: DrawKind;
  status: DrawStatus;
  /** SHA-256 hex of the sorted tickets joined by "\n" (scheduled, once closed). */
  ticketsHash: string | null;
  /** Which public value the seed is (scheduled), e.g. a named lottery draw's result. */
  seedSource: string | null;
  seed: string | null;
  places: Record<string, number>;
  /** Sorted ascending; scheduled once closed, instant those of days whose secret is published. */
  tickets: Array<{ ticket: string; pool: string }>;
  winners: string[];
  waitlist: string[];
  /** Instant draws: each activity day's win rate, committed hash and (after the day) the secret. */
  days: Array<{ day: string; winRate: number; commitment: string; secret: string | null }>;
  /**
   * The lists come in pages of `size` (PUBLIC_DRAW_PAGE): page `number` of `pages` holds tickets,
   * winners and waitlist each from index number × size on; the totals are the whole lists'.
   * `GET /api/draws/{id}?page=n` answers page n (0 first); the rest of the answer is the same on every
   * page. npm run draw:verify reads every page and recomputes from them. (Optional in the type only
   * for answers made before paging; the server always sends it.)
   */
  page?: { number: number; size: number; pages: number; tickets: number; winners: number; waitlist: number };
}
/** Tickets (and winners, and waitlist entries) per page of the public answer: 100,000 tickets → 5 pages of about 1.3 MB. */
export const PUBLIC_DRAW_PAGE = 20_000;
export const publicDrawQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({ page: z.optional(z.string().check(z.regex(/^\d{1,6}$/, '页码应为从0开始的整数'))) }),
);
export interface PublicDrawResponse {
  draw: PublicDraw;
}

// ---------------------------------------------------------------------------------------------
// Members: the quiz, entries, my tickets

export const TICKET_OUTCOMES = ['entered', 'won', 'waitlist', 'lost', 'lost_daily_limit', 'lost_no_place', 'pending'] as const;
/**
 * entered: in a scheduled draw not drawn yet; won: a place was reserved; waitlist: next in line;
 * lost: the rule said no; lost_daily_limit: the rule said yes but the member had had their wins of
 * the day; lost_no_place: the rule said yes but no place was left; pending: being reserved.
 */
export type TicketOutcome = (typeof TICKET_OUTCOMES)[number];

export interface TicketView {
  ticket: string;
  /** Instant: the activity day (its secret decides); scheduled: null. */
  day: string | null;
  pool: string;
  outcome: TicketOutcome;
  /**
   * The place a win reserved: the coupon of the benefit's stock (`state` awaiting_payment for a
   * priced benefit until paid — the payment work turns it into an order — unused for a free one).
   */
  place: { couponId: string; state: string } | null;
  at: string;
}

export interface MyDrawResponse {
  me: {
    drawId: string;
    kind: DrawKind;
    status: DrawStatus;
    quiz: { questionsPerAttempt: number; passMark: number; attemptsPerDay: number; timeLimitSeconds: number } | null;
    attemptsLeft: number | null;
    winsToday: number;
    winsPerMemberPerDay: number | null;
    /** Why the member cannot take part now (the code a start or entry would get), or null. */
    reason: string | null;
    tickets: TicketView[];
  };
}

export interface AskedQuestion {
  id: string;
  text: string;
  options: string[];
}

/** POST /api/draws/{id}/attempts: the questions, with no answers. */
export interface AttemptResponse {
  attempt: {
    id: string;
    drawId: string;
    questions: AskedQuestion[];
    startedAt: string;
    deadline: string;
    timeLimitSeconds: number;
    passMark: number;
    attemptsLeft: number;
  };
}

/** POST /api/quiz-attempts/{id}: the answers by question id (option index). */
export const submitAttemptRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    answers: z.record(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/)), z.int().check(z.gte(0), z.lte(5))),
  }),
);
export type SubmitAttemptRequest = z.infer<typeof submitAttemptRequest>;

export interface AttemptResultResponse {
  result: {
    attemptId: string;
    outcome: 'passed' | 'failed' | 'timed_out';
    right: number;
    passMark: number;
    attemptsLeft: number;
    review: Array<{ id: string; text: string; options: string[]; chosen: number | null; correct: number; explanation: string }>;
    /** A pass's ticket and its outcome (instant: drawn at once; scheduled: entered). */
    ticket: TicketView | null;
  };
}

export interface EntryResponse {
  ticket: TicketView;
}

// ---------------------------------------------------------------------------------------------
// Endpoints

const E = drawsErrors;

export const adminQuestionBanksList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminQuestionBanksList',
    method: 'GET',
    path: '/api/admin/question-banks',
    auth: 'official',
    response: returns<QuestionBankListResponse>(),
    errors: E('FORBIDDEN'),
  }),
);

export const adminQuestionBanksCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminQuestionBanksCreate',
    method: 'POST',
    path: '/api/admin/question-banks',
    auth: 'official',
    request: { body: createBankRequest },
    response: returns<QuestionBankResponse>(),
    errors: E('FORBIDDEN', 'NOT_FOUND'),
  }),
);

export const adminQuestionBanksGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminQuestionBanksGet',
    method: 'GET',
    path: '/api/admin/question-banks/{id}',
    auth: 'official',
    response: returns<QuestionBankResponse>(),
    errors: E('FORBIDDEN'),
  }),
);

export const adminQuestionBanksUpdate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminQuestionBanksUpdate',
    method: 'POST',
    path: '/api/admin/question-banks/{id}',
    auth: 'official',
    request: { body: updateBankRequest },
    response: returns<QuestionBankResponse>(),
    errors: E('FORBIDDEN'),
  }),
);

export const adminDrawsCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminDrawsCreate',
    method: 'POST',
    path: '/api/admin/benefits/{id}/draw',
    auth: 'official',
    request: { body: createDrawRequest },
    response: returns<AdminDrawResponse>(),
    errors: E('FORBIDDEN', 'DRAW_EXISTS', 'DRAW_BENEFIT_NOT_DRAFT', 'QUIZ_BANK_TOO_SMALL'),
  }),
);

/** The draw as its operators see it: the public answer and whether a seed waits for a second official. */
export const adminDrawsGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminDrawsGet',
    method: 'GET',
    path: '/api/admin/draws/{id}',
    auth: 'official',
    response: returns<AdminDrawResponse>(),
    errors: E('FORBIDDEN'),
  }),
);

export const adminDrawsClose = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminDrawsClose',
    method: 'POST',
    path: '/api/admin/draws/{id}/close',
    auth: 'official',
    response: returns<AdminDrawResponse>(),
    errors: E('FORBIDDEN', 'DRAW_STATUS_INVALID', 'DRAW_ENTRIES_STILL_OPEN'),
  }),
);

export const adminDrawsSeed = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminDrawsSeed',
    method: 'POST',
    path: '/api/admin/draws/{id}/seed',
    auth: 'official',
    request: { body: seedRequest },
    response: returns<AdminDrawResponse>(),
    errors: E('FORBIDDEN', 'DRAW_STATUS_INVALID'),
  }),
);

export const adminDrawsConfirm = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminDrawsConfirm',
    method: 'POST',
    path: '/api/admin/draws/{id}/confirmation',
    auth: 'official',
    request: { body: seedRequest },
    response: returns<AdminDrawResponse>(),
    errors: E('FORBIDDEN', 'DRAW_STATUS_INVALID', 'DRAW_SEED_NOT_PROPOSED', 'DRAW_SEED_MISMATCH', 'DRAW_SAME_OFFICIAL'),
  }),
);

export const drawsGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'drawsGet',
    method: 'GET',
    path: '/api/draws/{id}',
    auth: 'public',
    request: { query: publicDrawQuery },
    response: returns<PublicDrawResponse>(),
    errors: [],
  }),
);

export const meDrawGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'meDrawGet',
    method: 'GET',
    path: '/api/me/draws/{id}',
    auth: 'member',
    response: returns<MyDrawResponse>(),
    errors: E('NOT_BOUND'),
  }),
);

export const quizAttemptsCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'quizAttemptsCreate',
    method: 'POST',
    path: '/api/draws/{id}/attempts',
    auth: 'member',
    response: returns<AttemptResponse>(),
    errors: E('NOT_BOUND', 'NOT_ELIGIBLE', 'DRAW_NOT_OPEN', 'QUIZ_ATTEMPTS_USED_UP', 'DRAW_DAILY_WINS_REACHED', 'DRAW_ALREADY_ENTERED', 'BENEFIT_BANNED', 'PAYMENT_LAPSED_TODAY'),
  }),
);

export const quizAttemptsSubmit = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'quizAttemptsSubmit',
    method: 'POST',
    path: '/api/quiz-attempts/{id}',
    auth: 'member',
    request: { body: submitAttemptRequest },
    response: returns<AttemptResultResponse>(),
    errors: E('NOT_BOUND'),
  }),
);

export const drawEntriesCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'drawEntriesCreate',
    method: 'POST',
    path: '/api/draws/{id}/entries',
    auth: 'member',
    response: returns<EntryResponse>(),
    errors: E('NOT_BOUND', 'NOT_ELIGIBLE', 'DRAW_NOT_OPEN', 'QUIZ_REQUIRED', 'DRAW_ALREADY_ENTERED', 'DRAW_STATUS_INVALID', 'BENEFIT_BANNED', 'PAYMENT_LAPSED_TODAY'),
  }),
);

/**
 * The quiz in front of a draw (答题): an attempt draws `questionsPerAttempt` questions from the bank,
 * is answered in one go within the time limit, and passes with at least `passMark` right. Attempts
 * are counted when they start, so one that runs out of time has counted already; answers that come
 * after the deadline (a few seconds' grace for the network) score nothing.
 */

export interface Question {
  id: string;
  text: string;
  /** 2–6 options. */
  options: string[];
  /** Index of the right option: never sent to the phone before the attempt is over. */
  correct: number;
  explanation: string;
}

export interface QuizRules {
  questionsPerAttempt: number;
  passMark: number;
  attemptsPerDay: number;
  timeLimitSeconds: number;
}

export const DEFAULT_QUIZ_RULES: QuizRules = { questionsPerAttempt: 6, passMark: 4, attemptsPerDay: 6, timeLimitSeconds: 300 };

/** Answers may arrive this long after the deadline (the phone's clock and the network). */
export const ANSWER_GRACE_MS = 5_000;

/** `n` distinct questions in random order (a partial Fisher–Yates shuffle). */
export function pickQuestions<Q>(bank: readonly Q[], n: number, random: () => number): Q[] {
  const pool = [...bank];
  const count = Math.min(n, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/** A question as the phone gets it before answering. */
export function askedQuestion(q: Question): { id: string; text: string; options: string[] } {
  return { id: q.id, text: q.text, options: [...q.options] };
}

export type AttemptOutcome = 'passed' | 'failed' | 'timed_out';

export interface ScoredAttempt {
  outcome: AttemptOutcome;
  right: number;
  /** Per question: the chosen option (null: none), the right one, and why. */
  review: Array<{ id: string; text: string; options: string[]; chosen: number | null; correct: number; explanation: string }>;
}

/** Scores answers (by question id) given at `now` to an attempt due at `deadline`. */
export function scoreAttempt(
  questions: readonly Question[],
  answers: Readonly<Record<string, number>>,
  rules: Pick<QuizRules, 'passMark'>,
  now: number,
  deadline: number,
): ScoredAttempt {
  const late = now > deadline + ANSWER_GRACE_MS;
  const review = questions.map((q) => {
    const given = answers[q.id];
    const chosen = !late && given !== undefined && Number.isInteger(given) && given >= 0 && given < q.options.length ? given : null;
    return { id: q.id, text: q.text, options: [...q.options], chosen, correct: q.correct, explanation: q.explanation };
  });
  const right = review.filter((r) => r.chosen === r.correct).length;
  const outcome: AttemptOutcome = late ? 'timed_out' : right >= rules.passMark ? 'passed' : 'failed';
  return { outcome, right, review };
}

/** Checks a bank's questions against quiz rules: the problem in Chinese, or null. */
export function rulesProblem(rules: QuizRules, questionCount: number): string | null {
  if (questionCount < rules.questionsPerAttempt) return `题库只有${questionCount}道题，少于每次抽取的${rules.questionsPerAttempt}道`;
  if (rules.passMark > rules.questionsPerAttempt) return '及格题数不能多于每次抽取的题数';
  return null;
}

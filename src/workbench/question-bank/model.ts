import { questionInputSchema, QUESTION_LIMITS, type AdminQuestion, type QuestionInput } from '../../../functions/draws/contracts/draws';

/** A question as the official edits it: text, 2–6 options, the right one, an explanation. */
export interface QuestionDraft {
  /** The stored question's id; absent for a new one. */
  id?: string;
  text: string;
  options: string[];
  correct: number | null;
  explanation: string;
}

export const emptyQuestion = (): QuestionDraft => ({ text: '', options: ['', ''], correct: null, explanation: '' });

export const draftOf = (q: AdminQuestion): QuestionDraft => ({ id: q.id, text: q.text, options: [...q.options], correct: q.correct, explanation: q.explanation });

export const canAddOption = (d: QuestionDraft) => d.options.length < QUESTION_LIMITS.maxOptions;
export const canRemoveOption = (d: QuestionDraft) => d.options.length > QUESTION_LIMITS.minOptions;

/** An option removed: the right answer follows its option (or is cleared when it was that one). */
export function withoutOption(d: QuestionDraft, index: number): QuestionDraft {
  if (!canRemoveOption(d)) return d;
  const correct = d.correct === null || d.correct === index ? null : d.correct > index ? d.correct - 1 : d.correct;
  return { ...d, options: d.options.filter((_, i) => i !== index), correct };
}

/** The draft → the request's question, or the first problem in the contract's words. */
export function checkQuestion(d: QuestionDraft): { ok: true; question: QuestionInput } | { ok: false; message: string } {
  if (d.correct === null) return { ok: false, message: '请选择正确答案' };
  const parsed = questionInputSchema.safeParse({ ...(d.id ? { id: d.id } : {}), text: d.text, options: d.options, correct: d.correct, explanation: d.explanation });
  return parsed.success ? { ok: true, question: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? '请检查题目' };
}

export const OPTION_LETTERS = 'ABCDEF';

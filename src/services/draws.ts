import {
  drawsGet,
  meDrawGet,
  quizAttemptsCreate,
  quizAttemptsSubmit,
  type AttemptResponse,
  type AttemptResultResponse,
  type MyDrawResponse,
  type PublicDrawResponse,
} from '../../functions/draws/contracts/draws';
import { call } from './request';

/** One function per 答题抽奖 / 抽签 endpoint a member calls, each through its declaration (functions/draws/contracts). */

/** Public: no log-in needed. */
export function getDraw(drawId: string): Promise<PublicDrawResponse> {
  return call(drawsGet, { params: { id: drawId } });
}

export function getMyDraw(drawId: string): Promise<MyDrawResponse> {
  return call(meDrawGet, { params: { id: drawId } });
}

export function startAttempt(drawId: string): Promise<AttemptResponse> {
  return call(quizAttemptsCreate, { params: { id: drawId } });
}

export function submitAttempt(attemptId: string, answers: Record<string, number>): Promise<AttemptResultResponse> {
  return call(quizAttemptsSubmit, { params: { id: attemptId }, body: { answers } });
}

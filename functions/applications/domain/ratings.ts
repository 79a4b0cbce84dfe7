import { AppError } from '../../kernel/errors';
import { FOLLOW_UP_WORKING_DAYS, type RatingLevel } from '../contracts/applications';
import { changed, entry, noticeOf, type Clock } from './engine';
import { isBadRating, levelField, monthOf, type Feedback } from './satisfaction';
import type { Actor, Application, FollowUp, Rating, Step } from './types';
import { addWorkingDays, shanghaiDate } from './working-days';

/**
 * Rating a closed application (政务服务"好差评"): by its applicant, once ("一次一评、一事一评"), when
 * it was approved or rejected. A 差评 (不满意, 非常不满意) opens a 回访 for the union of the last
 * decided step, due on the last of FOLLOW_UP_WORKING_DAYS working days.
 */

/** The step whose decision closed the application (the last approved or rejected one); null unless closed by a decision. */
export function decidingStep(app: Application): Step | null {
  if (app.status !== 'approved' && app.status !== 'rejected') return null;
  return app.steps.findLast((s) => s.status === 'approved' || s.status === 'rejected') ?? null;
}

/** Why `actor` may not rate the application now; null when they may. */
export function ratingRefusal(app: Application, actor: Actor): AppError | null {
  if (app.applicant.openid !== actor.openid) return new AppError('FORBIDDEN', { message: '只有申请人本人可以评价' });
  if (app.rating) return new AppError('ALREADY_RATED');
  if (app.status === 'cancelled') return new AppError('NOT_RATABLE', { message: '已撤回的申请不能评价' });
  if (!decidingStep(app)) return new AppError('NOT_RATABLE');
  return null;
}

export const canRate = (app: Application, actor: Actor): boolean => ratingRefusal(app, actor) === null;

export interface RatingInput {
  level: RatingLevel;
  /** '' for none. */
  comment: string;
}

/** The rating as one write: the application rated (with a 回访 when bad), its notice, the counters. */
export function rate(app: Application, actor: Actor, input: RatingInput, clock: Clock): Feedback {
  const refusal = ratingRefusal(app, actor);
  if (refusal) throw refusal;
  const step = decidingStep(app) as Step;
  const at = clock.now.toISOString();
  const rating: Rating = { level: input.level, comment: input.comment === '' ? null : input.comment, at, month: monthOf(clock.now) };
  const followUp: FollowUp | null = isBadRating(input.level)
    ? {
        org: step.org,
        status: 'open',
        openedAt: at,
        dueDate: addWorkingDays(shanghaiDate(clock.now), FOLLOW_UP_WORKING_DAYS, clock.calendar),
        note: null,
        doneAt: null,
        doneBy: null,
        doneAs: null,
        doneByOrg: null,
        onTime: null,
      }
    : null;
  const event = entry(clock, { action: 'rated', by: actor.openid, role: 'applicant', org: null, stepId: null, comment: rating.comment });
  const after = changed(app, clock, { rating, followUp }, event);
  return {
    after,
    // A 差评 waits for the union's officials now (the sender tells them), as an open step does.
    notice: { ...noticeOf(after), reviewerOrgId: followUp?.org.id ?? null },
    counters: { orgIds: step.org.path, kind: app.kind, month: rating.month, add: { [levelField(input.level)]: 1 } },
    openFollowUp: followUp ? { applicationId: app.id, orgIds: followUp.org.path, dueDate: followUp.dueDate } : null,
    closeFollowUp: null,
  };
}

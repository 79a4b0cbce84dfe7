import { AppError } from '../../kernel/errors';
import { authorityOver, changed, entry, noticeOf, type Authority, type Clock } from './engine';
import type { Feedback } from './satisfaction';
import type { Actor, Application, FollowUp } from './types';
import { shanghaiDate } from './working-days';

/**
 * The 回访 of a 差评: the union of the last decided step (or an org above it, or an admin) records
 * what it verified, what it did and how it answered the member — once. Recorded on or before its
 * due date it counts as on time. Past its due date while still open it is overdue (the scheduler
 * escalates it).
 */

/** Open past its last working day. */
export function isFollowUpOverdue(followUp: FollowUp, now: Date): boolean {
  return followUp.status === 'open' && shanghaiDate(now) > followUp.dueDate;
}

/**
 * Checks that `actor` may record the application's 回访 now; answers how they are entitled (as
 * authorityOver does for a step: the nearest org they act for, or admin).
 */
export function checkFollowUp(app: Application, actor: Actor) {
  const followUp = app.followUp;
  if (app.applicant.openid === actor.openid) throw new AppError('FORBIDDEN', { message: '申请人不能为自己的评价登记回访' });
  if (!followUp) throw new AppError('NO_FOLLOW_UP');
  const authority = authorityOver(actor, followUp);
  if (!authority) throw new AppError('FORBIDDEN', { message: '只有作出办理决定的工会或其上级工会的工作人员可以登记回访' });
  if (followUp.status !== 'open') throw new AppError('FOLLOW_UP_ALREADY_DONE');
  return { followUp, authority };
}

/** Whether `actor` may record the 回访 now (for the view's `can`). */
export function mayFollowUp(app: Application, actor: Actor): boolean {
  return (
    app.followUp?.status === 'open' && app.applicant.openid !== actor.openid && authorityOver(actor, app.followUp) !== null
  );
}

/** The 回访 recorded: closed with the note, on time or not, counted in the rating's month. */
export function recordFollowUp(app: Application, actor: Actor, authority: Authority, note: string, clock: Clock): Feedback {
  const { followUp } = checkFollowUp(app, actor);
  const onTime = shanghaiDate(clock.now) <= followUp.dueDate;
  const done: FollowUp = {
    ...followUp,
    status: 'done',
    note,
    doneAt: clock.now.toISOString(),
    doneBy: actor.openid,
    doneAs: authority.as,
    doneByOrg: authority.org,
    onTime,
  };
  const event = entry(clock, { action: 'followed-up', by: actor.openid, role: authority.as, org: authority.org, stepId: null, comment: note });
  const after = changed(app, clock, { followUp: done }, event);
  const month = app.rating?.month;
  if (!month) throw new Error(`application ${app.id} has a follow-up but no rating`);
  return {
    after,
    notice: noticeOf(after),
    counters: { orgIds: followUp.org.path, kind: app.kind, month, add: onTime ? { followedUp: 1, followedUpOnTime: 1 } : { followedUp: 1 } },
    openFollowUp: null,
    closeFollowUp: { applicationId: app.id, orgIds: followUp.org.path, dueDate: followUp.dueDate },
  };
}

import type { ApplicationResponse, RatingRequest } from '../contracts/applications';
import { withRereads } from '../../kernel/data/retry';
import { AppError } from '../../kernel/errors';
import { rate } from '../domain/ratings';
import { actorOf, clockOf } from './people';
import type { SatisfactionDeps } from './ports';
import { present, readable } from './reading';
import { CHANGE_ATTEMPTS } from './submit';

export type FeedbackDeps = Pick<SatisfactionDeps, 'accounts' | 'orgs' | 'applications' | 'calendar' | 'idCrypto' | 'now' | 'satisfaction'>;

/**
 * POST /api/applications/{id}/rating: the applicant rates their approved or rejected application,
 * once. One transaction writes the rating (only if the application is unchanged since read), the
 * counters of the deciding union and every org above it, and — for a 差评 — the open 回访. Of two
 * ratings sent at once one is written; the other reads again and gets ALREADY_RATED.
 */
export async function rateApplication(deps: FeedbackDeps, openid: string, id: string, request: RatingRequest): Promise<ApplicationResponse> {
  const { actor } = await actorOf(deps, openid);
  return withRereads(CHANGE_ATTEMPTS, async () => {
    const app = await readable(deps, actor, id);
    const feedback = rate(app, actor, { level: request.level, comment: request.comment ?? '' }, await clockOf(deps));
    if ((await deps.satisfaction.commit(app, feedback)) === 'changed') return 'changed';
    return present(deps, feedback.after, actor);
  }, () => new AppError('ALREADY_RATED'));
}

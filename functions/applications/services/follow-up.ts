import type { ApplicationListResponse, ApplicationResponse, FollowUpRequest, QueueQuery } from '../contracts/applications';
import { withRereads } from '../../kernel/data/retry';
import { AppError } from '../../kernel/errors';
import { checkFollowUp, recordFollowUp } from '../domain/follow-up';
import type { Application, FollowUp } from '../domain/types';
import { followUpAudit } from './audit';
import { actorOf, clockOf } from './people';
import type { SatisfactionDeps } from './ports';
import { LIST_LIMIT, listQueue, present, readable, subtreeRoots, type ReadingDeps } from './reading';
import type { FeedbackDeps } from './ratings';
import { CHANGE_ATTEMPTS } from './submit';
import { summaryView } from './views';

/**
 * POST /api/applications/{id}/follow-up {note}: an official of the union the 回访 is for, of an org
 * above it, or an admin records it — once (FOLLOW_UP_ALREADY_DONE for the second). Written with
 * the counters (回访 done, on time) of the rating's month and the open-回访 entries removed.
 */
export async function followUpApplication(deps: FeedbackDeps, openid: string, id: string, note: FollowUpRequest['note']): Promise<ApplicationResponse> {
  const { actor } = await actorOf(deps, openid);
  return withRereads(CHANGE_ATTEMPTS, async () => {
    const app = await readable(deps, actor, id);
    const { authority } = checkFollowUp(app, actor);
    const by = authority.orgId ? (await deps.orgs.getMany([authority.orgId])).get(authority.orgId) : undefined;
    const feedback = recordFollowUp(app, actor, { as: authority.as, org: by ? { id: by.id, name: by.name } : null }, note, await clockOf(deps));
    if ((await deps.satisfaction.commit(app, feedback, followUpAudit(actor, app, feedback.after))) === 'changed') return 'changed';
    return present(deps, feedback.after, actor);
  }, () => new AppError('FOLLOW_UP_ALREADY_DONE'));
}

type QueueDeps = ReadingDeps & Pick<SatisfactionDeps, 'satisfaction'>;

/**
 * GET /api/admin/applications?followUp=open: the applications of the official's subtree whose 回访 is
 * open, the earliest due first (so the overdue ones first): one query of each root org's open-回访
 * entries and one batch read of those applications. No scan.
 */
export async function listFollowUpQueue(deps: QueueDeps, openid: string, query: QueueQuery): Promise<ApplicationListResponse> {
  const { account } = await actorOf(deps, openid);
  const roots = await subtreeRoots(deps, account, '只有工会工作人员可以查看待回访的申请');
  const entries = (await Promise.all(roots.map((o) => deps.satisfaction.openFollowUps(o.id, { limit: LIST_LIMIT })))).flat();
  const apps = await deps.satisfaction.getMany(entries.map((e) => e.applicationId));
  const open = (a: Application): a is Application & { followUp: FollowUp } => a.followUp?.status === 'open';
  const now = deps.now();
  return {
    items: apps
      .filter(open)
      .filter((a) => (!query.status || a.status === query.status) && (!query.kind || a.kind === query.kind))
      .sort((a, b) => a.followUp.dueDate.localeCompare(b.followUp.dueDate) || a.createdAt.localeCompare(b.createdAt))
      .slice(0, LIST_LIMIT)
      .map((a) => summaryView(a, now)),
  };
}

/** GET /api/admin/applications: the review queue, or with `followUp=open` the 回访 queue. */
export function listOfficialQueue(deps: QueueDeps, openid: string, query: QueueQuery): Promise<ApplicationListResponse> {
  return query.followUp === 'open' ? listFollowUpQueue(deps, openid, query) : listQueue(deps, openid, query);
}

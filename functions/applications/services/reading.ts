import type { ApplicationListResponse, ApplicationResponse, QueueQuery } from '../contracts/applications';
import { AppError } from '../../kernel/errors';
import type { Account, Org } from '../../membership';
import { canRead, isOverdue, NO_RECUSAL, openStepOf, type Recusal } from '../domain/engine';
import type { Actor, Application } from '../domain/types';
import { actorOf } from './people';
import type { Deps } from './ports';
import { recusalOf } from './recusal';
import { applicationView, summaryView } from './views';

export type ReadingDeps = Pick<Deps, 'accounts' | 'orgs' | 'directory' | 'applications' | 'idCrypto' | 'now'>;

/** How many applications a list answers with at most. */
export const LIST_LIMIT = 200;

/** An application the actor may read; NOT_FOUND when absent and when they may not (no hint it exists). */
export async function readable(deps: Pick<Deps, 'applications'>, actor: Actor, id: string): Promise<Application> {
  const app = await deps.applications.get(id);
  if (!app || !canRead(app, actor)) throw new AppError('NOT_FOUND', { message: '该申请不存在' });
  return app;
}

/**
 * The whole application as the API answers it (a join's birth date read back from its ID number; a
 * subsidy's proof images as short-lived URLs and its payout as the payouts table has it — every
 * production Deps has `proofs` and `campaigns`, the use cases that do not declare them still get
 * them at run time).
 */
export async function present(
  deps: Pick<Deps, 'idCrypto' | 'now'> & Partial<Pick<Deps, 'proofs' | 'campaigns'>>,
  app: Application,
  actor: Actor,
  recusal: Recusal = NO_RECUSAL,
): Promise<ApplicationResponse> {
  const id = app.form.kind === 'join' ? deps.idCrypto.decrypt(app.form.idCipher, app.id) : null;
  const birthDate = id ? `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` : null;
  const proofUrls = app.form.kind === 'subsidy' && deps.proofs ? await deps.proofs.viewUrls(app.form.proofKeys) : [];
  // An approved 补贴's payout as it stands now (batched, paid, failed), not the copy the approval kept.
  const payout =
    app.form.kind === 'subsidy' && app.form.payout !== null && app.applicant.memberId && deps.campaigns
      ? await deps.campaigns.payout(app.form.campaignId, app.applicant.memberId)
      : null;
  return { application: applicationView(app, actor, deps.now(), birthDate, proofUrls, recusal, payout) };
}

/** GET /api/applications/{id}: the applicant, officials of the orgs on its steps and above, admins. */
export async function getApplication(deps: ReadingDeps & Pick<Deps, 'officials'>, openid: string, id: string): Promise<ApplicationResponse> {
  const { actor } = await actorOf(deps, openid);
  const app = await readable(deps, actor, id);
  // `can.decide` as a decision would be judged: the recused (the applicant's granter, their orgs) get none.
  const deciding = app.status === 'pending' && actor.roles.some((r) => r.type === 'official' || r.type === 'admin');
  return present(deps, app, actor, deciding ? await recusalOf(deps, app) : NO_RECUSAL);
}

/** GET /api/me/applications: the account's own, newest first. */
export async function listMyApplications(deps: ReadingDeps, openid: string): Promise<ApplicationListResponse> {
  await actorOf(deps, openid);
  const now = deps.now();
  return { items: (await deps.applications.listByApplicant(openid, LIST_LIMIT)).map((a) => summaryView(a, now)) };
}

/** Pending: overdue first (the longest overdue first), then the oldest. Closed: the newest first. */
export function queueOrder(status: Application['status'], now: Date) {
  return (a: Application, b: Application): number => {
    if (status !== 'pending') return b.createdAt.localeCompare(a.createdAt);
    const [sa, sb] = [openStepOf(a), openStepOf(b)];
    const [oa, ob] = [sa !== null && isOverdue(sa, now), sb !== null && isOverdue(sb, now)];
    if (oa !== ob) return oa ? -1 : 1;
    if (oa && ob) return (sa?.dueDate ?? '').localeCompare(sb?.dueDate ?? '') || a.createdAt.localeCompare(b.createdAt);
    return a.createdAt.localeCompare(b.createdAt);
  };
}

/**
 * The orgs whose subtrees an account oversees: the orgs of its official roles (one inside another's
 * subtree adds nothing and is left out), for an admin the province federations. FORBIDDEN with
 * `refusal` for anybody else.
 */
export async function subtreeRoots(deps: Pick<Deps, 'orgs' | 'directory'>, account: Account, refusal: string): Promise<Org[]> {
  const officialOrgIds = account.roles.flatMap((r) => (r.type === 'official' ? [r.orgId] : []));
  const isAdmin = account.roles.some((r) => r.type === 'admin');
  if (!isAdmin && officialOrgIds.length === 0) throw new AppError('FORBIDDEN', { message: refusal });
  const roots = isAdmin ? await deps.directory.listByKind('province') : [...(await deps.orgs.getMany(officialOrgIds)).values()];
  return roots.filter((o) => !roots.some((q) => q !== o && q.path.length < o.path.length && o.path.includes(q.id)));
}

/**
 * GET /api/admin/applications?status=&kind=: what is filed under the official's subtree (one index
 * query per official role; an admin's roots are the province federations). No scan.
 */
export async function listQueue(deps: ReadingDeps, openid: string, query: QueueQuery): Promise<ApplicationListResponse> {
  const { account } = await actorOf(deps, openid);
  const paths = (await subtreeRoots(deps, account, '只有工会工作人员可以查看待办申请')).map((o) => o.path);
  const status = query.status ?? 'pending';
  const lists = await Promise.all(paths.map((p) => deps.applications.listForSubtree(p, status, query.kind ?? null, LIST_LIMIT)));
  const byId = new Map(lists.flat().map((a) => [a.id, a]));
  const now = deps.now();
  return { items: [...byId.values()].sort(queueOrder(status, now)).slice(0, LIST_LIMIT).map((a) => summaryView(a, now)) };
}

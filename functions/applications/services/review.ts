import type { ApplicationResponse, DecisionRequest } from '../contracts/applications';
import { withRereads } from '../../kernel/data/retry';
import { AppError } from '../../kernel/errors';
import { log } from '../../kernel/logger';
import { regionCodeFor } from '../../membership';
import { cancel, checkDecision, decide, noticeOf, type Authority } from '../domain/engine';
import { openGuards, requireGrassroots, type Guard } from '../domain/kinds';
import type { Application, Step } from '../domain/types';
import { decisionAudit } from './audit';
import { orgOnStep } from './orgs';
import { actorOf, clockOf } from './people';
import type { ChangePart, CommitOutcome, Deps, Effect } from './ports';
import { present, readable } from './reading';
import { recusalOf } from './recusal';
import { CHANGE_ATTEMPTS } from './submit';

export type ReviewDeps = Pick<Deps, 'accounts' | 'roster' | 'orgs' | 'applications' | 'calendar' | 'idCrypto' | 'proofs' | 'officials' | 'newId' | 'now'>;


const refusedBy = (outcome: CommitOutcome, part: ChangePart) => outcome.kind === 'refused' && outcome.parts.includes(part);

/**
 * A transfer accepted: the member moves from the union they filed it in to the target. When the
 * card region changes (海口 01 → 三亚 02 …) the card the member holds is retired: the next read of
 * the card issues one of the new region and the old number goes to the member's card history.
 */
async function transferEffect(deps: ReviewDeps, app: Application): Promise<Effect> {
  if (app.form.kind !== 'transfer' || !app.applicant.memberId) throw new Error(`application ${app.id} is not a transfer`);
  const { fromOrgId, toOrgId } = app.form;
  const member = await deps.roster.get(app.applicant.memberId);
  if (!member || member.orgId !== fromOrgId) throw new AppError('APPLICATION_STALE');
  const ends = await deps.orgs.getMany([fromOrgId, toOrgId]);
  const [from, to] = [ends.get(fromOrgId), ends.get(toOrgId)];
  if (!from || !to) throw new AppError('APPLICATION_STALE');
  const tree = await deps.orgs.getMany([...from.path, ...to.path]);
  const heldRegion = member.cardNumber ? member.cardNumber.slice(2, 4) : regionCodeFor(from.path, tree);
  const changes = heldRegion !== regionCodeFor(to.path, tree);
  return {
    type: 'move-member',
    memberId: member.id,
    fromOrgId,
    toOrgId,
    retireCard: changes ? { number: member.cardNumber, issuedAt: member.cardIssuedAt } : null,
  };
}

/** A join approved: the applicant enters the roster of the union that approved it (ID encrypted by membership). */
const alreadyMember = () => new AppError('ALREADY_MEMBER', { message: '申请人已在会员名册中，无需重复入会；请驳回并告知其直接进行会员实名绑定' });

async function joinEffect(deps: ReviewDeps, app: Application, step: Step): Promise<Effect> {
  if (app.form.kind !== 'join') throw new Error(`application ${app.id} is not a join`);
  if (await deps.roster.findIdByIdHash(app.form.idHash)) throw alreadyMember();
  return {
    type: 'add-member',
    memberId: deps.newId(),
    name: app.form.name,
    idNumber: deps.idCrypto.decrypt(app.form.idCipher, app.id),
    phone: app.form.mobile,
    orgId: step.org.id,
  };
}

/**
 * A 补贴 approved: the payout of its amount for this member and campaign, one place taken from the
 * pool recorded at submission; the application keeps a copy of the payout. Both in the decision's
 * transaction, with the `subsidy-paid` guard that refuses any later application of the campaign.
 */
function subsidyEffect(app: Application, after: Application): { effect: Effect; after: Application; paid: Guard } {
  if (app.form.kind !== 'subsidy' || !app.applicant.memberId) throw new Error(`application ${app.id} is not a subsidy`);
  const { campaignId, amountFen, regionCode, pool } = app.form;
  const memberId = app.applicant.memberId;
  // The card given at filing, paid under the applicant's roster name (the bank checks the two agree).
  const payee = app.form.payee ? { name: app.applicant.name, ...app.form.payee } : null;
  return {
    effect: { type: 'record-payout', campaignId, memberId, applicationId: app.id, amountFen, regionCode, pool, payee },
    after: { ...after, form: { ...app.form, payout: { status: 'pending', amountFen, createdAt: after.updatedAt } } },
    paid: { type: 'subsidy-paid', campaignId, memberId },
  };
}

/** What a refused decision means, once the application was found unchanged (or changed). */
function decisionRefusal(outcome: CommitOutcome, app: Application): AppError | null {
  if (refusedBy(outcome, 'application')) return null; // changed meanwhile: decide again on what is there now
  if (refusedBy(outcome, 'payout') || (app.kind === 'subsidy' && refusedBy(outcome, 'claim'))) {
    return new AppError('SUBSIDY_ALREADY_PAID', { message: '该会员已领取过本活动的补贴（每人每个活动一次），请驳回该申请' });
  }
  if (refusedBy(outcome, 'quota')) return new AppError('SUBSIDY_QUOTA_EXHAUSTED');
  if (refusedBy(outcome, 'phone')) return new AppError('APPLICANT_PHONE_IN_USE');
  // The ID guard: the ID number entered the roster since it was read (an import, another join).
  if (refusedBy(outcome, 'id')) return alreadyMember();
  if (refusedBy(outcome, 'claim')) return new AppError('ALREADY_MEMBER', { message: '该身份证号的入会申请已经通过' });
  log.warn('application decision refused by the roster or a guard', { applicationId: app.id, parts: outcome.kind === 'refused' ? outcome.parts : [] });
  return new AppError('APPLICATION_STALE');
}

/**
 * POST /api/applications/{id}/decisions: one transaction, written only if the step is still open
 * and the application unchanged; the effect of the last approval and the outbox notice go with it.
 * Of two officials deciding at once, one wins and the other gets ALREADY_DECIDED.
 */
export async function decideApplication(deps: ReviewDeps, openid: string, id: string, request: DecisionRequest): Promise<ApplicationResponse> {
  const { actor } = await actorOf(deps, openid);
  const comment = request.comment ?? '';
  return withRereads(CHANGE_ATTEMPTS, async (attempt) => {
    // A member moved, or a roster guard taken, by a decision that won a race on this same
    // application reads as stale here: read the application again once more, and the loser then
    // hears ALREADY_DECIDED; stale on the last attempt, it is stale indeed.
    const staleOrReread = (error: AppError) => (attempt < CHANGE_ATTEMPTS ? ('changed' as const) : error);
    const app = await deps.applications.get(id);
    if (!app) throw new AppError('NOT_FOUND', { message: '该申请不存在' });
    const recusal = await recusalOf(deps, app);
    const { step, authority } = checkDecision(app, { stepId: request.step, decision: request.decision, comment, toOrgId: request.toOrgId ?? null }, actor, recusal);
    const named = await deps.orgs.getMany([...(authority.orgId ? [authority.orgId] : []), ...(request.toOrgId ? [request.toOrgId] : [])]);
    const toOrg = request.toOrgId ? orgOnStep(requireGrassroots(named.get(request.toOrgId), 'toOrgId', '请选择要转交的基层工会')) : null;
    const by = authority.orgId ? named.get(authority.orgId) : undefined;
    const recorded: Authority = { as: authority.as, org: by ? { id: by.id, name: by.name } : null };
    const decided = decide(app, { stepId: step.id, decision: request.decision, comment, toOrg }, actor, recorded, await clockOf(deps), recusal);
    const { completed } = decided;
    const subsidy = completed && app.kind === 'subsidy' ? subsidyEffect(app, decided.after) : null;
    const after = subsidy?.after ?? decided.after;
    const effect = !completed
      ? null
      : subsidy
        ? subsidy.effect
        : app.kind === 'transfer'
          ? await transferEffect(deps, app).catch((error: unknown) => {
              if (error instanceof AppError && error.code === 'APPLICATION_STALE') return staleOrReread(error);
              throw error;
            })
          : await joinEffect(deps, app, step);
    if (effect === 'changed') return 'changed';
    if (effect instanceof AppError) throw effect;
    const joined: Guard[] = completed && app.form.kind === 'join' ? [{ type: 'joined', idHash: app.form.idHash }] : subsidy ? [subsidy.paid] : [];
    const outcome = await deps.applications.commit({
      before: app,
      after,
      decidedStepId: step.id,
      notice: noticeOf(after),
      claim: joined,
      release: after.status === 'pending' ? [] : openGuards(app),
      absent: [],
      effect,
      audit: decisionAudit(actor, app, after, step, request),
    });
    if (outcome.kind === 'done') return present(deps, after, actor, recusal);
    const refusal = decisionRefusal(outcome, app);
    if (refusal?.code === 'APPLICATION_STALE') {
      const reread = staleOrReread(refusal);
      if (reread === 'changed') return reread;
      throw reread;
    }
    if (refusal) throw refusal;
    return 'changed';
  }, () => new AppError('ALREADY_DECIDED'));
}

/** POST /api/applications/{id}/cancel: the applicant withdraws a pending application. */
export async function cancelApplication(deps: ReviewDeps, openid: string, id: string): Promise<ApplicationResponse> {
  const { actor } = await actorOf(deps, openid);
  return withRereads(CHANGE_ATTEMPTS, async () => {
    const app = await readable(deps, actor, id);
    const after = cancel(app, actor, await clockOf(deps));
    const outcome = await deps.applications.commit({
      before: app,
      after,
      decidedStepId: null,
      notice: noticeOf(after),
      claim: [],
      release: openGuards(app),
      absent: [],
      effect: null,
    });
    if (outcome.kind === 'done') return present(deps, after, actor);
    if (!refusedBy(outcome, 'application')) throw new AppError('APPLICATION_STALE');
    return 'changed';
  }, () => new AppError('APPLICATION_NOT_PENDING'));
}


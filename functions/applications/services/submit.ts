import type { ApplicationResponse, CreateApplicationRequest, JoinForm, TransferForm } from '../contracts/applications';
import type { SubsidyForm } from '../contracts/subsidy';
import { withRereads } from '../../kernel/data/retry';
import { AppError } from '../../kernel/errors';
import { maskIdNumber } from '../../kernel/masking';
import type { Account } from '../../membership';
import { newApplication, noticeOf, resubmit } from '../domain/engine';
import { invalid, openGuards, proofGuards, requireGrassroots, type Guard } from '../domain/kinds';
import { encryptPayee } from '../domain/payouts';
import { checkSubsidyForm, poolFor, refusalError, reviewOrgIds, standingRefusal } from '../domain/subsidy';
import type { Actor, Application, JoinRecord } from '../domain/types';
import { standingOf, subsidyMemberOf } from './campaigns';
import { orgOnStep } from './orgs';
import { actorOf, clockOf } from './people';
import type { Change, ChangePart, CommitOutcome, Deps } from './ports';
import { present } from './reading';

export type SubmitDeps = Pick<
  Deps,
  'accounts' | 'roster' | 'orgs' | 'applications' | 'calendar' | 'idCrypto' | 'proofs' | 'campaigns' | 'quotas' | 'wechatPhone' | 'newId' | 'now'
>;

export interface SubmitResult {
  /** false for a resubmission of a pending join (same application). */
  created: boolean;
  response: ApplicationResponse;
}

/** How many times a change is recomputed when another change of the same application won the race. */
export const CHANGE_ATTEMPTS = 3;

const refusedBy = (outcome: CommitOutcome, part: ChangePart) => outcome.kind === 'refused' && outcome.parts.includes(part);

/**
 * A new application: written only if absent, holding its open guards and one guard per proof image
 * it names (never released: kinds.ts proofGuards); `absent` must not exist.
 */
const filing = (app: Application, absent: Guard[]): Change => ({
  before: null,
  after: app,
  decidedStepId: null,
  notice: noticeOf(app),
  claim: [...openGuards(app), ...proofGuards(app)],
  release: [],
  absent,
  effect: null,
});

function alreadyOpen(): AppError {
  return new AppError('APPLICATION_ALREADY_OPEN');
}

/**
 * Filing in bulk (the review: 826 join resubmissions from one account in 116 s): each account may
 * file or resubmit FILINGS_PER_ACCOUNT_PER_DAY times a day (China's day, every kind, refused
 * attempts included), and joins for one ID number are filed at most JOIN_FILINGS_PER_ID_PER_DAY
 * times a day, whoever files them. Counted in the kernel's rate windows (guards table, `rate#…`)
 * before anything is written; past a limit, FILING_LIMIT_REACHED (429) and nothing is written.
 */
export const FILINGS_PER_ACCOUNT_PER_DAY = 5;
export const JOIN_FILINGS_PER_ID_PER_DAY = 3;

const DAY_MS = 86_400_000;
/** The day in China (UTC+8), YYYY-MM-DD. */
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

async function countFiling(deps: SubmitDeps, scope: string, subject: string, max: number, message: string): Promise<void> {
  const now = deps.now();
  const allowed = await deps.quotas.consume({ scope, subject, period: `d${chinaDay(now)}` }, max, new Date(now.getTime() + 2 * DAY_MS));
  if (!allowed) throw new AppError('FILING_LIMIT_REACHED', { message });
}

/**
 * The one answer to a join this account may not file for this ID number — the ID number's joins
 * are another account's (open, approved or past), or this account files for another ID number —
 * so that nobody learns from it whether someone else filed, or was admitted, with an ID number.
 */
function notAccepted(): AppError {
  return new AppError('JOIN_NOT_ACCEPTED');
}

/** A transfer (转会): a bound member, to another grassroots union; step 1 their union, step 2 the target. */
async function submitTransfer(deps: SubmitDeps, account: Account, actor: Actor, form: TransferForm): Promise<SubmitResult> {
  const member = account.memberId ? await deps.roster.get(account.memberId) : null;
  if (!member) throw new AppError('NOT_BOUND', { message: '请先完成会员实名绑定，再申请会员关系转接' });
  if (member.left) throw new AppError('MEMBERSHIP_ENDED', { message: '您已办理退会，不能再申请会员关系转接；如需重新入会，请联系工会' });
  const orgs = await deps.orgs.getMany([member.orgId, form.toOrgId]);
  const to = requireGrassroots(orgs.get(form.toOrgId), 'toOrgId', '请选择要转入的基层工会');
  if (to.id === member.orgId) throw invalid('toOrgId', '您已是该工会的会员，请选择其他工会');
  const from = orgs.get(member.orgId);
  if (!from) throw new Error(`member ${member.id} belongs to unknown org ${member.orgId}`);
  if (await deps.applications.holder({ type: 'open-transfer', memberId: member.id })) throw alreadyOpen();
  const app = newApplication(
    {
      id: deps.newId(),
      kind: 'transfer',
      applicant: { openid: actor.openid, memberId: member.id, name: member.name },
      form: { kind: 'transfer', fromOrgId: from.id, toOrgId: to.id, reason: form.reason },
      orgs: [orgOnStep(from), orgOnStep(to)],
      previousId: null,
    },
    await clockOf(deps),
  );
  const outcome = await deps.applications.commit(filing(app, []));
  if (outcome.kind === 'refused') throw alreadyOpen(); // a concurrent submission took the guard
  return { created: true, response: await present(deps, app, actor) };
}

/** The join as stored: the ID number encrypted, hashed and masked, with the consent given for it; the mobile the one WeChat verified. */
function joinRecord(deps: SubmitDeps, applicationId: string, form: JoinForm, mobile: string): JoinRecord {
  const { idNumber: rawId, birthDate: _birthDate, phoneCode: _phoneCode, idConsentVersion, ...fields } = form;
  const idNumber = rawId.toUpperCase();
  return {
    kind: 'join',
    ...fields,
    // The join form's own consent for the ID number: the text's version and when it was given (this filing).
    idConsent: { version: idConsentVersion, at: deps.now().toISOString() },
    mobile,
    idCipher: deps.idCrypto.encrypt(idNumber, applicationId),
    idHash: deps.idCrypto.hash(idNumber),
    idMasked: maskIdNumber(idNumber),
  };
}

/**
 * A join (入会) by an account not bound to a member. While the account's join is pending, filing
 * again replaces its form (a new step at the union the form names); after a rejection or a
 * withdrawal it is a new application naming the previous one; after an approval, never.
 */
async function submitJoin(deps: SubmitDeps, account: Account, actor: Actor, form: JoinForm): Promise<SubmitResult> {
  if (account.memberId) throw new AppError('ALREADY_MEMBER');
  const target = orgOnStep(
    requireGrassroots((await deps.orgs.getMany([form.targetOrgId])).get(form.targetOrgId), 'targetOrgId', '请选择要加入的基层工会'),
  );
  // One account ↔ one ID number: the first join binds them for good (kinds.ts join-id-owner and
  // join-account-id, claimed again in the filing's transaction against a race).
  const idHash = deps.idCrypto.hash(form.idNumber.toUpperCase());
  const [idOwner, accountId] = await Promise.all([
    deps.applications.holder({ type: 'join-id-owner', idHash }),
    deps.applications.holder({ type: 'join-account-id', openid: actor.openid }),
  ]);
  if ((idOwner !== null && idOwner !== actor.openid) || (accountId !== null && accountId !== idHash)) throw notAccepted();
  await countFiling(deps, 'join-id', idHash, JOIN_FILINGS_PER_ID_PER_DAY, '该身份证号今天提交入会申请的次数已达上限，请明天再试');
  // The phone is the one WeChat verified for the filer (no typed number), and not another member's.
  const mobile = await deps.wechatPhone.verifiedPhone(form.phoneCode);
  if ((await deps.roster.phoneOwner(mobile)) !== null) {
    // The filer's own join approved (the phone is their new member's) is told so; anyone else the one answer.
    const earlier = (await deps.applications.listByApplicant(actor.openid, 50)).find((a) => a.kind === 'join');
    if (earlier?.status === 'approved') throw new AppError('ALREADY_MEMBER', { message: '您的入会申请已经通过，请直接进行会员实名绑定' });
    throw notAccepted();
  }
  return withRereads(
    CHANGE_ATTEMPTS,
    async () => {
      const openId = await deps.applications.holder({ type: 'open-join-account', openid: actor.openid });
      const open = openId ? await deps.applications.get(openId) : null;
      const outcome = open?.status === 'pending' ? await resubmitJoin(deps, open, form, mobile, target) : await newJoin(deps, actor, form, mobile, target);
      if (outcome.kind === 'done') return { created: outcome.app.id !== open?.id, response: await present(deps, outcome.app, actor) };
      // Approved for someone else (this account's own approval was answered above), or bound to another account meanwhile.
      if (refusedBy(outcome, 'absent') || refusedBy(outcome, 'owner')) throw notAccepted();
      // Another change of the same join (or a second submission) won the race: look again.
      return 'changed';
    },
    alreadyOpen,
  );
}

type JoinOutcome = { kind: 'done'; app: Application } | Exclude<CommitOutcome, { kind: 'done' }>;

async function newJoin(deps: SubmitDeps, actor: Actor, form: JoinForm, mobile: string, target: ReturnType<typeof orgOnStep>): Promise<JoinOutcome> {
  const earlier = (await deps.applications.listByApplicant(actor.openid, 50)).find((a) => a.kind === 'join');
  if (earlier?.status === 'approved') throw new AppError('ALREADY_MEMBER', { message: '您的入会申请已经通过，请直接进行会员实名绑定' });
  const id = deps.newId();
  const record = joinRecord(deps, id, form, mobile);
  const app = newApplication(
    {
      id,
      kind: 'join',
      applicant: { openid: actor.openid, memberId: null, name: form.name },
      form: record,
      orgs: [target],
      previousId: earlier && earlier.status !== 'pending' ? earlier.id : null,
    },
    await clockOf(deps),
  );
  const filed = filing(app, [{ type: 'joined', idHash: record.idHash }]);
  const outcome = await deps.applications.commit({
    ...filed,
    claim: [...filed.claim, todoMark(app.id, target.id, deps.now())],
    own: joinOwners(actor.openid, record.idHash),
  });
  if (refusedBy(outcome, 'claim') && !refusedBy(outcome, 'absent')) {
    // Someone's join for this ID number is open (a join filed before ID numbers were bound to accounts), or this account's, filed a moment ago.
    const byId = await deps.applications.holder({ type: 'open-join-id', idHash: record.idHash });
    const mine = await deps.applications.holder({ type: 'open-join-account', openid: actor.openid });
    if (byId !== null && byId !== mine) throw notAccepted();
  }
  return outcome.kind === 'done' ? { kind: 'done', app } : outcome;
}

/**
 * The mark of the day's 待办 for an application at a union (review, item 6: each of 826
 * resubmissions sent one to every official of the union): a join's filing takes it, and a
 * resubmission to the same union the same day (China's day) leaves a notice for the applicant's
 * record that tells no official (reviewerOrgId null). Taken in the change's transaction.
 */
const todoMark = (applicationId: string, orgId: string, at: Date): Guard => ({ type: 'todo-sent', applicationId, orgId, day: chinaDay(at) });

/** The ID number ↔ account binding a join's filing writes (again). */
const joinOwners = (openid: string, idHash: string) => [
  { guard: { type: 'join-id-owner', idHash } as Guard, owner: openid },
  { guard: { type: 'join-account-id', openid } as Guard, owner: idHash },
];

async function resubmitJoin(
  deps: SubmitDeps,
  open: Application,
  form: JoinForm,
  mobile: string,
  target: ReturnType<typeof orgOnStep>,
): Promise<JoinOutcome> {
  if (open.form.kind !== 'join') throw new Error(`application ${open.id} is not a join`);
  const record = joinRecord(deps, open.id, form, mobile);
  const after = resubmit(open, record, target, form.name, await clockOf(deps));
  const idChanged = record.idHash !== open.form.idHash;
  const oldId: Guard = { type: 'open-join-id', idHash: open.form.idHash };
  const newId: Guard = { type: 'open-join-id', idHash: record.idHash };
  // One 待办 a day per application and union: a resubmission the union's officials were told of today tells nobody.
  const mark = todoMark(open.id, target.id, deps.now());
  const told = (await deps.applications.holder(mark)) !== null;
  const outcome = await deps.applications.commit({
    before: open,
    after,
    decidedStepId: null,
    notice: told ? { ...noticeOf(after), reviewerOrgId: null } : noticeOf(after),
    claim: [...(idChanged ? [newId] : []), ...(told ? [] : [mark])],
    release: idChanged ? [oldId] : [],
    absent: [{ type: 'joined', idHash: record.idHash }],
    own: joinOwners(open.applicant.openid, record.idHash),
    effect: null,
  });
  // The ID number's open guard is another's; else a resubmission made at the same time told the union first: look again.
  if (refusedBy(outcome, 'claim') && idChanged && (await deps.applications.holder(newId)) !== open.id) throw notAccepted();
  return outcome.kind === 'done' ? { kind: 'done', app: after } : outcome;
}

/**
 * A 补贴 (subsidy) by a bound member of a union under the campaign's owner, inside the application
 * window, with places left in their city's pool, never after a payout, one open per campaign; the
 * form's fare reaches the threshold, the journey lies in the travel window and is not in the future,
 * and the proof images are this account's (checked by the proof store). The amount computed now is
 * stored with the form. Step 1 the member's union, step 2 the city federation above it.
 */
async function submitSubsidy(deps: SubmitDeps, account: Account, actor: Actor, form: SubsidyForm): Promise<SubmitResult> {
  const who = await subsidyMemberOf(deps, account);
  if (!who) throw refusalError('NOT_BOUND');
  const campaign = await deps.campaigns.get(form.campaignId);
  if (!campaign) throw invalid('campaignId', '该补贴活动不存在，请重新选择');
  const now = deps.now();
  const refusal = standingRefusal(campaign, await standingOf(deps, campaign, who, null), now);
  if (refusal) throw refusalError(refusal);
  const fare = checkSubsidyForm(campaign, form, now);
  await deps.proofs.verify(actor.openid, form.proofKeys);
  const stepOrgIds = reviewOrgIds(who.unionPath);
  const orgs = await deps.orgs.getMany(stepOrgIds);
  const steps = stepOrgIds.map((id) => {
    const org = orgs.get(id);
    if (!org) throw new Error(`subsidy review org ${id} not found`);
    return orgOnStep(org);
  });
  const id = deps.newId();
  const app = newApplication(
    {
      id,
      kind: 'subsidy',
      applicant: { openid: actor.openid, memberId: who.member.id, name: who.member.name },
      form: {
        kind: 'subsidy',
        campaignId: campaign.id,
        campaignTitle: campaign.title,
        travelDate: form.travelDate,
        fromStation: form.fromStation,
        toStation: form.toStation,
        ...fare,
        proofKeys: [...form.proofKeys],
        regionCode: who.regionCode ?? '',
        pool: poolFor(campaign, who.regionCode) as string,
        payee: encryptPayee(deps.idCrypto, id, form.payee),
        payout: null,
      },
      orgs: steps,
      previousId: null,
    },
    await clockOf(deps),
  );
  const paid: Guard = { type: 'subsidy-paid', campaignId: campaign.id, memberId: who.member.id };
  const outcome = await deps.applications.commit(filing(app, [paid]));
  if (refusedBy(outcome, 'absent')) throw new AppError('SUBSIDY_ALREADY_PAID');
  if (outcome.kind === 'refused') throw await subsidyClaimRefusal(deps, app);
  return { created: true, response: await present(deps, app, actor) };
}

/**
 * Why a 补贴's filing lost a claim: the member's open 补贴 of the campaign (the more useful answer
 * when both hold: it is that application), else a proof image another application already names.
 */
async function subsidyClaimRefusal(deps: SubmitDeps, app: Application): Promise<AppError> {
  const [open] = openGuards(app);
  if (open && (await deps.applications.holder(open))) return refusalError('APPLICATION_ALREADY_OPEN');
  const holders = await Promise.all(proofGuards(app).map((guard) => deps.applications.holder(guard)));
  const index = holders.findIndex((holder) => holder !== null && holder !== app.id);
  if (index < 0) return refusalError('APPLICATION_ALREADY_OPEN'); // a concurrent submission took the guard, since closed
  const message = `第 ${index + 1} 张证明图片已用于另一件申请，每张图片只能用于一件申请；请重新拍照上传后再提交`;
  return new AppError('PROOF_ALREADY_USED', { message, fields: { proofKeys: message } });
}

/** POST /api/applications {kind, form}. */
export async function submitApplication(deps: SubmitDeps, openid: string, request: CreateApplicationRequest): Promise<SubmitResult> {
  const { account, actor } = await actorOf(deps, openid);
  await countFiling(deps, 'filings', openid, FILINGS_PER_ACCOUNT_PER_DAY, `今天提交申请的次数已达上限（每个微信账号每天 ${FILINGS_PER_ACCOUNT_PER_DAY} 次），请明天再试`);
  if (request.kind === 'subsidy') return submitSubsidy(deps, account, actor, request.form);
  return request.kind === 'transfer' ? submitTransfer(deps, account, actor, request.form) : submitJoin(deps, account, actor, request.form);
}

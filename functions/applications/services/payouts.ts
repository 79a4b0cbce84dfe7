import { auditActor, auditEntry, type AuditEntry } from '../../audit';
import { AppError } from '../../kernel/errors';
import type { Account } from '../../membership';
import type { ApplicationResponse } from '../contracts/applications';
import {
  BATCH_STATUS_LABELS,
  PAYOUT_FAILURE_LABELS,
  PAYOUT_STATUSES,
  type BatchFileResponse,
  type BatchResponse,
  type BatchView,
  type CampaignPayoutsResponse,
  type ConfirmBatchRequest,
  type MarkBatchRequest,
  type PayeeInput,
  type PendingPayoutView,
} from '../contracts/payouts';
import { receiptNumber } from '../contracts/receipt';
import type { ApplicationAuditAction } from '../domain/audit';
import {
  bankFile,
  batchCandidates,
  checkResults,
  confirmRefusal,
  markRefusal,
  operatesPayouts,
  batchNumber,
  encryptPayee,
  type BatchLine,
  type PayoutBatch,
} from '../domain/payouts';
import { manages, payeeCipherContext, type Campaign, type Payout } from '../domain/subsidy';
import { shanghaiDate, shanghaiIso } from '../domain/working-days';
import type { PayoutStore } from './payout-ports';
import { actorOf } from './people';
import type { Deps } from './ports';
import { present } from './reading';

/**
 * 补贴发放: the finance officer of the paying federation (an official of the campaign's owner, or an
 * admin) puts the pending payouts with an account into a batch, downloads its bank file (the only
 * place the full card numbers appear: audited), enters the bank's answer line by line, and a second
 * person confirms it; the payouts then read 已发放 with the date, or 发放失败 with why and what to do —
 * the member gives another card and the payout waits for the next batch. Officials above the owner
 * read the batches; nobody outside the owner's path learns a campaign's payouts exist.
 */

export type PayoutDeps = Pick<Deps, 'accounts' | 'campaigns' | 'applications' | 'idCrypto' | 'newId' | 'now'> & { payouts: PayoutStore };

/** A building batch older than this was interrupted: a reader finishes it from the payouts it claimed. */
export const BUILDING_STALE_MS = 60_000;

const notFound = () => new AppError('NOT_FOUND', { message: '该补贴活动不存在' });
const batchNotFound = () => new AppError('NOT_FOUND', { message: '该发放批次不存在' });
const notOperator = () => new AppError('FORBIDDEN', { message: '只有主办工会（发放单位）的工作人员可以办理补贴发放' });

function requireOfficial(account: Account): void {
  if (!account.roles.some((r) => r.type === 'admin' || r.type === 'official')) throw new AppError('FORBIDDEN', { message: '只有工会工作人员可以查看补贴发放' });
}

/** A campaign the caller manages (its owner or above, admins); NOT_FOUND otherwise. */
async function managedCampaign(deps: PayoutDeps, account: Account, id: string): Promise<Campaign> {
  requireOfficial(account);
  const campaign = await deps.campaigns.get(id);
  if (!campaign || !manages(account.roles, campaign.owner.path)) throw notFound();
  return campaign;
}

function lineOf(p: Payout): BatchLine {
  const payee = p.payee as NonNullable<Payout['payee']>;
  return {
    campaignId: p.campaignId,
    memberId: p.memberId,
    applicationId: p.applicationId,
    reference: receiptNumber(p.applicationId),
    payeeName: payee.name,
    bankName: payee.bankName,
    accountMasked: payee.accountMasked,
    amountFen: p.amountFen,
  };
}

/** A batch whose building was interrupted (the function died after claiming) is finished from the payouts it claimed. */
async function settled(deps: PayoutDeps, batch: PayoutBatch): Promise<PayoutBatch> {
  if (batch.status !== 'building' || deps.now().getTime() - Date.parse(batch.createdAt) < BUILDING_STALE_MS) return batch;
  const claimed = (await deps.payouts.claimedBy(batch.campaignId, batch.id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  await deps.payouts.finishBatch(batch.id, claimed.map(lineOf));
  return (await deps.payouts.getBatch(batch.id)) as PayoutBatch;
}

function batchView(batch: PayoutBatch, account: Account): BatchView {
  const me = (openid: string | null) => openid === account.openid;
  const results = Object.values(batch.results);
  const operator = operatesPayouts(account.roles, batch.orgId);
  return {
    id: batch.id,
    number: batchNumber(batch),
    campaign: { id: batch.campaignId, title: batch.campaignTitle },
    status: batch.status,
    lineCount: batch.lines.length,
    totalFen: batch.lines.reduce((s, l) => s + l.amountFen, 0),
    createdAt: shanghaiIso(batch.createdAt),
    createdBy: { me: me(batch.createdBy) },
    marked: batch.markedAt ? { at: shanghaiIso(batch.markedAt), me: me(batch.markedBy) } : null,
    confirmed: batch.confirmedAt ? { at: shanghaiIso(batch.confirmedAt), me: me(batch.confirmedBy) } : null,
    paidCount: results.filter((r) => r.result === 'paid').length,
    failedCount: results.filter((r) => r.result === 'failed').length,
    can: {
      download: operator && batch.status !== 'building',
      mark: operator && markRefusal(batch) === null,
      confirm: operator && confirmRefusal(batch, account.openid) === null,
    },
    version: batch.version,
  };
}

function batchResponse(batch: PayoutBatch, account: Account): BatchResponse {
  return {
    batch: {
      ...batchView(batch, account),
      lines: batch.lines.map((l) => {
        const r = batch.results[l.reference];
        return {
          reference: l.reference,
          applicationId: l.applicationId,
          payeeName: l.payeeName,
          bankName: l.bankName,
          accountMasked: l.accountMasked,
          amountFen: l.amountFen,
          result: r?.result ?? null,
          failure: r?.reason ? { reason: r.reason, label: PAYOUT_FAILURE_LABELS[r.reason], note: r.note } : null,
        };
      }),
    },
  };
}

function audited(account: Account, action: ApplicationAuditAction, batch: PayoutBatch, after: unknown, at: Date): AuditEntry<ApplicationAuditAction> {
  return auditEntry({
    actor: auditActor(account.openid, account.roles, batch.orgPath),
    action,
    target: { type: 'payout-batch', id: batch.id, label: `${batch.campaignTitle} ${batchNumber(batch)}` },
    orgPath: batch.orgPath,
    before: null,
    after,
    at,
  });
}

function pendingView(p: Payout): PendingPayoutView {
  return {
    reference: receiptNumber(p.applicationId),
    applicationId: p.applicationId,
    payeeName: p.payee?.name ?? '',
    bankName: p.payee?.bankName ?? null,
    accountMasked: p.payee?.accountMasked ?? null,
    amountFen: p.amountFen,
    createdAt: shanghaiIso(p.createdAt),
  };
}

/** GET /api/admin/subsidy-campaigns/{id}/payouts: counts by status, the next batch's payouts, those without an account, the batches. */
export async function listCampaignPayouts(deps: PayoutDeps, openid: string, campaignId: string): Promise<CampaignPayoutsResponse> {
  const { account } = await actorOf(deps, openid);
  const campaign = await managedCampaign(deps, account, campaignId);
  const [payouts, batches] = await Promise.all([deps.payouts.ofCampaign(campaign.id), deps.payouts.batchesOf(campaign.id)]);
  const counts = Object.fromEntries(PAYOUT_STATUSES.map((s) => [s, payouts.filter((p) => p.status === s).length])) as CampaignPayoutsResponse['counts'];
  const withoutAccount = payouts.filter((p) => p.status === 'pending' && p.payee === null);
  counts.withoutAccount = withoutAccount.length;
  const shown = await Promise.all(batches.map((b) => settled(deps, b)));
  return {
    campaign: { id: campaign.id, title: campaign.title, owner: { id: campaign.owner.id, name: campaign.owner.name } },
    counts,
    pending: batchCandidates(payouts).map(pendingView),
    withoutAccount: withoutAccount.slice(0, 200).map(pendingView),
    batches: shown.map((b) => batchView(b, account)),
    canOperate: operatesPayouts(account.roles, campaign.owner.id),
  };
}

/**
 * POST /api/admin/payout-batches {campaignId} → 201: the batch is written first (`building`), then
 * each payout claimed by a conditional update (a racing batch takes the others), then its lines.
 */
export async function createBatch(deps: PayoutDeps, openid: string, campaignId: string): Promise<BatchResponse> {
  const { account } = await actorOf(deps, openid);
  const campaign = await managedCampaign(deps, account, campaignId);
  if (!operatesPayouts(account.roles, campaign.owner.id)) throw notOperator();
  const candidates = batchCandidates(await deps.payouts.ofCampaign(campaign.id));
  if (candidates.length === 0) throw new AppError('NO_PENDING_PAYOUTS');
  const now = deps.now();
  const batch: PayoutBatch = {
    id: deps.newId(),
    campaignId: campaign.id,
    campaignTitle: campaign.title,
    orgId: campaign.owner.id,
    orgPath: campaign.owner.path,
    status: 'building',
    lines: [],
    results: {},
    createdBy: account.openid,
    createdAt: now.toISOString(),
    markedBy: null,
    markedAt: null,
    confirmedBy: null,
    confirmedAt: null,
    applied: false,
    version: 1,
  };
  await deps.payouts.createBatch(batch, audited(account, 'payout-batch.create', batch, { campaignId: campaign.id, candidates: candidates.length }, now));
  const taken = await deps.payouts.claim(batch.id, candidates, now.toISOString());
  const lines = taken.map(lineOf);
  await deps.payouts.finishBatch(batch.id, lines);
  const written = (await deps.payouts.getBatch(batch.id)) as PayoutBatch;
  if (lines.length === 0) throw new AppError('NO_PENDING_PAYOUTS', { message: '待发放的补贴刚被另一个批次全部选走，请刷新查看' });
  return batchResponse(written, account);
}

/** A batch the caller may read (managers of its campaign's owner), finished if its building was interrupted. */
async function readableBatch(deps: PayoutDeps, account: Account, id: string): Promise<PayoutBatch> {
  requireOfficial(account);
  const batch = await deps.payouts.getBatch(id);
  if (!batch || !manages(account.roles, batch.orgPath)) throw batchNotFound();
  return settled(deps, batch);
}

export async function getBatch(deps: PayoutDeps, openid: string, id: string): Promise<BatchResponse> {
  const { account } = await actorOf(deps, openid);
  return batchResponse(await readableBatch(deps, account, id), account);
}

/** GET …/file: the bank file with the full card numbers (decrypted here only), for the paying federation's officers; audited. */
export async function batchFile(deps: PayoutDeps, openid: string, id: string): Promise<BatchFileResponse> {
  const { account } = await actorOf(deps, openid);
  const batch = await readableBatch(deps, account, id);
  if (!operatesPayouts(account.roles, batch.orgId)) throw notOperator();
  if (batch.status === 'building') throw new AppError('BATCH_NOT_READY');
  const payouts = new Map((await deps.payouts.payoutsOf(batch.lines)).map((p) => [p.memberId, p]));
  const file = bankFile(batch, (line) => {
    const payout = payouts.get(line.memberId);
    if (!payout?.payee) throw new Error(`payout ${line.campaignId}/${line.memberId} of batch ${batch.id} has no account`);
    return deps.idCrypto.decrypt(payout.payee.accountCipher, payeeCipherContext(payout.applicationId));
  });
  await deps.payouts.recordExport(audited(account, 'payout-batch.export', batch, { lines: batch.lines.length, file: file.name }, deps.now()));
  return { file: { name: file.name, contentType: 'text/csv', content: file.content } };
}

/** POST …/results {version, lines}: every line's result from the bank's answer; may be entered again until confirmed. */
export async function markBatch(deps: PayoutDeps, openid: string, id: string, request: MarkBatchRequest): Promise<BatchResponse> {
  const { account } = await actorOf(deps, openid);
  const batch = await readableBatch(deps, account, id);
  if (!operatesPayouts(account.roles, batch.orgId)) throw notOperator();
  const refusal = markRefusal(batch);
  if (refusal) throw new AppError(refusal);
  if (request.version !== batch.version) throw new AppError('BATCH_CHANGED');
  const results = checkResults(batch, request.lines);
  const now = deps.now();
  const paid = Object.values(results).filter((r) => r.result === 'paid').length;
  const audit = audited(account, 'payout-batch.mark', batch, { status: BATCH_STATUS_LABELS.marked, paid, failed: batch.lines.length - paid }, now);
  if (!(await deps.payouts.mark(batch.id, batch.version, results, account.openid, now.toISOString(), audit))) throw new AppError('BATCH_CHANGED');
  return batchResponse((await deps.payouts.getBatch(batch.id)) as PayoutBatch, account);
}

/**
 * POST …/confirmation {version}: a second person confirms the results (never the one who entered
 * them: checked here and in the write's condition). The batch turns `confirmed` once, with its audit
 * entry; then each line's result is written to its payout (only while the payout is in this batch,
 * so a repeat writes nothing twice). A confirmation interrupted half-way is finished by the next call.
 */
export async function confirmBatch(deps: PayoutDeps, openid: string, id: string, request: ConfirmBatchRequest): Promise<BatchResponse> {
  const { account } = await actorOf(deps, openid);
  let batch = await readableBatch(deps, account, id);
  if (!operatesPayouts(account.roles, batch.orgId)) throw notOperator();
  if (batch.status === 'confirmed' && !batch.applied) return batchResponse(await applyResults(deps, batch), account);
  const refusal = confirmRefusal(batch, account.openid);
  if (refusal) throw new AppError(refusal);
  if (request.version !== batch.version) throw new AppError('BATCH_CHANGED');
  const now = deps.now();
  const paid = Object.values(batch.results).filter((r) => r.result === 'paid').length;
  const audit = audited(account, 'payout-batch.confirm', batch, { status: BATCH_STATUS_LABELS.confirmed, paid, failed: batch.lines.length - paid }, now);
  if (!(await deps.payouts.confirm(batch.id, batch.version, account.openid, now.toISOString(), audit))) {
    const current = await deps.payouts.getBatch(batch.id);
    throw new AppError(current?.status === 'confirmed' ? 'BATCH_ALREADY_CONFIRMED' : current?.markedBy === account.openid ? 'BATCH_SAME_PERSON' : 'BATCH_CHANGED');
  }
  batch = (await deps.payouts.getBatch(batch.id)) as PayoutBatch;
  return batchResponse(await applyResults(deps, batch), account);
}

/** Each line's result onto its payout (paid on the confirmation's China date), then the batch marked applied. */
async function applyResults(deps: PayoutDeps, batch: PayoutBatch): Promise<PayoutBatch> {
  const at = deps.now().toISOString();
  const paidOn = shanghaiDate(new Date(batch.confirmedAt ?? at));
  for (const line of batch.lines) {
    const outcome = batch.results[line.reference];
    if (outcome) await deps.payouts.applyLine(batch.id, line, outcome, paidOn, at);
  }
  await deps.payouts.setApplied(batch.id);
  return { ...batch, applied: true };
}

/**
 * POST /api/applications/{id}/payee {bankName, accountNumber}: the applicant gives another card for
 * a payout the bank refused (or one still waiting for a batch, or filed before cards were asked for);
 * it waits for the next batch. PAYEE_NOT_CHANGEABLE while it is in a batch or once paid.
 */
export async function changePayee(deps: PayoutDeps & Pick<Deps, 'proofs'>, openid: string, applicationId: string, input: PayeeInput): Promise<ApplicationResponse> {
  const { actor } = await actorOf(deps, openid);
  const app = await deps.applications.get(applicationId);
  if (!app || app.applicant.openid !== openid || app.form.kind !== 'subsidy' || !app.applicant.memberId) throw new AppError('NOT_FOUND', { message: '该申请不存在' });
  const payout = app.form.payout ? await deps.payouts.get(app.form.campaignId, app.applicant.memberId) : null;
  if (!payout) throw new AppError('PAYEE_NOT_CHANGEABLE', { message: '该补贴申请尚未审核通过，通过后才能更改收款银行卡' });
  const payee = { name: app.applicant.name, ...encryptPayee(deps.idCrypto, app.id, input) };
  if (!(await deps.payouts.changePayee(payout.campaignId, payout.memberId, payee, deps.now().toISOString()))) throw new AppError('PAYEE_NOT_CHANGEABLE');
  return present(deps, app, actor);
}

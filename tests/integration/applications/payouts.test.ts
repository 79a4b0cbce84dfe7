import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { CreateCampaignRequest } from '../../../functions/applications/contracts/subsidy';
import type { UploadTicket } from '../../../functions/applications/contracts/uploads';
import { receiptNumber } from '../../../functions/applications/contracts/receipt';
import { shanghaiDate } from '../../../functions/applications/domain/working-days';
import type { PayoutDeps } from '../../../functions/applications/services/payouts';
import { jpegImage } from '../../support/images';
import { outcomeOf, refusalOf } from '../../support/outcome';
import { OTHER_CARD, TEST_CARD, TEST_PAYEE } from '../../support/payee';
import { account, applicationWorld, boundMember, rawItem, type ApplicationWorld } from './world';

/**
 * 补贴发放 on DynamoDB Local: a subsidy filed with a card, approved, batched, its bank file holding
 * the full number (the only place), the bank's answer entered by one officer and confirmed by a
 * second; the member then reads 已发放 with the date, or why it failed and what to do, gives another
 * card and the payout waits for the next batch. Two batches built at once never share a payout; the
 * one who entered the results cannot confirm them; two confirmations at once confirm once.
 */
let w: ApplicationWorld;
let uc: typeof import('../../../functions/applications/services/payouts');
let deps: PayoutDeps & ApplicationWorld['deps'];
let campaignsUc: typeof import('../../../functions/applications/services/campaigns');
let secondOfficer: string;

const DAY_MS = 86_400_000;

function campaignRequest(orgId: string, title: string): CreateCampaignRequest {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    title,
    description: '往返票价满50元可申请',
    orgId,
    applyFrom: iso(Date.now() - DAY_MS),
    applyUntil: iso(Date.now() + 30 * DAY_MS),
    travelFrom: shanghaiDate(new Date(Date.now() - 20 * DAY_MS)),
    travelUntil: shanghaiDate(new Date(Date.now() + 40 * DAY_MS)),
    fareThresholdFen: 5_000,
    tiers: [
      { minFareFen: 5_000, amountFen: 5_000 },
      { minFareFen: 20_000, amountFen: 10_000 },
    ],
    places: 500,
  };
}

async function newCampaign(title: string): Promise<string> {
  const created = await campaignsUc.createCampaign(w.deps, w.officials.province, campaignRequest(w.province.id, title));
  await campaignsUc.approveCampaign(w.deps, w.admin, created.campaign.id);
  return created.campaign.id;
}

async function uploadedProof(openid: string): Promise<string> {
  const ticket: UploadTicket = await w.deps.proofs.presign(openid, 'image/jpeg');
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', new Blob([jpegImage() as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), 'wx-tmp.jpg');
  expect((await fetch(ticket.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  return ticket.key;
}

/** A member of 公交 files with a card and both steps approve: one pending payout. */
async function approvedSubsidy(campaignId: string) {
  const m = await boundMember(w, w.unions.bus.id);
  const filed = await w.uc.submitApplication(w.deps, m.openid, {
    kind: 'subsidy',
    form: { campaignId, travelDate: shanghaiDate(new Date(Date.now() - 2 * DAY_MS)), fromStation: '海口东站', toStation: '郑州站', fare: 268.5, proofKeys: [await uploadedProof(m.openid)], payee: TEST_PAYEE },
  });
  const id = filed.response.application.id;
  await w.uc.decideApplication(w.deps, w.officials.bus, id, { step: 's1', decision: 'approve', comment: '' });
  await w.uc.decideApplication(w.deps, w.officials.haikou, id, { step: 's2', decision: 'approve', comment: '' });
  return { ...m, applicationId: id };
}

/** Payouts written as the approval writes them (many, fast): pending, with a card. */
async function seedPayouts(campaignId: string, n: number): Promise<string[]> {
  const { payoutTransactionItems } = await import('../../../functions/applications/data/campaign-store');
  const { runTransaction } = await import('../../../functions/kernel/data/transactions');
  const { encryptPayee } = await import('../../../functions/applications/domain/payouts');
  const ids: string[] = [];
  for (let i = 0; i < n; i += 25) {
    const items = Array.from({ length: Math.min(25, n - i) }, (_, k) => {
      const applicationId = ulid();
      ids.push(applicationId);
      const payee = { name: `会员${i + k}`, ...encryptPayee(deps.idCrypto, applicationId, TEST_PAYEE) };
      return payoutTransactionItems.payout({ campaignId, memberId: `m-${applicationId}`, applicationId, amountFen: 5_000, regionCode: '01', pool: '01', payee, createdAt: new Date().toISOString() });
    });
    expect((await runTransaction(items)).kind).toBe('done');
  }
  return ids;
}

beforeAll(async () => {
  w = await applicationWorld('payouts');
  uc = await import('../../../functions/applications/services/payouts');
  campaignsUc = await import('../../../functions/applications/services/campaigns');
  const { payoutStore } = await import('../../../functions/applications/data/payout-store');
  deps = { ...w.deps, payouts: payoutStore };
  secondOfficer = await account(w, 'off-p2', [{ type: 'official', orgId: w.province.id }]);
}, 60_000);

describe('a subsidy paid through a batch', () => {
  it('reaches the member as 已发放 with the date, the card masked everywhere but the bank file', async () => {
    const campaignId = await newCampaign('发放测试一');
    const m = await approvedSubsidy(campaignId);
    const stored = await rawItem('payouts', { campaignId: { S: campaignId }, memberId: { S: m.memberId } });
    expect(stored?.accountMasked?.S).toBe('***************0128');
    expect(JSON.stringify(stored)).not.toContain(TEST_CARD);
    const app = await rawItem('applications', { id: { S: m.applicationId } });
    expect(JSON.stringify(app)).not.toContain(TEST_CARD);

    const list = await uc.listCampaignPayouts(deps, w.officials.province, campaignId);
    expect(list).toMatchObject({ counts: { pending: 1, batched: 0, paid: 0, failed: 0, withoutAccount: 0 }, canOperate: true });
    expect(list.pending).toEqual([expect.objectContaining({ reference: receiptNumber(m.applicationId), payeeName: '林小海', accountMasked: '***************0128' })]);
    expect(JSON.stringify(list)).not.toContain(TEST_CARD);

    const { batch } = await uc.createBatch(deps, w.officials.province, campaignId);
    expect(batch).toMatchObject({ status: 'exported', lineCount: 1, totalFen: 10_000, can: { download: true, mark: true, confirm: false } });
    expect(JSON.stringify(batch)).not.toContain(TEST_CARD);
    const { file } = await uc.batchFile(deps, w.officials.province, batch.id);
    expect(file.content).toContain(`,林小海,${TEST_CARD},中国工商银行海口分行,100.00,${receiptNumber(m.applicationId)}`);

    // The member sees it 发放中, and may not change the card while the bank has it.
    const during = await w.uc.getApplication(w.deps, m.openid, m.applicationId);
    expect(during.application.form).toMatchObject({ payout: { status: 'batched', canChangePayee: false } });
    expect((await refusalOf(uc.changePayee(deps, m.openid, m.applicationId, { bankName: '中国银行', accountNumber: OTHER_CARD }))).code).toBe('PAYEE_NOT_CHANGEABLE');

    const marked = await uc.markBatch(deps, w.officials.province, batch.id, { version: batch.version, lines: [{ reference: receiptNumber(m.applicationId), result: 'paid' }] });
    expect(marked.batch).toMatchObject({ status: 'marked', paidCount: 1, can: { confirm: false } });
    // Money needs two people: the one who entered the results may not confirm them.
    expect((await refusalOf(uc.confirmBatch(deps, w.officials.province, batch.id, { version: marked.batch.version }))).code).toBe('BATCH_SAME_PERSON');
    const confirmed = await uc.confirmBatch(deps, secondOfficer, batch.id, { version: marked.batch.version });
    expect(confirmed.batch).toMatchObject({ status: 'confirmed', confirmed: { me: true } });

    const after = await w.uc.getApplication(w.deps, m.openid, m.applicationId);
    expect(after.application.form).toMatchObject({ payout: { status: 'paid', paidOn: shanghaiDate(new Date()), failure: null, canChangePayee: false } });
  });

  it('failed: the member reads why and what to do, gives another card, and the next batch takes it', async () => {
    const campaignId = await newCampaign('发放测试二');
    const m = await approvedSubsidy(campaignId);
    const { batch } = await uc.createBatch(deps, w.admin, campaignId);
    const ref = receiptNumber(m.applicationId);
    const marked = await uc.markBatch(deps, w.admin, batch.id, { version: batch.version, lines: [{ reference: ref, result: 'failed', reason: 'name_mismatch', note: '户名不符' }] });
    await uc.confirmBatch(deps, w.officials.province, batch.id, { version: marked.batch.version });
    const seen = await w.uc.getApplication(w.deps, m.openid, m.applicationId);
    expect(seen.application.form).toMatchObject({
      payout: { status: 'failed', failure: { reason: 'name_mismatch', label: '户名与卡号不符', note: '户名不符' }, canChangePayee: true },
    });
    // An official reads it but may not change the member's card.
    expect((await refusalOf(uc.changePayee(deps, w.officials.province, m.applicationId, { bankName: '中国银行', accountNumber: OTHER_CARD }))).code).toBe('NOT_FOUND');
    const changed = await uc.changePayee(deps, m.openid, m.applicationId, { bankName: '中国银行海口分行', accountNumber: OTHER_CARD });
    expect(changed.application.form).toMatchObject({ payout: { status: 'pending', failure: null, payee: { bankName: '中国银行海口分行', accountMasked: '***************0004' } } });
    const again = await uc.createBatch(deps, w.officials.province, campaignId);
    expect(again.batch.lines.map((l) => l.reference)).toEqual([ref]);
    expect((await uc.batchFile(deps, w.officials.province, again.batch.id)).file.content).toContain(`,林小海,${OTHER_CARD},中国银行海口分行,`);
  });
});

describe('batches under concurrency', () => {
  it('two batches built at once: each payout in exactly one of them', async () => {
    const campaignId = await newCampaign('并发批次');
    const ids = await seedPayouts(campaignId, 60);
    const results = await Promise.allSettled([uc.createBatch(deps, w.officials.province, campaignId), uc.createBatch(deps, secondOfficer, campaignId)]);
    const batches = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.batch] : []));
    const refs = batches.flatMap((b) => b.lines.map((l) => l.reference));
    expect(refs).toHaveLength(60);
    expect(new Set(refs)).toEqual(new Set(ids.map(receiptNumber)));
    // A refusal, if any, is the "nothing left" one.
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('NO_PENDING_PAYOUTS');
    for (const b of batches) {
      const claimed = await deps.payouts.claimedBy(campaignId, b.id);
      expect(claimed.map((p) => receiptNumber(p.applicationId)).sort()).toEqual(b.lines.map((l) => l.reference).sort());
    }
    expect((await refusalOf(uc.createBatch(deps, w.officials.province, campaignId))).code).toBe('NO_PENDING_PAYOUTS');
  }, 60_000);

  it('two confirmations at once confirm once: one audit entry, each payout written once', async () => {
    const campaignId = await newCampaign('并发复核');
    await seedPayouts(campaignId, 5);
    const { batch } = await uc.createBatch(deps, w.officials.province, campaignId);
    const marked = await uc.markBatch(deps, w.officials.province, batch.id, { version: batch.version, lines: batch.lines.map((l) => ({ reference: l.reference, result: 'paid' as const })) });
    const outcomes = await Promise.all([
      outcomeOf(uc.confirmBatch(deps, secondOfficer, batch.id, { version: marked.batch.version })),
      outcomeOf(uc.confirmBatch(deps, w.admin, batch.id, { version: marked.batch.version })),
    ]);
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'accepted')[0]).toMatch(/BATCH_ALREADY_CONFIRMED|BATCH_CHANGED/);
    const payouts = await deps.payouts.ofCampaign(campaignId);
    expect(payouts.map((p) => p.status)).toEqual(Array(5).fill('paid'));
    // Confirmed is final: no more results, no second confirmation.
    expect((await refusalOf(uc.confirmBatch(deps, w.admin, batch.id, { version: marked.batch.version + 1 }))).code).toBe('BATCH_ALREADY_CONFIRMED');
    expect((await refusalOf(uc.markBatch(deps, w.officials.province, batch.id, { version: marked.batch.version + 1, lines: [] }))).code).toBe('BATCH_ALREADY_CONFIRMED');
    const { auditStore } = await import('../../../functions/audit/data/audit-store');
    const trail = await auditStore.list({ scope: { kind: 'subtree', orgPath: w.province.path }, actionPrefix: 'payout-batch.confirm', limit: 100 });
    const confirms = trail.entries.filter((e) => e.target.id === batch.id);
    expect(confirms).toHaveLength(1);
  }, 60_000);

  it('only the paying federation’s officers operate; those above or below read, others do not see it', async () => {
    const campaignId = await newCampaign('权限测试');
    await seedPayouts(campaignId, 1);
    expect((await refusalOf(uc.createBatch(deps, w.officials.haikou, campaignId))).code).toBe('NOT_FOUND');
    const { batch } = await uc.createBatch(deps, w.officials.province, campaignId);
    expect((await refusalOf(uc.batchFile(deps, w.officials.haikou, batch.id))).code).toBe('NOT_FOUND');
    const member = await boundMember(w, w.unions.bus.id);
    expect((await refusalOf(uc.getBatch(deps, member.openid, batch.id))).code).toBe('FORBIDDEN');
  });
});

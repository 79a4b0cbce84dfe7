import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PAYEE } from '../../support/payee';
import type { CreateCampaignRequest } from '../../../functions/applications/contracts/subsidy';
import type { UploadTicket } from '../../../functions/applications/contracts/uploads';
import { noticeOf } from '../../../functions/applications/domain/engine';
import { shanghaiDate } from '../../../functions/applications/domain/working-days';
import { applicationKeys, campaignKeys } from '../../../functions/applications/data/keys';
import { outcomeOf, refusalOf } from '../../support/outcome';
import { jpegImage } from '../../support/images';
import { applicationWorld, boundMember, rawItem, type ApplicationWorld, type BoundMember } from './world';

/**
 * 补贴 on DynamoDB Local, with the real ProofStore on s3rver (tickets uploaded as Taro.uploadFile
 * does): approval through both steps records one payout and takes one place in the decision's
 * transaction; reject, withdraw; who may decide and read; never a second payout for a person and
 * campaign, however the approvals race; a city's last place goes to exactly one of two approvals;
 * exactly one of two concurrent decisions on a step.
 */
let w: ApplicationWorld;
let campaignsUc: typeof import('../../../functions/applications/services/campaigns');

const DAY_MS = 86_400_000;
const travelDate = () => shanghaiDate(new Date(Date.now() - 2 * DAY_MS));

const TIERS = [
  { minFareFen: 5_000, amountFen: 5_000 },
  { minFareFen: 20_000, amountFen: 10_000 },
  { minFareFen: 50_000, amountFen: 20_000 },
  { minFareFen: 100_000, amountFen: 30_000 },
];

function campaignRequest(orgId: string, regionQuotas: Record<string, number>, places = 100): CreateCampaignRequest {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    title: '测试返乡交通补贴',
    description: '往返票价满50元可申请',
    orgId,
    applyFrom: iso(Date.now() - DAY_MS),
    applyUntil: iso(Date.now() + 30 * DAY_MS),
    travelFrom: shanghaiDate(new Date(Date.now() - 20 * DAY_MS)),
    travelUntil: shanghaiDate(new Date(Date.now() + 40 * DAY_MS)),
    fareThresholdFen: 5_000,
    tiers: TIERS,
    places,
    regionQuotas,
  };
}

/** A small real JPEG (tests/support/images.ts) uploaded as the mini-program does: fields first, then `file`. */
async function uploadedProof(openid: string): Promise<string> {
  const ticket: UploadTicket = await w.deps.proofs.presign(openid, 'image/jpeg');
  const bytes = jpegImage() as Uint8Array<ArrayBuffer>;
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), 'wx-tmp.jpg');
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return ticket.key;
}

async function file(m: BoundMember, campaignId: string, fare = 268.5) {
  const proofKeys = [await uploadedProof(m.openid)];
  return w.uc.submitApplication(w.deps, m.openid, {
    kind: 'subsidy',
    form: { campaignId, travelDate: travelDate(), fromStation: '海口东站', toStation: '郑州站', fare, proofKeys, payee: TEST_PAYEE },
  });
}

const decideOn = (openid: string, id: string, step: string, decision: 'approve' | 'reject' = 'approve', comment = '') =>
  w.uc.decideApplication(w.deps, openid, id, { step, decision, comment });

let campaignId: string;

beforeAll(async () => {
  w = await applicationWorld('subsidy');
  campaignsUc = await import('../../../functions/applications/services/campaigns');
  const created = await campaignsUc.createCampaign(w.deps, w.officials.province, campaignRequest(w.province.id, { '01': 50, '02': 20 }));
  campaignId = created.campaign.id;
  // Money needs two people: the province's campaign takes effect once someone else (an admin) approves it.
  await campaignsUc.approveCampaign(w.deps, w.admin, campaignId);
}, 60_000);

describe('a subsidy', () => {
  it('is approved by the union, then the city federation: one payout, one place of the city taken, with the last decision', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const filed = await file(m, campaignId);
    const id = filed.response.application.id;
    expect(filed.response.application).toMatchObject({
      kind: 'subsidy',
      status: 'pending',
      form: { kind: 'subsidy', campaign: { id: campaignId }, fareFen: 26_850, amountFen: 10_000, payout: null },
    });
    expect(filed.response.application.steps.map((s) => [s.name, s.org.id, s.status])).toEqual([
      ['单位工会初审', w.unions.bus.id, 'open'],
      ['市总工会复核', w.haikou.id, 'waiting'],
    ]);
    // The reader gets a working view URL of the ticket.
    const [url] = filed.response.application.form.kind === 'subsidy' ? filed.response.application.form.proofUrls : [];
    expect((await fetch(url as string)).status).toBe(200);
    expect(await rawItem('guards', { key: { S: applicationKeys.openSubsidy(campaignId, m.memberId) } })).not.toBeNull();

    await decideOn(w.officials.bus, id, 's1', 'approve', '情况属实');
    expect(await w.deps.campaigns.payout(campaignId, m.memberId)).toBeNull();
    const done = await decideOn(w.officials.haikou, id, 's2', 'approve', '同意发放');
    expect(done.application).toMatchObject({ status: 'approved', form: { payout: { status: 'pending', amountFen: 10_000 } } });

    expect(await w.deps.campaigns.payout(campaignId, m.memberId)).toMatchObject({
      applicationId: id,
      amountFen: 10_000,
      regionCode: '01',
      pool: '01',
      status: 'pending',
    });
    expect((await w.deps.campaigns.pools(campaignId)).find((p) => p.pool === '01')).toMatchObject({ total: 50, used: 1, left: 49, amountFen: 10_000 });
    expect(await rawItem('guards', { key: { S: applicationKeys.openSubsidy(campaignId, m.memberId) } })).toBeNull();
    expect((await w.deps.applications.notices(id)).map((n) => n.action)).toEqual(['submitted', 'approved', 'approved']);

    // Once paid, never again for this campaign.
    expect((await refusalOf(file(m, campaignId))).code).toBe('SUBSIDY_ALREADY_PAID');
    const view = await campaignsUc.getCampaign(w.deps, m.openid, campaignId);
    expect(view.campaign.me).toMatchObject({ eligible: false, reason: 'SUBSIDY_ALREADY_PAID', applicationId: id });
  });

  it('rejected at the first step: no payout, no place taken, and the member may file again', async () => {
    const m = await boundMember(w, w.unions.food.id);
    const usedBefore = (await w.deps.campaigns.pools(campaignId)).find((p) => p.pool === '01')?.used;
    const id = (await file(m, campaignId)).response.application.id;
    const rejected = await decideOn(w.officials.food, id, 's1', 'reject', '车票非本人');
    expect(rejected.application.status).toBe('rejected');
    expect(rejected.application.steps.map((s) => s.status)).toEqual(['rejected', 'skipped']);
    expect(await w.deps.campaigns.payout(campaignId, m.memberId)).toBeNull();
    expect((await w.deps.campaigns.pools(campaignId)).find((p) => p.pool === '01')?.used).toBe(usedBefore);
    expect((await file(m, campaignId)).created).toBe(true);
  });

  it('withdrawn by the member while pending; one open subsidy per campaign until then', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const id = (await file(m, campaignId)).response.application.id;
    expect((await refusalOf(file(m, campaignId))).code).toBe('APPLICATION_ALREADY_OPEN');
    expect((await w.uc.cancelApplication(w.deps, m.openid, id)).application.status).toBe('cancelled');
    expect((await refusalOf(decideOn(w.officials.bus, id, 's1'))).code).toBe('ALREADY_DECIDED');
    expect((await file(m, campaignId)).created).toBe(true);
  });

  it('is decided by the step’s union or those above only, and read by nobody else', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const other = await boundMember(w, w.unions.bus.id);
    const id = (await file(m, campaignId)).response.application.id;
    expect((await refusalOf(decideOn(w.officials.sanya, id, 's1'))).code).toBe('FORBIDDEN');
    expect((await refusalOf(decideOn(w.officials.food, id, 's1'))).code).toBe('FORBIDDEN');
    expect((await refusalOf(decideOn(w.officials.haikou, id, 's2'))).code).toBe('STEP_NOT_OPEN');
    expect((await refusalOf(w.uc.getApplication(w.deps, other.openid, id))).code).toBe('NOT_FOUND');
    expect((await refusalOf(w.uc.getApplication(w.deps, w.officials.sanya, id))).code).toBe('NOT_FOUND');
    expect((await w.uc.getApplication(w.deps, w.officials.haikou, id)).application.can.decide).toEqual(['approve', 'reject']);
  });

  it('refuses members outside the campaign’s owner', async () => {
    const haikouOnly = await campaignsUc.createCampaign(w.deps, w.officials.haikou, campaignRequest(w.haikou.id, {}, 10));
    const m = await boundMember(w, w.unions.hotel.id);
    expect((await refusalOf(file(m, haikouOnly.campaign.id))).code).toBe('NOT_ELIGIBLE');
  });
});

describe('never two payouts, never over the quota', () => {
  it('two approvals of two applications of one member and campaign at once → one payout, one place', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const first = (await file(m, campaignId)).response.application.id;
    // A second application of the same member and campaign, written past the open guard (as a
    // paper application entered by hand would be): only the payout item can stop a second payout.
    const original = await w.deps.applications.get(first);
    if (!original) throw new Error('application vanished');
    const copy = { ...original, id: w.deps.newId() };
    const written = await w.deps.applications.commit({ before: null, after: copy, decidedStepId: null, notice: noticeOf(copy), claim: [], release: [], absent: [], effect: null });
    expect(written.kind).toBe('done');
    for (const id of [first, copy.id]) await decideOn(w.officials.bus, id, 's1');
    const usedBefore = (await w.deps.campaigns.pools(campaignId)).find((p) => p.pool === '01')?.used ?? 0;

    const outcomes = await Promise.all([first, copy.id].map((id) => outcomeOf(decideOn(w.officials.haikou, id, 's2'))));
    // The copy cannot release the guard the first holds, so the first wins; the copy is refused by the
    // payout (and the paid mark) when it comes second, or by the guard when it comes first.
    expect(outcomes[0]).toBe('accepted');
    expect(['SUBSIDY_ALREADY_PAID', 'APPLICATION_STALE']).toContain(outcomes[1]);
    expect((await w.deps.campaigns.payout(campaignId, m.memberId))?.applicationId).toBe(first);
    expect((await w.deps.campaigns.pools(campaignId)).find((p) => p.pool === '01')?.used).toBe(usedBefore + 1);

    // The payout item alone refuses a second payout: the copy's approval written with no guard at all.
    const stale = await w.deps.applications.get(copy.id);
    if (!stale) throw new Error('copy vanished');
    const approved = { ...stale, version: stale.version + 1, status: 'approved' as const };
    const second = await w.deps.applications.commit({
      before: stale,
      after: approved,
      decidedStepId: null,
      notice: noticeOf(approved),
      claim: [],
      release: [],
      absent: [],
      effect: { type: 'record-payout', campaignId, memberId: m.memberId, applicationId: copy.id, amountFen: 10_000, regionCode: '01', pool: '01', payee: null },
    });
    expect(second).toEqual({ kind: 'refused', parts: ['payout'] });
    expect((await w.deps.campaigns.pools(campaignId)).find((p) => p.pool === '01')?.used).toBe(usedBefore + 1);
  });

  it('a city quota of 1 and two approvals → one wins, the other gets SUBSIDY_QUOTA_EXHAUSTED', async () => {
    const small = (await campaignsUc.createCampaign(w.deps, w.officials.province, campaignRequest(w.province.id, { '02': 1 }, 1))).campaign.id;
    await campaignsUc.approveCampaign(w.deps, w.admin, small);
    const [a, b] = [await boundMember(w, w.unions.hotel.id), await boundMember(w, w.unions.hotel.id)];
    const ids = [(await file(a, small)).response.application.id, (await file(b, small)).response.application.id];
    for (const id of ids) await decideOn(w.officials.hotel, id, 's1');
    const outcomes = await Promise.all(ids.map((id) => outcomeOf(decideOn(w.officials.sanya, id, 's2'))));
    expect([...outcomes].sort()).toEqual(['SUBSIDY_QUOTA_EXHAUSTED', 'accepted']);
    expect(await w.deps.campaigns.pools(small)).toEqual([{ pool: '02', total: 1, left: 0, used: 1, amountFen: 10_000 }]);
    const raw = await rawItem('campaigns', { pk: { S: campaignKeys.campaign(small) }, sk: { S: campaignKeys.quota('02') } });
    expect(raw?.left?.N).toBe('0');
    // The loser is still pending at its last step: the official rejects it.
    const loser = ids[outcomes[0] === 'accepted' ? 1 : 0] as string;
    expect((await decideOn(w.officials.sanya, loser, 's2', 'reject', '名额已满')).application.status).toBe('rejected');
    const payouts = await Promise.all([a, b].map((m) => w.deps.campaigns.payout(small, m.memberId)));
    expect(payouts.filter((p) => p !== null)).toHaveLength(1);
    // A member of 三亚 sees that no place is left.
    const c = await boundMember(w, w.unions.hotel.id);
    expect((await campaignsUc.getCampaign(w.deps, c.openid, small)).campaign.me).toMatchObject({ reason: 'SUBSIDY_QUOTA_EXHAUSTED', quotaLeft: 0 });
    expect((await refusalOf(file(c, small))).code).toBe('SUBSIDY_QUOTA_EXHAUSTED');
  });

  it('two officials deciding one step at once → exactly one decision', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const id = (await file(m, campaignId)).response.application.id;
    const outcomes = await Promise.all([
      outcomeOf(decideOn(w.officials.bus, id, 's1', 'approve')),
      outcomeOf(decideOn(w.officials.haikou, id, 's1', 'reject', '材料不全')),
    ]);
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'ALREADY_DECIDED')).toHaveLength(1);
    const app = await w.deps.applications.get(id);
    expect(app?.timeline.filter((e) => e.action === 'approved' || e.action === 'rejected')).toHaveLength(1);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PAYEE } from '../../support/payee';
import type { CreateCampaignRequest } from '../../../functions/applications/contracts/subsidy';
import { shanghaiDate } from '../../../functions/applications/domain/working-days';
import { applicationKeys } from '../../../functions/applications/data/keys';
import { refusalOf } from '../../support/outcome';
import { jpegHtmlPolyglot, jpegImage } from '../../support/images';
import { applicationWorld, boundMember, rawItem, type ApplicationWorld } from './world';

/**
 * Security review, item 9, replayed on DynamoDB Local with the real ProofStore on s3rver: a JPEG/HTML
 * polyglot uploaded through the presigned POST is refused at filing, and one uploaded key backs one
 * application — a second application naming it is refused (another campaign, or after the first was
 * withdrawn), and of ten concurrent filings naming it exactly one is written. The filings use
 * different campaigns, so the proof's guard alone decides (one open 补贴 per member and campaign
 * would otherwise).
 */
let w: ApplicationWorld;
const campaignIds: string[] = [];

const DAY_MS = 86_400_000;
const travelDate = () => shanghaiDate(new Date(Date.now() - 2 * DAY_MS));

function campaignRequest(orgId: string, n: number): CreateCampaignRequest {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    title: `证明图片测试补贴${n}`,
    description: '往返票价满50元可申请',
    orgId,
    applyFrom: iso(Date.now() - DAY_MS),
    applyUntil: iso(Date.now() + 30 * DAY_MS),
    travelFrom: shanghaiDate(new Date(Date.now() - 20 * DAY_MS)),
    travelUntil: shanghaiDate(new Date(Date.now() + 40 * DAY_MS)),
    fareThresholdFen: 5_000,
    tiers: [{ minFareFen: 5_000, amountFen: 5_000 }],
    places: 100,
    regionQuotas: { '01': 50 },
  };
}

/** Uploads `bytes` with a presigned POST as Taro.uploadFile does (fields first, then `file`). */
async function uploaded(openid: string, bytes: Uint8Array): Promise<string> {
  const ticket = await w.deps.proofs.presign(openid, 'image/jpeg');
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), 'wx-tmp.jpg');
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return ticket.key;
}

/**
 * Files with the daily per-account filing limit lifted (it is item 6's, and would refuse the 6th of
 * these filings before the proof's guard is reached).
 */
const file = (openid: string, campaignId: string, proofKeys: string[]) =>
  w.uc.submitApplication({ ...w.deps, quotas: { ...w.deps.quotas, consume: async () => true } }, openid, {
    kind: 'subsidy',
    form: { campaignId, travelDate: travelDate(), fromStation: '海口东站', toStation: '郑州站', fare: 120, proofKeys, payee: TEST_PAYEE },
  });

const proofGuard = async (key: string) => (await rawItem('guards', { key: { S: applicationKeys.proof(key) } }))?.owner?.S ?? null;

beforeAll(async () => {
  w = await applicationWorld('proofs');
  const { approveCampaign, createCampaign } = await import('../../../functions/applications/services/campaigns');
  for (let n = 0; n < 11; n += 1) campaignIds.push((await createCampaign(w.deps, w.officials.province, campaignRequest(w.province.id, n))).campaign.id);
  // Money needs two people: each campaign takes effect once someone other than its creator approves it.
  for (const id of campaignIds) await approveCampaign(w.deps, w.admin, id);
}, 120_000);

describe('a proof image', () => {
  it('that is the review’s JPEG/HTML polyglot, uploaded through the presigned POST, is refused at filing', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const polyglot = await uploaded(m.openid, jpegHtmlPolyglot());
    const refusal = await refusalOf(file(m.openid, campaignIds[0] as string, [polyglot]));
    expect([refusal.status, refusal.code, refusal.message]).toEqual([400, 'PROOF_INVALID', '第 1 张证明图片无法识别，请重新拍照上传']);
    expect(refusal.fields).toEqual({ proofKeys: refusal.message });
    expect(await w.deps.applications.listByApplicant(m.openid, 10)).toEqual([]);
    expect(await proofGuard(polyglot)).toBeNull();
  });

  it('backs one application: a second naming it is refused, in another campaign or after the first was withdrawn', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const key = await uploaded(m.openid, jpegImage());
    const first = (await file(m.openid, campaignIds[0] as string, [key])).response.application.id;
    expect(await proofGuard(key)).toBe(first);

    const other = await uploaded(m.openid, jpegImage());
    const reused = await refusalOf(file(m.openid, campaignIds[1] as string, [other, key]));
    expect([reused.status, reused.code, reused.message]).toEqual([409, 'PROOF_ALREADY_USED', '第 2 张证明图片已用于另一件申请，每张图片只能用于一件申请；请重新拍照上传后再提交']);
    expect(await proofGuard(other)).toBeNull(); // nothing of the refused filing was written

    // Withdrawn, the application keeps its proof: the key stays taken.
    await w.uc.cancelApplication(w.deps, m.openid, first);
    expect(await proofGuard(key)).toBe(first);
    expect((await refusalOf(file(m.openid, campaignIds[0] as string, [key]))).code).toBe('PROOF_ALREADY_USED');
    // A fresh upload is fine.
    const again = await file(m.openid, campaignIds[0] as string, [other]);
    expect(again.created).toBe(true);
    expect(await proofGuard(other)).toBe(again.response.application.id);
  });

  it('named by 10 concurrent filings (10 campaigns): exactly one is written', async () => {
    const m = await boundMember(w, w.unions.food.id);
    const key = await uploaded(m.openid, jpegImage());
    const results = await Promise.allSettled(campaignIds.slice(1, 11).map((campaignId) => file(m.openid, campaignId, [key])));
    const written = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.response.application.id] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: string }).code] : []));
    expect(written).toHaveLength(1);
    expect(refused).toEqual(new Array(9).fill('PROOF_ALREADY_USED'));
    expect(await proofGuard(key)).toBe(written[0]);
    const mine = await w.deps.applications.listByApplicant(m.openid, 50);
    expect(mine.map((a) => a.id)).toEqual(written);
  });
});

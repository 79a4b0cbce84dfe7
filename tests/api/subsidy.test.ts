import { TEST_PAYEE } from '../support/payee';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../scripts/lib/demo-data';
import { bindingOf } from '../support/binding';
import { jpegImage } from '../support/images';
import { call, demoMember, loginAs, unique } from './client';

/**
 * 补贴 over HTTP (serverless-offline, DynamoDB Local with the demo data, s3rver): the demo campaign
 * (农民工春节返乡交通补贴, open from the moment of seeding), a member filing with a ticket uploaded
 * through POST /api/uploads, the two reviews, the payout in the view, a second filing refused;
 * officials creating, listing and extending campaigns; bad input; never a 5xx.
 *
 * Demo accounts: province, haikou, sanya, hotel (三亚鹿岭酒店工会), bus, member, guest.
 * Roster members bound here: demo members 170–189 (reserved for this file), each to a new log-in.
 */
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];
const demoCampaign = (loadDemoData().campaigns ?? [])[0];
const CAMPAIGN = demoCampaign?.id as string;
const DAY_MS = 86_400_000;
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  for (const who of ['province', 'haikou', 'sanya', 'hotel', 'bus', 'member', 'guest']) tokens[who] = await loginAs(who);
}, 60_000);

async function boundMember(index: number) {
  const m = demoMember(170 + index);
  const token = await loginAs(unique('sub'));
  const bound = await call('POST', '/api/me/binding', { token, json: bindingOf(m) });
  expect(bound.status, bound.text).toBe(200);
  return { token, member: m };
}

/** A ticket photo uploaded with a ticket from POST /api/uploads, as Taro.uploadFile sends it. */
async function proof(token: string): Promise<string> {
  const answer = await call('POST', '/api/uploads', { token, json: { contentType: 'image/jpeg' } });
  expect(answer.status, answer.text).toBe(200);
  const form = new FormData();
  for (const [field, value] of Object.entries(answer.body.fields as Record<string, string>)) form.append(field, value);
  form.append('file', new Blob([jpegImage() as Uint8Array<ArrayBuffer>]), 'ticket.jpg');
  expect((await fetch(answer.body.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  return answer.body.key as string;
}

const subsidyForm = (proofKeys: string[], overrides: Record<string, unknown> = {}) => ({
  campaignId: CAMPAIGN,
  travelDate: chinaDate(Date.now() - 3 * DAY_MS),
  fromStation: '三亚站',
  toStation: '南宁东站',
  fare: 612.5,
  proofKeys,
  payee: TEST_PAYEE,
  ...overrides,
});
const fileSubsidy = (token: string, form: Record<string, unknown>) => call('POST', '/api/applications', { token, json: { kind: 'subsidy', form } });
const decide = (token: string, id: string, json: Record<string, unknown>) => call('POST', `/api/applications/${id}/decisions`, { token, json });

describe('GET /api/subsidy-campaigns', () => {
  it('needs a log-in and lists the open demo campaign with where the caller stands', async () => {
    expect(refusal(await call('GET', '/api/subsidy-campaigns'))).toEqual([401, 'UNAUTHENTICATED']);
    const guest = await call('GET', '/api/subsidy-campaigns', { token: as('guest') });
    expect(guest.status, guest.text).toBe(200);
    const item = guest.body.items.find((c: { id: string }) => c.id === CAMPAIGN);
    expect(item).toMatchObject({
      title: '农民工春节返乡交通补贴',
      owner: { id: 'org-hainan', name: '海南省总工会' },
      state: 'open',
      extended: false,
      fareThresholdFen: 5_000,
      tiers: [
        { minFareFen: 5_000, amountFen: 5_000 },
        { minFareFen: 20_000, amountFen: 10_000 },
        { minFareFen: 50_000, amountFen: 20_000 },
        { minFareFen: 100_000, amountFen: 30_000 },
      ],
      me: { eligible: false, reason: 'NOT_BOUND', regionCode: null, quotaLeft: null, applicationId: null },
    });
    expect(item.applyUntil).toMatch(/\+08:00$/);
  });

  it('shows a bound member their city’s places; an unknown or malformed id is 404', async () => {
    const { token } = await boundMember(0);
    const answer = await call('GET', `/api/subsidy-campaigns/${CAMPAIGN}`, { token });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.campaign.me).toMatchObject({ eligible: true, reason: null });
    expect(answer.body.campaign.me.quotaLeft).toBeGreaterThan(0);
    expect(refusal(await call('GET', '/api/subsidy-campaigns/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token }))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await call('GET', '/api/subsidy-campaigns/not-an-id', { token }))).toEqual([404, 'NOT_FOUND']);
  });
});

describe('POST /api/applications {kind: subsidy}', () => {
  it('is filed with an uploaded ticket, approved by the union and the city, and shows its payout; never a second time', async () => {
    const { token, member } = await boundMember(2); // 三亚鹿岭度假酒店有限公司工会
    expect(member.orgId).toBe('org-g-sy-hotel');
    const key = await proof(token);
    const filed = await fileSubsidy(token, subsidyForm([key]));
    expect(filed.status, filed.text).toBe(201);
    const id = filed.body.application.id as string;
    expect(filed.body.application).toMatchObject({
      kind: 'subsidy',
      status: 'pending',
      form: { kind: 'subsidy', campaign: { id: CAMPAIGN, title: '农民工春节返乡交通补贴' }, fareFen: 61_250, amountFen: 20_000, payout: null },
    });
    expect(filed.body.application.steps.map((s: { name: string; org: { id: string } }) => [s.name, s.org.id])).toEqual([
      ['单位工会初审', 'org-g-sy-hotel'],
      ['市总工会复核', 'org-sanya'],
    ]);
    expect(filed.body.application.form.proofUrls).toHaveLength(1);
    expect((await fetch(filed.body.application.form.proofUrls[0])).status).toBe(200);

    expect(refusal(await decide(as('bus'), id, { step: 's1', decision: 'approve' }))).toEqual([403, 'FORBIDDEN']);
    expect((await decide(as('hotel'), id, { step: 's1', decision: 'approve', comment: '属实' })).status).toBe(200);
    const done = await decide(as('sanya'), id, { step: 's2', decision: 'approve' });
    expect(done.status, done.text).toBe(200);
    expect(done.body.application).toMatchObject({ status: 'approved', form: { payout: { status: 'pending', amountFen: 20_000 } } });

    const again = await fileSubsidy(token, subsidyForm([await proof(token)]));
    expect(refusal(again)).toEqual([409, 'SUBSIDY_ALREADY_PAID']);
    const other = await boundMember(3);
    expect(refusal(await call('GET', `/api/applications/${id}`, { token: other.token }))).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses bad forms with the field, images not uploaded, a fare under the threshold, unbound accounts', async () => {
    const { token } = await boundMember(1);
    const key = await proof(token);
    for (const [form, field] of [
      [subsidyForm([key], { fare: 12.345 }), 'fare'],
      [subsidyForm([]), 'proofKeys'],
      [subsidyForm([key], { travelDate: '20260101' }), 'travelDate'],
      [{ ...subsidyForm([key]), amountFen: 30_000 }, null],
    ] as const) {
      const answer = await fileSubsidy(token, form);
      expect(refusal(answer), JSON.stringify(form)).toEqual([400, 'INVALID_INPUT']);
      // The contract names fields by their path in the request (`form.fare`); the front end strips `form.`.
      if (field) expect(Object.keys(answer.body.error.fields ?? {})).toContain(`form.${field}`);
    }
    const low = await fileSubsidy(token, subsidyForm([key], { fare: 30 }));
    expect(refusal(low)).toEqual([400, 'INVALID_INPUT']);
    expect(low.body.error.fields.fare).toMatch(/50元/);
    const future = await fileSubsidy(token, subsidyForm([key], { travelDate: chinaDate(Date.now() + 2 * DAY_MS) }));
    expect(future.body.error.fields).toHaveProperty('travelDate');
    expect(refusal(await fileSubsidy(token, subsidyForm(['proofs/0000000000000000/01ARZ3NDEKTSV4RRFFQ69G5FAV.jpg'])))).toEqual([400, 'PROOF_INVALID']);
    expect(refusal(await fileSubsidy(as('guest'), subsidyForm([key])))).toEqual([403, 'NOT_BOUND']);
    expect(refusal(await fileSubsidy(token, subsidyForm([key], { campaignId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })))).toEqual([400, 'INVALID_INPUT']);
  });
});

describe('the campaign desk', () => {
  const request = () => ({
    title: '夏季返岗交通补贴',
    description: '往返票价满80元可申请',
    orgId: 'org-haikou',
    applyFrom: new Date(Date.now() - DAY_MS).toISOString(),
    applyUntil: new Date(Date.now() + 10 * DAY_MS).toISOString(),
    travelFrom: chinaDate(Date.now() - 10 * DAY_MS),
    travelUntil: chinaDate(Date.now() + 20 * DAY_MS),
    fareThresholdFen: 8_000,
    tiers: [
      { minFareFen: 8_000, amountFen: 5_000 },
      { minFareFen: 30_000, amountFen: 10_000 },
    ],
    places: 500,
    regionQuotas: { '01': 500 },
  });

  it('lets officials create for their subtree, lists it with its figures, extends it once', async () => {
    expect(refusal(await call('POST', '/api/admin/subsidy-campaigns', { token: as('member'), json: request() }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('POST', '/api/admin/subsidy-campaigns', { token: as('sanya'), json: request() }))).toEqual([403, 'FORBIDDEN']);
    const bad = await call('POST', '/api/admin/subsidy-campaigns', { token: as('haikou'), json: { ...request(), fareThresholdFen: 4_000 } });
    expect(refusal(bad)).toEqual([400, 'INVALID_INPUT']);
    expect(bad.body.error.fields).toHaveProperty('fareThresholdFen');

    const created = await call('POST', '/api/admin/subsidy-campaigns', { token: as('haikou'), json: request() });
    expect(created.status, created.text).toBe(201);
    const id = created.body.campaign.id as string;
    expect(created.body.campaign).toMatchObject({
      owner: { id: 'org-haikou' },
      places: 500,
      figures: { used: 0, left: 500, byRegion: { '01': { quota: 500, used: 0, left: 500 } }, otherRegions: null, payouts: 0 },
    });

    const mine = await call('GET', '/api/admin/subsidy-campaigns', { token: as('haikou') });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(mine.body.items.map((c: { id: string }) => c.id)).not.toContain(CAMPAIGN); // the province's is above 海口
    const province = await call('GET', '/api/admin/subsidy-campaigns', { token: as('province') });
    expect(province.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([id, CAMPAIGN]));
    expect((await call('GET', '/api/admin/subsidy-campaigns', { token: as('sanya') })).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect(refusal(await call('GET', '/api/admin/subsidy-campaigns', { token: as('member') }))).toEqual([403, 'FORBIDDEN']);

    const until = new Date(Date.now() + 20 * DAY_MS).toISOString();
    const extended = await call('POST', `/api/admin/subsidy-campaigns/${id}/extension`, { token: as('haikou'), json: { applyUntil: until } });
    expect(extended.status, extended.text).toBe(200);
    expect(extended.body.campaign.extended).toBe(true);
    const again = await call('POST', `/api/admin/subsidy-campaigns/${id}/extension`, { token: as('haikou'), json: { applyUntil: new Date(Date.now() + 30 * DAY_MS).toISOString() } });
    expect(refusal(again)).toEqual([409, 'SUBSIDY_ALREADY_EXTENDED']);
    expect(refusal(await call('POST', `/api/admin/subsidy-campaigns/${id}/extension`, { token: as('sanya'), json: { applyUntil: until } }))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await call('POST', `/api/admin/subsidy-campaigns/${id}/extension`, { token: as('haikou'), json: { applyUntil: 'tomorrow' } }))).toEqual([400, 'INVALID_INPUT']);
  });
});

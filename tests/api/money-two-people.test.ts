import { TEST_PAYEE } from '../support/payee';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../scripts/lib/demo-data';
import { bindingOf } from '../support/binding';
import { jpegImage } from '../support/images';
import { call, demoMember, loginAs, unique } from './client';

/**
 * Money needs two people (issue 13, item 4) over HTTP: the province's subsidy rules (who reads,
 * who changes them), a campaign of 海口 pending until the province approves it (who may approve), and
 * `haikou` deciding both steps of one application refused at the second.
 *
 * Demo accounts: province, haikou, sanya, bus, member. Roster member bound here: demo member 193
 * (海口 社区卫生服务中心工会, reserved for this file), to a new log-in.
 */
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];
const DAY_MS = 86_400_000;
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const DEMO_CAMPAIGN = (loadDemoData().campaigns ?? [])[0]?.id as string;

beforeAll(async () => {
  for (const who of ['province', 'haikou', 'sanya', 'bus', 'member']) tokens[who] = await loginAs(who);
}, 60_000);

const request = (amountFen = 10_000) => ({
  title: '海口两人审批补贴',
  description: '往返票价满50元可申请',
  orgId: 'org-haikou',
  applyFrom: new Date(Date.now() - DAY_MS).toISOString(),
  applyUntil: new Date(Date.now() + 10 * DAY_MS).toISOString(),
  travelFrom: chinaDate(Date.now() - 20 * DAY_MS),
  travelUntil: chinaDate(Date.now() + 20 * DAY_MS),
  fareThresholdFen: 5_000,
  tiers: [{ minFareFen: 5_000, amountFen }],
  places: 10,
});

describe('POST /api/admin/subsidy-campaigns/{id}/approval', () => {
  it('refuses ¥100,000 for a ¥50 fare; a valid campaign of haikou waits for the province, never its creator', async () => {
    const huge = await call('POST', '/api/admin/subsidy-campaigns', { token: as('haikou'), json: request(10_000_000) });
    expect(refusal(huge)).toEqual([400, 'SUBSIDY_TIER_NOT_ALLOWED']);
    expect(huge.body.error.message).toContain('300元');

    const created = await call('POST', '/api/admin/subsidy-campaigns', { token: as('haikou'), json: request() });
    expect(created.status, created.text).toBe(201);
    const id = created.body.campaign.id as string;
    expect(created.body.campaign).toMatchObject({ state: 'pending_approval', approval: { status: 'pending_approval', approvedAt: null, canApprove: false } });
    const members = await call('GET', '/api/subsidy-campaigns', { token: as('member') });
    expect(members.body.items.map((c: { id: string }) => c.id)).not.toContain(id);

    const approve = (who: string | undefined, campaignId = id) => call('POST', `/api/admin/subsidy-campaigns/${campaignId}/approval`, { token: who ? as(who) : undefined });
    expect(refusal(await approve(undefined))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await approve('member'))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await approve('haikou'))).toEqual([403, 'CAMPAIGN_SELF_APPROVAL']);
    expect(refusal(await approve('sanya'))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await approve('bus'))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await approve('province', 'not-an-id'))).toEqual([404, 'NOT_FOUND']);
    const listed = await call('GET', '/api/admin/subsidy-campaigns', { token: as('province') });
    expect(listed.body.items.find((c: { id: string }) => c.id === id)?.approval.canApprove).toBe(true);

    const approved = await approve('province');
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.campaign).toMatchObject({ state: 'open', approval: { status: 'approved', canApprove: false } });
    expect(approved.body.campaign.approval.approvedAt).toMatch(/\+08:00$/);
    expect(refusal(await approve('province'))).toEqual([409, 'CAMPAIGN_NOT_PENDING']);
    // The demo campaign is seeded approved: open for members.
    expect(members.body.items.map((c: { id: string }) => c.id)).toContain(DEMO_CAMPAIGN);
  });
});

describe('/api/admin/subsidy-rules', () => {
  it('any official reads them (the national ¥50–300 by default shape); only the province changes them, over the version read', async () => {
    expect(refusal(await call('GET', '/api/admin/subsidy-rules', { token: as('member') }))).toEqual([403, 'FORBIDDEN']);
    const read = await call('GET', '/api/admin/subsidy-rules', { token: as('haikou') });
    expect(read.status, read.text).toBe(200);
    expect(read.body.rules.canUpdate).toBe(false);
    const { tierAmountsFen, maxPayoutFen, version } = read.body.rules as { tierAmountsFen: number[]; maxPayoutFen: number; version: number };
    expect(tierAmountsFen.every((a) => a <= maxPayoutFen)).toBe(true);
    expect((await call('GET', '/api/admin/subsidy-rules', { token: as('province') })).body.rules.canUpdate).toBe(true);

    const update = (who: string, json: Record<string, unknown>) => call('POST', '/api/admin/subsidy-rules', { token: as(who), json });
    expect(refusal(await update('haikou', { tierAmountsFen, maxPayoutFen, version }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await update('member', { tierAmountsFen, maxPayoutFen, version }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await update('province', { tierAmountsFen, maxPayoutFen, version: version + 5 }))).toEqual([409, 'SUBSIDY_RULES_CHANGED']);
    const bad = await update('province', { tierAmountsFen: [5_000, 40_000], maxPayoutFen: 30_000, version });
    expect(refusal(bad)).toEqual([400, 'INVALID_INPUT']);
    expect(bad.body.error.fields).toHaveProperty('tierAmountsFen');
    // The same amounts again (other files share the stage): a new version, audited.
    const same = await update('province', { tierAmountsFen, maxPayoutFen, version });
    expect(same.status, same.text).toBe(200);
    expect(same.body.rules).toMatchObject({ tierAmountsFen: [...tierAmountsFen].sort((a, b) => a - b), maxPayoutFen, version: version + 1, canUpdate: true });
  });
});

describe('POST /api/applications/{id}/decisions', () => {
  it('haikou decides step 1 as the level above, then his step 2 is refused: 403 SAME_OFFICIAL_TWICE; the province completes it', async () => {
    const m = demoMember(193);
    const token = await loginAs(unique('two'));
    const bound = await call('POST', '/api/me/binding', { token, json: bindingOf(m) });
    expect(bound.status, bound.text).toBe(200);
    const ticket = await call('POST', '/api/uploads', { token, json: { contentType: 'image/jpeg' } });
    const form = new FormData();
    for (const [field, value] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(field, value);
    form.append('file', new Blob([jpegImage() as Uint8Array<ArrayBuffer>]), 'ticket.jpg');
    expect((await fetch(ticket.body.url, { method: 'POST', body: form })).status).toBeLessThan(300);
    const filed = await call('POST', '/api/applications', {
      token,
      json: { kind: 'subsidy', form: { campaignId: DEMO_CAMPAIGN, travelDate: chinaDate(Date.now() - 3 * DAY_MS), fromStation: '海口站', toStation: '南宁东站', fare: 268.5, proofKeys: [ticket.body.key], payee: TEST_PAYEE } },
    });
    expect(filed.status, filed.text).toBe(201);
    const id = filed.body.application.id as string;
    const decide = (who: string, step: string) => call('POST', `/api/applications/${id}/decisions`, { token: as(who), json: { step, decision: 'approve' } });

    expect((await decide('haikou', 's1')).status).toBe(200);
    const twice = await decide('haikou', 's2');
    expect(refusal(twice)).toEqual([403, 'SAME_OFFICIAL_TWICE']);
    expect(twice.body.error.message).toBe('不能由同一人审核同一申请的两个环节，请由其他工作人员或上级工会审核');
    const seen = await call('GET', `/api/applications/${id}`, { token: as('haikou') });
    expect([seen.body.application.status, seen.body.application.form.payout, seen.body.application.can.decide]).toEqual(['pending', null, []]);

    const done = await decide('province', 's2');
    expect(done.status, done.text).toBe(200);
    expect(done.body.application).toMatchObject({ status: 'approved', form: { payout: { status: 'pending', amountFen: 10_000 } } });
  });
});

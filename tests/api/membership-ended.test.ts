import { beforeAll, describe, expect, it } from 'vitest';
import { joinForm } from '../integration/applications/world';
import { createRequestFixture } from '../support/benefits-fixtures';
import { call, loginAs, unique } from './client';

/**
 * Issue 13, item 7, replayed over HTTP (serverless-offline + DynamoDB Local with the demo data): a
 * member claims two coupons, shows one QR, has one redeemed; 海口市总 records their 退会. Before the
 * fix the QR was still issued, the clerk redeemed the QR shown before the leave (201) and GET /api/me
 * showed the card as if nothing happened. Now: no QR, the redemption refused, the card stopped, the
 * card QR refused, claims refused. The member who leaves joins first (a join approved by 公交工会),
 * so the roster's active total never drops below the seed's (the statistics test counts it).
 */
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];
const requestId = () => unique('req').replace(/[^A-Za-z0-9_-]/g, '');
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;

beforeAll(async () => {
  for (const who of ['admin', 'haikou', 'bus', 'clerk']) tokens[who] = await loginAs(who);
}, 60_000);

/** A new member of 海口椰城公共交通有限公司工会 (join approved by `bus`), bound to a new account. */
async function newMember(): Promise<{ id: string; token: string }> {
  const form = joinForm('org-g-hk-bus');
  const filed = await call('POST', '/api/applications', { token: await loginAs(unique('leaver')), json: { kind: 'join', form } });
  expect(filed.status, filed.text).toBe(201);
  const approved = await call('POST', `/api/applications/${filed.body.application.id}/decisions`, {
    token: as('bus'),
    json: { step: 's1', decision: 'approve', comment: '同意入会' },
  });
  expect(approved.status, approved.text).toBe(200);
  const token = await loginAs(unique('leaver-wx'));
  const bound = await call('POST', '/api/me/binding', {
    token,
    json: { name: form.name, idNumber: form.idNumber, phoneCode: form.phoneCode, consent: true },
  });
  expect(bound.status, bound.text).toBe(200);
  return { id: bound.body.member.id as string, token };
}

async function publishedBenefit(): Promise<string> {
  const json = createRequestFixture(
    { orgId: 'org-hainan', merchantIds: ['mch-yefeng-cinema'] },
    { title: unique('退会测试权益').slice(0, 40), stock: 20, perMemberLimit: 3 },
  );
  const created = await call('POST', '/api/admin/benefits', { token: as('admin'), json });
  expect(created.status, created.text).toBe(201);
  const id = created.body.benefit.id as string;
  expect((await call('POST', `/api/admin/benefits/${id}/status`, { token: as('admin'), json: { action: 'publish' } })).status).toBe(200);
  return id;
}

describe('a member who left (退会) keeps no benefits', () => {
  it('gets no coupon QR, has a QR shown before the leave refused at the counter, sees the card stopped', async () => {
    const member = await newMember();
    const benefitId = await publishedBenefit();
    const claim = () => call('POST', `/api/benefits/${benefitId}/claims`, { token: member.token, json: { requestId: requestId() } });
    const [first, second] = [await claim(), await claim()];
    expect([first.status, second.status], first.text).toEqual([201, 201]);
    const used = first.body.coupon.id as string;
    const unused = second.body.coupon.id as string;
    const qrOf = (id: string) => call('GET', `/api/me/coupons/${id}/qr`, { token: member.token });
    const redeem = (payload: string) => call('POST', '/api/redemptions', { token: as('clerk'), json: { token: payload } });
    expect((await redeem((await qrOf(used)).body.payload)).status).toBe(201);
    const shownBefore = await qrOf(unused);
    expect(shownBefore.status, shownBefore.text).toBe(200);
    const before = await call('GET', '/api/me', { token: member.token });
    expect(before.body.member).toMatchObject({ id: member.id, status: 'active', leftOn: null });
    expect((await call('GET', '/api/me/card', { token: member.token })).status).toBe(200);

    const left = await call('POST', `/api/admin/members/${member.id}/leave`, { token: as('haikou'), json: { reason: '调离本单位', date: '2025-01-02' } });
    expect(left.status, left.text).toBe(200);

    // The coupon QR is refused, with a message the member can act on.
    const qr = await qrOf(unused);
    expect(refusal(qr)).toEqual([403, 'MEMBERSHIP_ENDED']);
    expect(qr.body.error.message).toMatch(/退会.*联系所在工会/);
    // The QR shown before the leave is refused at the counter (it was 201).
    const counter = await redeem(shownBefore.body.payload);
    expect(refusal(counter)).toEqual([403, 'MEMBERSHIP_ENDED']);
    expect(counter.body.error.message).toContain('不能核销');
    // 我的券 keeps the history: the used coupon used, the other never redeemed.
    const mine = await call('GET', '/api/me/coupons', { token: member.token });
    expect(Object.fromEntries(mine.body.items.map((c: { id: string; status: string }) => [c.id, c.status]))).toEqual({ [used]: 'used', [unused]: 'unused' });
    // GET /api/me shows the card stopped; the card QR is refused; no new claim.
    const after = await call('GET', '/api/me', { token: member.token });
    expect(after.status, after.text).toBe(200);
    expect(after.body.member).toMatchObject({ id: member.id, status: 'left', leftOn: '2025-01-02', card: before.body.member.card });
    expect(refusal(await call('GET', '/api/me/card', { token: member.token }))).toEqual([403, 'MEMBERSHIP_ENDED']);
    const late = await claim();
    expect(refusal(late)).toEqual([403, 'NOT_ELIGIBLE']);
    expect(late.body.error.message).toContain('退会');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createRequestFixture } from '../support/benefits-fixtures';
import { call, loginAs, unique } from './client';

/**
 * Issue 15's front doors over HTTP: the 普惠 catalogue before log-in (a visitor reads it; claiming
 * stays member-only) and the clerk's 今日核销 (GET /api/redemptions: their merchants' redemptions of
 * a day, nobody else's). Demo accounts: admin, bus (member), clerk (椰风影城), clerk-books, member, haikou.
 */
const tokens: Record<string, string> = {};
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];

beforeAll(async () => {
  for (const who of ['admin', 'bus', 'clerk', 'clerk-books', 'member', 'haikou']) tokens[who] = await loginAs(who);
}, 60_000);

async function publishedAtCinema(): Promise<string> {
  const json = createRequestFixture({ orgId: 'org-hainan', merchantIds: ['mch-yefeng-cinema'] }, { title: unique('核销台').slice(0, 40), stock: 5 });
  const id = (await call('POST', '/api/admin/benefits', { token: tokens.admin, json })).body.benefit.id as string;
  expect((await call('POST', `/api/admin/benefits/${id}/status`, { token: tokens.admin, json: { action: 'publish' } })).status).toBe(200);
  return id;
}

describe('普惠 before log-in', () => {
  it('lists and shows benefits to a visitor without a session, as to an unbound account; claiming needs one', async () => {
    const id = await publishedAtCinema();
    const list = await call('GET', '/api/benefits');
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((b: { id: string }) => b.id)).toContain(id);
    const detail = await call('GET', `/api/benefits/${id}`);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.me).toEqual({ eligible: false, reason: 'NOT_BOUND', held: 0 });
    expect(refusal(await call('POST', `/api/benefits/${id}/claims`, { json: { requestId: unique('r') } }))).toEqual([401, 'UNAUTHENTICATED']);
    // A session sent is still checked: a forged one is refused rather than ignored.
    expect(refusal(await call('GET', '/api/benefits', { token: 'forged.token.value' }))).toEqual([401, 'UNAUTHENTICATED']);
    expect((await call('GET', `/api/benefits/${id}`, { token: tokens.bus })).body.me).toMatchObject({ eligible: true, reason: null });
  });
});

describe("GET /api/redemptions (今日核销)", () => {
  it("lists the clerk's merchant's redemptions of today with a count, masked; other days, other clerks and non-clerks see none", async () => {
    const id = await publishedAtCinema();
    const claimed = await call('POST', `/api/benefits/${id}/claims`, { token: tokens.bus, json: { requestId: unique('r').replace(/[^A-Za-z0-9_-]/g, '') } });
    const couponId = claimed.body.coupon.id as string;
    const qr = await call('GET', `/api/me/coupons/${couponId}/qr`, { token: tokens.bus });
    const before = await call('GET', '/api/redemptions', { token: tokens.clerk });
    expect(before.status, before.text).toBe(200);
    const redeemed = await call('POST', '/api/redemptions', { token: tokens.clerk, json: { token: qr.body.payload } });
    expect(redeemed.status, redeemed.text).toBe(201);

    const today = await call('GET', '/api/redemptions', { token: tokens.clerk });
    expect(today.body.day).toBe(redeemed.body.redemption.redeemedAt.slice(0, 10));
    expect(today.body.count).toBe(before.body.count + 1);
    expect(today.body.items[0]).toEqual(redeemed.body.redemption);
    expect(today.body.items[0].memberName).toContain('*');
    expect(JSON.stringify(today.body)).not.toMatch(/dev-|openid|memberId/);

    const dayBefore = new Date(Date.parse(`${today.body.day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const yesterday = await call('GET', `/api/redemptions?day=${dayBefore}`, { token: tokens.clerk });
    expect(yesterday.body.items.map((r: { couponId: string }) => r.couponId)).not.toContain(couponId);

    expect((await call('GET', '/api/redemptions', { token: tokens['clerk-books'] })).body.items.map((r: { couponId: string }) => r.couponId)).not.toContain(couponId);
    for (const who of ['member', 'haikou', 'admin']) expect(refusal(await call('GET', '/api/redemptions', { token: tokens[who] }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('GET', '/api/redemptions'))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await call('GET', '/api/redemptions?day=2026-13-01', { token: tokens.clerk }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await call('GET', '/api/redemptions?merchant=mch-x', { token: tokens.clerk }))).toEqual([400, 'INVALID_INPUT']);
  });
});

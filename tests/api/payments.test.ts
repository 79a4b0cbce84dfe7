import { beforeAll, describe, expect, it, inject } from 'vitest';
import { integrationDeps } from '../integration/context';
import { apiUrl, call, loginAs } from './client';

/**
 * Paying over HTTP: serverless-offline's real entry points, the notification URL reached by the
 * local fake of WeChat Pay exactly as WeChat Pay reaches it (signed, encrypted, over TCP), the keys
 * from the stack's secrets file. A priced first-come benefit (written through the desk's use case:
 * the desk's form offers free benefits only) → claim → 收银台 → the fake's cashier (paySign checked
 * as wx.requestPayment would) → the notification → 已支付 → the code in 我的券 → redeemed at the counter.
 */
const fake = (path: string, body: unknown = {}) =>
  fetch(`${inject('wechatPayUrl')}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

let member: string;
let clerk: string;
let benefitId: string;

beforeAll(async () => {
  await integrationDeps();
  const { createBenefit, changeStatus } = await import('../../functions/benefits/services/desk');
  const { productionDeps } = await import('../../functions/benefits/services/deps');
  const deps = await productionDeps();
  const now = Date.now();
  const { benefit } = await createBenefit(deps, 'dev-admin', {
    title: '一元观影 · 限时购',
    description: '支付1元购买电影兑换券一张。',
    category: 'cinema',
    merchantIds: ['mch-yefeng-cinema'],
    faceValueFen: 4000,
    priceFen: 100,
    stock: 20,
    perMemberLimit: 1,
    claimStartsAt: new Date(now - 60_000).toISOString(),
    claimEndsAt: new Date(now + 86_400_000).toISOString(),
    useEndsAt: new Date(now + 30 * 86_400_000).toISOString(),
    orgId: 'org-hainan',
  });
  await changeStatus(deps, 'dev-admin', benefit.id, 'publish');
  benefitId = benefit.id;
  member = await loginAs('member');
  clerk = await loginAs('clerk');
}, 60_000);

describe('a priced benefit paid with WeChat Pay (the local fake)', () => {
  it('claim → 收银台 → pay → notification → code → redeemed', async () => {
    const claimed = await call('POST', `/api/benefits/${benefitId}/claims`, { token: member, json: { requestId: `pay-${Date.now()}` } });
    expect(claimed.status).toBe(201);
    const couponId = claimed.body.coupon.id as string;
    expect(Date.parse(claimed.body.coupon.payBy) - Date.now()).toBeGreaterThan(170 * 60_000);
    // Not in 我的券 until paid.
    expect((await call('GET', '/api/me/coupons', { token: member })).body.items.map((c: { id: string }) => c.id)).not.toContain(couponId);
    const listed = await call('GET', '/api/me/orders', { token: member });
    expect(listed.body.items.find((o: { couponId: string }) => o.couponId === couponId)).toMatchObject({ state: 'awaiting_payment', canPay: true });

    const opened = await call('POST', '/api/me/orders', { token: member, json: { couponId } });
    expect(opened.status).toBe(201);
    expect(opened.body.order).toMatchObject({ state: 'paying', amountFen: 100, refundPolicyText: '本权益支付后不予退款' });
    expect(opened.body.payment).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) });
    // Another member: not theirs. A forged paySign: the cashier refuses it.
    expect((await call('POST', '/api/me/orders', { token: await loginAs('bus'), json: { couponId } })).status).toBe(404);
    expect((await fake('/__fake/cashier', { ...opened.body.payment, appId: 'wxlocal0000000000', paySign: opened.body.payment.paySign.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A')) })).body.errMsg).toBe('requestPayment:fail 签名错误');

    const paid = await fake('/__fake/cashier', { ...opened.body.payment, appId: 'wxlocal0000000000' });
    expect(paid.body.errMsg).toBe('requestPayment:ok');
    let state = '';
    for (let i = 0; i < 40 && state !== 'paid'; i++) {
      state = (await call('GET', `/api/me/orders/${opened.body.order.id}`, { token: member })).body.order.state;
      if (state !== 'paid') await new Promise((r) => setTimeout(r, 250));
    }
    expect(state).toBe('paid');
    const mine = await call('GET', '/api/me/coupons?status=unused', { token: member });
    const code = mine.body.items.find((c: { id: string }) => c.id === couponId);
    expect(code).toBeTruthy();
    expect(Date.parse(code.useEndsAt) - Date.now()).toBeGreaterThan(59 * 86_400_000);

    const qr = await call('GET', `/api/me/coupons/${couponId}/qr`, { token: member });
    const redeemed = await call('POST', '/api/redemptions', { token: clerk, json: { token: qr.body.code } });
    expect(redeemed.status).toBe(201);
    const again = await call('POST', '/api/redemptions', { token: clerk, json: { token: qr.body.code } });
    expect(again.body.error.code).toBe('COUPON_ALREADY_REDEEMED');
  });

  it('answers WeChat Pay’s signature probe and an unsigned body with 401, before reading anything', async () => {
    const probe = await fake('/__fake/probe', { url: `${apiUrl()}/api/payments/wechat/notify` });
    expect(probe.body.answer).toBe(401);
    const unsigned = await call('POST', '/api/payments/wechat/notify', { raw: '{"id":"EV-1","event_type":"TRANSACTION.SUCCESS","resource":{}}' });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.code).toBe('NOTIFY_SIGNATURE_INVALID');
  });
});

/**
 * 报名抽签 with a waiting list, end to end through the H5 build in Chromium against the whole local
 * stack: a priced scheduled draw (one place, two entrants: 林晓燕 of dev-bus and 吴振华 of dev-hotel)
 * is closed, seeded and confirmed by two officials through the use cases; the winner opens the
 * 收银台 (an order at the stack's fake WeChat Pay) but does not pay. The stack runs no sweep, so the
 * test runs the deadline settlement itself, in this process, with its clock past the deadline,
 * against the same DynamoDB Local and the same fake WeChat Pay: the order is queried and closed
 * there, the place released, the next on the waiting list promoted and both told. In Chromium the
 * promoted member finds 您已递补获得名额 in 消息中心, and a tap opens 我的订单 with the place to pay;
 * the winner's 我的订单 shows the place lapsed and that they cannot take part that day.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_MCHID, LOCAL_MERCHANT_SERIAL } from '../../scripts/lib/wechatpay-local';
import { integrationDeps } from '../integration/context';
import { openPhone, type PhoneBrowser } from './browser';
import { callApi, demoToken, isApi, logIn, openRoute } from './journey';

const h5Url = inject('h5Url');
const wechatPayUrl = inject('wechatPayUrl');
const TITLE = `一元观影 · 报名抽签 ${Date.now().toString(36)}`;
const ENTRANTS = { bus: 'dev-bus', hotel: 'dev-hotel' } as const;
type Who = keyof typeof ENTRANTS;
let drawId = '';
let phone: PhoneBrowser;

const api = <T>(path: string, init: Parameters<typeof callApi>[2] = {}) => callApi<T>(h5Url, path, init);
const tokenOf = (name: string) => demoToken(h5Url, name);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  // Places reserved in this process (the draw's confirmation) are to be paid within 10 minutes.
  process.env.PAY_WINDOW_MINUTES = '10';
  await integrationDeps();
  const { createBenefit, changeStatus } = await import('../../functions/benefits/services/desk');
  const { productionDeps: benefitDeps } = await import('../../functions/benefits/services/deps');
  const { createDraw } = await import('../../functions/draws/services/draw-admin');
  const { enterDraw } = await import('../../functions/draws/services/quiz');
  const { productionDeps: drawDeps } = await import('../../functions/draws/services/deps');
  const benefits = await benefitDeps();
  const draws = await drawDeps();
  const now = Date.now();
  // Entries close 20 seconds from now: the draw is closed on the real clock.
  const closesAt = now + 20_000;
  const { benefit } = await createBenefit(benefits, 'dev-admin', {
    title: TITLE,
    description: '报名后统一抽签，中签后在规定时间内支付1元。',
    category: 'cinema',
    merchantIds: ['mch-yefeng-cinema'],
    faceValueFen: 4000,
    priceFen: 100,
    stock: 1,
    perMemberLimit: 1,
    claimStartsAt: new Date(now - 60_000).toISOString(),
    claimEndsAt: new Date(closesAt).toISOString(),
    useEndsAt: new Date(now + 30 * 86_400_000).toISOString(),
    orgId: 'org-hainan',
  });
  drawId = (await createDraw(draws, 'dev-admin', benefit.id, { kind: 'scheduled', places: { '*': 1 }, seedSource: '测试开奖号码（候补旅程）' })).draw.id;
  await changeStatus(benefits, 'dev-admin', benefit.id, 'publish');
  for (const openid of Object.values(ENTRANTS)) await enterDraw(draws, openid, drawId);
  phone = await openPhone();
  await sleep(Math.max(0, closesAt - Date.now() + 1_000));
}, 120_000);

afterAll(async () => {
  await phone?.close();
});

describe('报名抽签 journey: the winner does not pay, the next on the waiting list gets the place (H5 in Chromium)', () => {
  it('releases the unpaid place at the deadline, promotes the waiting member, and both see it in 消息中心 and 我的订单', async () => {
    const { closeDraw, proposeSeed, confirmSeed } = await import('../../functions/draws/services/draw-admin');
    const { myDraw } = await import('../../functions/draws/services/quiz');
    const { productionDeps: drawDeps } = await import('../../functions/draws/services/deps');
    const draws = await drawDeps();
    await closeDraw(draws, 'dev-province', drawId);
    await proposeSeed(draws, 'dev-province', drawId, '05 12 19');
    await confirmSeed(draws, 'dev-admin', drawId, '05 12 19');

    const ticketOf = async (who: Who) => (await myDraw(draws, ENTRANTS[who], drawId)).me.tickets[0]!;
    const outcomes = { bus: await ticketOf('bus'), hotel: await ticketOf('hotel') };
    const winner: Who = outcomes.bus.outcome === 'won' ? 'bus' : 'hotel';
    const waiting: Who = winner === 'bus' ? 'hotel' : 'bus';
    expect(outcomes[winner].outcome).toBe('won');
    expect(outcomes[waiting].outcome).toBe('waitlist');
    const couponId = outcomes[winner].place!.couponId;

    // The winner opens the 收银台 (an order at the stack's fake WeChat Pay) and leaves without paying.
    const opened = await api<{ order: { id: string; state: string } }>('/api/me/orders', { method: 'POST', token: await tokenOf(winner), json: { couponId } });
    expect(opened.status).toBe(201);
    expect(opened.body.order.state).toBe('paying');

    // The deadline settlement, in this process, against the stack's DynamoDB Local and fake WeChat Pay.
    // Every answer of the fake is signed under its public key's id: learnt from one answer.
    const probe = await fetch(`${wechatPayUrl}/v3/pay/transactions/out-trade-no/none?mchid=${LOCAL_MCHID}`);
    const publicKeyId = probe.headers.get('wechatpay-serial');
    expect(publicKeyId).toMatch(/^PUB_KEY_ID_/);
    Object.assign(process.env, {
      WECHATPAY_API_BASE: wechatPayUrl,
      WECHATPAY_MCHID: LOCAL_MCHID,
      WECHATPAY_MERCHANT_SERIAL: LOCAL_MERCHANT_SERIAL,
      WECHATPAY_PUBLIC_KEY_ID: publicKeyId,
      WECHATPAY_NOTIFY_BASE: h5Url,
    });
    const { productionDeps: payDeps } = await import('../../functions/payments/services/deps');
    const { settleDeadline } = await import('../../functions/payments/services/settle');
    const base = await payDeps();
    const place = (await base.places.place(couponId))!;
    expect(place.state).toBe('awaiting_payment');
    const deps = { ...base, now: () => new Date(place.payBy! + 1_000) };
    expect(await settleDeadline(deps, place)).toBe('released');
    // The fake closed the order there (queried first: not paid).
    const state = (await (await fetch(`${wechatPayUrl}/__fake/state`, { method: 'POST', body: '{}' })).json()) as { orders: Array<{ out_trade_no: string; trade_state: string }> };
    expect(state.orders.find((o) => o.out_trade_no === opened.body.order.id)?.trade_state).toBe('CLOSED');
    // Settled again (a retried sweep item): nothing moves, nobody is told twice.
    expect(await settleDeadline(deps, place)).toBe('released');
    expect((await ticketOf(waiting)).outcome).toBe('won');
    const promotedCoupon = (await ticketOf(waiting)).place!.couponId;

    const page: Page = phone.page;
    // The promoted member: 消息中心 → the message → 我的订单 with the place to pay.
    await logIn(page, h5Url, waiting);
    const listed = page.waitForResponse(isApi('/api/me/messages', 'GET'));
    await openRoute(page, h5Url, '/pages/messages/index', 'messages-page');
    const messages = (await (await listed).json()) as { items: Array<{ id: string; result: string }> };
    expect(messages.items.filter((m) => m.result === '递补中签')).toHaveLength(1);
    const message = page.locator(`#message-${promotedCoupon}-0`);
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toContain('您已递补获得名额，请于');
    expect(await message.textContent()).toContain(TITLE.slice(0, 8));
    expect(await message.textContent()).toContain('查看我的订单');
    expect(await message.getAttribute('data-read')).toBe('false');
    const read = page.waitForResponse(isApi(`/api/me/messages/${promotedCoupon}-0/read`, 'POST'));
    await message.click();
    expect((await read).status()).toBe(200);
    await page.waitForURL(/#\/orders\/list\/index/);
    const mine = page.locator(`#order-${promotedCoupon}`);
    await expect.poll(() => mine.textContent(), { timeout: 15_000 }).toContain('待支付');
    expect(await mine.textContent()).toContain(TITLE);
    expect(await mine.textContent()).toContain('支付截止');
    expect(await mine.locator('.order-pay').count()).toBe(1);

    // The winner who did not pay: the place lapsed in 我的订单, and no taking part that day.
    await logIn(page, h5Url, winner);
    await openRoute(page, h5Url, '/orders/list/index', 'orders-page');
    const lapsed = page.locator(`#order-${couponId}`);
    await expect.poll(() => lapsed.textContent(), { timeout: 15_000 }).toContain('已失效（未按时支付）');
    expect(await lapsed.textContent()).toContain('当天不能再参加本活动');
    expect(await lapsed.locator('.order-pay').count()).toBe(0);
    await openRoute(page, h5Url, '/pages/messages/index', 'messages-page');
    await expect.poll(() => page.locator(`#message-${couponId}-0`).textContent(), { timeout: 15_000 }).toContain('名额已释放');
  });
});

/**
 * 一元观影 end to end through the H5 build in Chromium, against the whole local stack and the local
 * fake of WeChat Pay: a member answers the quiz of a priced draw, wins a place, sees the time left to
 * pay, pays in the H5 收银台 (the fake's cashier checks paySign and pays; its signed notification
 * reaches the API), finds the code in 我的券, and the cinema's clerk redeems it once. The draw (win
 * rate 1, so the journey wins) is set up through the use cases, as an official would with the desk.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { integrationDeps } from '../integration/context';
import { openPhone, type PhoneBrowser } from './browser';
import { callApi, demoToken, isApi, logIn } from './journey';

const h5Url = inject('h5Url');
const TITLE = `一元观影 · 答题抽奖 ${Date.now().toString(36)}`;
let drawId = '';
let correct: Map<string, number>;
let phone: PhoneBrowser;

beforeAll(async () => {
  await integrationDeps();
  const { createBenefit, changeStatus } = await import('../../functions/benefits/services/desk');
  const { productionDeps: benefitDeps } = await import('../../functions/benefits/services/deps');
  const { createBank } = await import('../../functions/draws/services/banks');
  const { createDraw } = await import('../../functions/draws/services/draw-admin');
  const { productionDeps: drawDeps } = await import('../../functions/draws/services/deps');
  const benefits = await benefitDeps();
  const draws = await drawDeps();
  const now = Date.now();
  const questions = [
    { text: '工会的基本职责是什么？', options: ['组织文体活动', '维护职工合法权益、竭诚服务职工群众'], correct: 1, explanation: '《工会法》第六条' },
    { text: '国际劳动节是哪一天？', options: ['5月1日', '3月8日'], correct: 0, explanation: '五一国际劳动节' },
  ];
  const { bank } = await createBank(draws, 'dev-admin', { orgId: 'org-hainan', title: '工会法小题库', questions });
  correct = new Map(bank.questions.map((q) => [q.id, q.correct]));
  const { benefit } = await createBenefit(benefits, 'dev-admin', {
    title: TITLE,
    description: '答题通过即抽，中签后3小时内支付1元。',
    category: 'cinema',
    merchantIds: ['mch-yefeng-cinema'],
    faceValueFen: 4000,
    priceFen: 100,
    stock: 10,
    perMemberLimit: 2,
    claimStartsAt: new Date(now - 60_000).toISOString(),
    claimEndsAt: new Date(now + 86_400_000).toISOString(),
    useEndsAt: new Date(now + 30 * 86_400_000).toISOString(),
    orgId: 'org-hainan',
  });
  drawId = (await createDraw(draws, 'dev-admin', benefit.id, { kind: 'instant', winRate: 1, quiz: { bankId: bank.id, questionsPerAttempt: 2, passMark: 2 } })).draw.id;
  await changeStatus(benefits, 'dev-admin', benefit.id, 'publish');
  phone = await openPhone();
}, 120_000);

afterAll(async () => {
  await phone?.close();
});

const api = <T>(path: string, init: Parameters<typeof callApi>[2] = {}) => callApi<T>(h5Url, path, init);
const tokenOf = (name: string) => demoToken(h5Url, name);

describe('一元观影 journey: quiz → win → pay → code → redeemed (H5 in Chromium)', () => {
  it('a member wins a place in the quiz, pays ¥1 in the 收银台 and gets the code, which the clerk redeems', async () => {
    const page: Page = phone.page;
    await logIn(page, h5Url, 'member');
    await page.goto(`${h5Url}/#/draws/quiz/index?drawId=${encodeURIComponent(drawId)}`);
    const started = page.waitForResponse(isApi(`/api/draws/${drawId}/attempts`, 'POST'));
    await page.locator('#quiz-start').click();
    const attempt = (await (await started).json()) as { attempt: { questions: Array<{ id: string }> } };
    for (const [i, q] of attempt.attempt.questions.entries()) await page.locator(`#quiz-q-${i}-o-${correct.get(q.id)}`).click();
    await page.locator('#quiz-submit').click();
    await expect.poll(() => page.locator('#quiz-ticket').textContent(), { timeout: 15_000 }).toContain('名额已保留，待支付');
    // The countdown to pay under the win: about 3 hours.
    await expect.poll(() => page.locator('#pay-prompt-countdown').textContent(), { timeout: 10_000 }).toMatch(/剩余 (2:5\d|3:00):\d\d/);

    await page.locator('#pay-prompt-pay').click();
    await expect.poll(() => page.locator('#cashier-amount').textContent(), { timeout: 15_000 }).toBe('¥1.00');
    expect(await page.locator('#cashier-refund-policy').textContent()).toBe('退款说明：本权益支付后不予退款');
    await page.locator('#cashier-pay').click();
    await page.locator('#cashier-sheet').waitFor({ state: 'visible' });
    await page.locator('#cashier-sheet-pay').click();
    await page.locator('#cashier-paid').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.locator('#cashier-state').textContent()).toBe('已支付');

    await page.locator('#cashier-coupons').click();
    await expect.poll(() => page.textContent('body'), { timeout: 15_000 }).toContain(TITLE);

    // At the counter: the member's code, typed by the cinema's clerk — once.
    const member = await tokenOf('member');
    const mine = await api<{ items: Array<{ id: string; benefitTitle: string }> }>('/api/me/coupons?status=unused', { token: member });
    const coupon = mine.body.items.find((c) => c.benefitTitle === TITLE)!;
    const qr = await api<{ code: string }>(`/api/me/coupons/${coupon.id}/qr`, { token: member });
    const clerk = await tokenOf('clerk');
    expect((await api('/api/redemptions', { method: 'POST', token: clerk, json: { token: qr.body.code } })).status).toBe(201);
    const again = await api<{ error: { code: string } }>('/api/redemptions', { method: 'POST', token: clerk, json: { token: qr.body.code } });
    expect(again.body.error.code).toBe('COUPON_ALREADY_REDEEMED');
    expect(phone.errors).toEqual([]);
  });
});

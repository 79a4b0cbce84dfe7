/**
 * Issue 15's front doors in the H5 build in Chromium, against the whole local stack: a member's 首页
 * (name, union, the bell's unread count) → 出示会员码 full screen → back → the bell → 消息中心, where
 * the rejection of their transfer waits unread and a tap marks it read and opens the case; a
 * visitor browses 普惠 before log-in; a clerk lands on 核销 with 今日核销, an official on 工作台 with
 * 待审 / 已超期 / 待回访 and the queue one tap away.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { call, demoMember, loginAs } from '../api/client';
import { bindingOf } from '../support/binding';
import { openPhone, type PhoneBrowser } from './browser';
import { isApi, logIn, openRoute } from './journey';

const h5Url = inject('h5Url');

let phone: PhoneBrowser | undefined;
afterEach(async () => {
  await phone?.close();
  phone = undefined;
});

/** A demo roster member (reserved for this file) bound to a new log-in, whose transfer was rejected by 三亚. */
async function memberWithARejection() {
  const person = demoMember(98);
  const name = `e2e-doors-${Date.now().toString(36)}`;
  const token = await loginAs(name);
  const bound = await call('POST', '/api/me/binding', { token, json: bindingOf(person) });
  expect(bound.status, bound.text).toBe(200);
  const target = person.orgId === 'org-g-sy-hotel' ? 'org-g-hk-bus' : 'org-g-sy-hotel';
  const filed = await call('POST', '/api/applications', { token, json: { kind: 'transfer', form: { toOrgId: target, reason: '工作调动' } } });
  expect(filed.status, filed.text).toBe(201);
  const id = filed.body.application.id as string;
  const rejected = await call('POST', `/api/applications/${id}/decisions`, {
    token: await loginAs('province'),
    json: { step: 's1', decision: 'reject', comment: '请先与现单位工会确认' },
  });
  expect(rejected.status, rejected.text).toBe(200);
  return { name, person, applicationId: id };
}

describe('front doors (H5 in Chromium)', () => {
  it('a member: 首页 → 出示会员码 full screen → 消息中心, where a tap reads the message and opens the case', async () => {
    const { name, person, applicationId } = await memberWithARejection();
    phone = await openPhone();
    const { page } = phone;
    await logIn(page, h5Url, name);
    await openRoute(page, h5Url, '/pages/home/index', 'home-page');
    await expect.poll(() => page.locator('#home-member-name').innerText()).toBe(person.name);
    await expect.poll(() => page.locator('#home-unread').innerText()).toBe('1');
    expect(await page.locator('#home-bell').getAttribute('aria-label')).toBe('消息中心，1 条未读');

    await page.locator('#home-show-card').click();
    await page.locator('#card-code-qr').waitFor({ state: 'visible' });
    // Once Taro's router has slid the page in, the code's view covers the phone's whole viewport.
    await expect.poll(async () => (await page.locator('#card-code').boundingBox())?.x).toBeLessThan(1);
    const box = (await page.locator('#card-code').boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(374);
    expect(box.width).toBeLessThan(376);
    expect(box.height).toBeGreaterThanOrEqual(800);
    expect(await page.locator('#card-code').innerText()).toContain(person.name);
    // The short code beneath the QR, as the clerk reads and types it (812 345 6789).
    expect(await page.locator('#card-code-digits').innerText()).toMatch(/^8\d\d \d{3} \d{4}$/);
    await page.locator('#card-code-close').click();
    await page.locator('#home-page').waitFor({ state: 'visible' });

    await page.locator('#home-bell').click();
    const message = page.locator(`#messages-list [id^="message-${applicationId}-"]`);
    await message.waitFor({ state: 'visible' });
    expect(await message.getAttribute('data-read')).toBe('false');
    expect(await message.innerText()).toContain('请先与现单位工会确认');
    expect(await page.locator('#messages-summary').innerText()).toBe('1 条未读');
    const read = page.waitForResponse(isApi(/^\/api\/me\/messages\/[^/]+\/read$/, 'POST'));
    await message.click();
    expect((await read).status()).toBe(200);
    await page.waitForURL(new RegExp(`#/apply/application/index\\?id=${applicationId}`));
    const after = await call('GET', '/api/me/messages', { token: await loginAs(name) });
    expect(after.body.unread).toBe(0);

    // At 320 px nothing runs off the side: 首页 (name, bell, grid, benefits) and 消息中心.
    await page.setViewportSize({ width: 320, height: 640 });
    for (const [route, shown] of [
      ['/pages/home/index', 'home-page'],
      ['/pages/messages/index', 'messages-page'],
    ]) {
      await openRoute(page, h5Url, route!, shown!);
      await page.locator(`#${shown} .panel`).first().waitFor({ state: 'visible' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    }
  });

  it('a visitor browses 普惠 before log-in: the catalogue with a log-in prompt', async () => {
    phone = await openPhone();
    const { page } = phone;
    await openRoute(page, h5Url, '/pages/benefits/index', 'benefits-page');
    await page.locator('#benefits-login').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#benefit-list [data-id]').count()).toBeGreaterThan(0);
    await openRoute(page, h5Url, '/pages/home/index', 'home-page');
    await page.locator('#home-login').waitFor({ state: 'visible' });
    await page.locator('#home-benefits-open, #home-benefits-upcoming').first().waitFor({ state: 'visible' });
  });

  it('a clerk lands on 核销 with 今日核销; an official lands on 工作台 with the queue one tap away', async () => {
    phone = await openPhone();
    const { page } = phone;
    await logIn(page, h5Url, 'clerk', { stay: true });
    await page.waitForURL(/#\/staff\/redeem\/index/);
    await page.locator('#redeem-today').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#redeem-today-count').innerText()).toMatch(/^\d+ 张$/);
    expect(await page.locator('#redeem-today').innerText()).toContain('今日核销');
    await page.locator('#redeem-day-before').click();
    await expect.poll(() => page.locator('#redeem-today').innerText()).toContain('昨日核销');

    const official = await openPhone();
    try {
      await logIn(official.page, h5Url, 'haikou', { stay: true });
      await official.page.waitForURL(/#\/workbench\/desk\/index/);
      await expect.poll(() => official.page.locator('#desk-pending-count').innerText()).toMatch(/^\d+\+?$/);
      await official.page.locator('#desk-overdue-count').waitFor({ state: 'visible' });
      await official.page.locator('#desk-follow-ups-count').waitFor({ state: 'visible' });
      // haikou is an official without a member binding: offered, not imposed.
      await official.page.locator('#desk-binding').waitFor({ state: 'visible' });
      await official.page.setViewportSize({ width: 320, height: 640 });
      expect(await official.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await official.page.locator('#desk-pending').click();
      await official.page.locator('#staff-applications-page').waitFor({ state: 'visible' });
    } finally {
      await official.close();
    }
  });
});

/**
 * 普惠 end to end through the H5 build in Chromium, against the whole local stack (DynamoDB Local
 * seeded with demo/demo-data.json, serverless-offline, the static server proxying /api): an official
 * creates and publishes a benefit, a bound member claims it and shows the coupon's QR, the clerk of
 * its merchant redeems it by typing the numeric code shown beneath the full-screen QR, and the member finds it under 已使用.
 */
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type {
  AdminBenefitResponse,
  BenefitListResponse,
  ClaimResponse,
  CouponQrResponse,
  MyCouponsResponse,
  RedemptionResponse,
} from '../../functions/benefits/contracts/benefits';
import type { ErrorBody } from '../../functions/kernel/contracts/errors';
import { openPhone, type PhoneBrowser } from './browser';
import { leaveDesk } from './journey';

const h5Url = inject('h5Url');
const run = Date.now().toString(36);
const TITLE = `椰风影城观影券 ${run}`;

const phones: PhoneBrowser[] = [];
afterAll(async () => {
  for (const phone of phones.splice(0)) await phone.close();
});

async function phone(): Promise<PhoneBrowser> {
  const opened = await openPhone();
  phones.push(opened);
  return opened;
}

function isApi(path: string | RegExp, method: string) {
  return (response: Response) => {
    const pathname = new URL(response.url()).pathname;
    return (typeof path === 'string' ? pathname === path : path.test(pathname)) && response.request().method() === method;
  };
}

/** 演示登录 with a demo account from demo/demo-data.json. */
async function logIn(page: Page, name: string): Promise<void> {
  await page.goto(`${h5Url}/#/pages/login/index`);
  await page.locator('#login-name input').fill(name);
  const login = page.waitForResponse(isApi('/api/auth/login', 'POST'));
  await page.locator('#login-submit').click();
  expect((await login).status()).toBe(200);
  // The app moves on by itself (a clerk's 核销, an official's 工作台, 我的 when bound, the binding form
  // otherwise): wait for it, or it
  // would switch away from the page the test opens next.
  await page.waitForURL(/#\/(pages\/(me|binding)|staff\/redeem|workbench\/desk)\/index/);
  // …and for that page to be on screen: a navigation the test starts while Taro's router is still
  // finishing the redirect can be overtaken by it.
  await page.locator('#me-page, #binding-page, #redeem-page, #desk-page').first().waitFor({ state: 'visible' });
  // From a clerk's or an official's desk, a fresh app on 我的 (journey.ts › leaveDesk).
  await leaveDesk(page, h5Url);
}

/** 我的 → an entry that depends on the account's roles (我的券 / 券码核销 / 权益管理). */
async function openFromMe(page: Page, entryId: string): Promise<void> {
  // Typing a URL is the test's shortcut, not a member's path: should Taro's router still be busy with
  // the previous page, go there once more.
  for (let attempt = 1; ; attempt += 1) {
    await page.goto(`${h5Url}/#/pages/me/index`);
    const shown = await page
      .locator('#me-page')
      .waitFor({ state: 'visible', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
    if (attempt === 3) throw new Error(`我的 did not open; the app shows ${page.url()}`);
  }
  await page.locator(`#${entryId}`).click();
}

/** Confirms Taro's H5 modal (Taro.showModal). */
async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro__modal .taro-model__confirm').click();
}

describe('普惠 journey (H5 in Chromium)', () => {
  let benefitId = '';
  let code = '';
  let member: PhoneBrowser;

  it('an official creates a benefit with the form and publishes it', async () => {
    const official = await phone();
    const { page } = official;
    await logIn(page, 'province');
    await openFromMe(page, 'me-benefit-desk');
    await page.locator('#staff-benefits-page').waitFor();
    await page.locator('#staff-benefit-new').click();

    // The form checks before sending: nothing is posted while it is incomplete.
    await page.locator('#benefit-form-submit').click();
    await expect.poll(() => page.locator('.field-error[data-field="title"]').textContent()).toBe('请填写权益名称');

    await page.locator('#benefit-form-title input').fill(TITLE);
    await page.locator('#benefit-form-description textarea').fill('海口国贸店任意2D场次抵扣35元，每人限领1张。');
    await page.locator('#benefit-form-category-cinema').click();
    // The merchant found in the signed directory by its name.
    await page.locator('#benefit-form-merchant-search input').fill('椰风');
    await page.locator('#benefit-form-merchant-mch-yefeng-cinema').click();
    await page.locator('#benefit-form-face-value input').fill('35');
    await page.locator('#benefit-form-stock input').fill('50');
    // Open for claims from this minute (现在 beside the pickers): the member claims straight away.
    await page.locator('#benefit-form-claim-starts-now').click();
    // The official's own org is chosen by default.
    expect(await page.locator('#benefit-form-org-org-hainan').getAttribute('aria-checked')).toBe('true');

    const create = page.waitForResponse(isApi('/api/admin/benefits', 'POST'));
    await page.locator('#benefit-form-submit').click();
    const created = await create;
    expect(created.status()).toBe(201);
    const { benefit } = (await created.json()) as AdminBenefitResponse;
    benefitId = benefit.id;
    expect(benefit).toMatchObject({ title: TITLE, status: 'draft', faceValueFen: 3500, priceFen: 0, category: 'cinema' });
    expect(benefit.merchants.map((m) => m.id)).toEqual(['mch-yefeng-cinema']);
    expect(benefit.claimStartsAt).toMatch(/\+08:00$/);

    // The benefit's own page: draft, figures, publish with confirmation.
    await page.locator('#staff-benefit-page').waitFor();
    expect(await page.locator('#staff-benefit-status').textContent()).toBe('草稿');
    expect(await page.locator('#figure-stock').textContent()).toBe('50');
    const publish = page.waitForResponse(isApi(`/api/admin/benefits/${benefitId}/status`, 'POST'));
    await page.locator('#staff-action-publish').click();
    await confirmModal(page);
    const published = await publish;
    expect(published.status()).toBe(200);
    expect(((await published.json()) as AdminBenefitResponse).benefit.status).toBe('published');
    await expect.poll(() => page.locator('#staff-benefit-status').textContent()).toBe('已发布');
    expect(official.errors).toEqual([]);
  });

  it('a bound member finds it under 普惠, claims it and shows the coupon QR', async () => {
    expect(benefitId, 'needs the published benefit').not.toBe('');
    member = await phone();
    const { page } = member;
    await logIn(page, 'member');

    const list = page.waitForResponse(isApi('/api/benefits', 'GET'));
    await page.goto(`${h5Url}/#/pages/benefits/index`);
    const listed = (await (await list).json()) as BenefitListResponse;
    expect(listed.items.map((b) => b.id)).toContain(benefitId);
    const card = page.locator(`#benefit-${benefitId}`);
    await card.waitFor();
    const cardText = (await card.textContent())!;
    for (const text of [TITLE, '椰风影城（海口国贸店）', '¥35', '免费领取', '剩余 50', '抢领中']) expect(cardText).toContain(text);
    await page.screenshot({ path: join('/tmp', 'e2e-benefits-list.png') });

    // The category tab narrows the list (一元观影 is the third tab).
    const cinema = page.waitForResponse((r) => isApi('/api/benefits', 'GET')(r) && r.url().includes('category=cinema'));
    await page.locator('#benefit-tabs .nut-tabs-titles-item').nth(2).click();
    expect((await cinema).status()).toBe(200);
    await card.waitFor();

    await card.click();
    const button = page.locator('#claim-button');
    await expect.poll(() => button.textContent()).toBe('立即领取');
    expect(await page.locator('#benefit-title').textContent()).toBe(TITLE);
    await page.screenshot({ path: join('/tmp', 'e2e-benefit-detail.png') });

    const claim = page.waitForResponse(isApi(`/api/benefits/${benefitId}/claims`, 'POST'));
    await button.click();
    const claimed = await claim;
    expect(claimed.status()).toBe(201);
    const { coupon } = (await claimed.json()) as ClaimResponse;
    expect(coupon).toMatchObject({ benefitId, status: 'unused' });
    await expect.poll(() => page.locator('#claim-message').textContent()).toMatch(/^领取成功/);
    // Held now: the button says why there is no second one.
    await expect.poll(() => button.textContent()).toBe('已领取');
    expect(await button.getAttribute('class')).toMatch(/(^|\s)nut-button-disabled(\s|$)/);
    let claimsAfter = 0;
    const countClaims = (response: Response) => {
      if (isApi(`/api/benefits/${benefitId}/claims`, 'POST')(response)) claimsAfter += 1;
    };
    page.on('response', countClaims);
    await button.click();
    await page.waitForTimeout(500);
    page.off('response', countClaims);
    expect(claimsAfter, 'a disabled button sends nothing').toBe(0);

    // 我的券 opens at this coupon, its code full screen: a QR of the short code, the digits beneath it.
    const qr = page.waitForResponse(isApi(`/api/me/coupons/${coupon.id}/qr`, 'GET'));
    await page.locator('#claim-coupons').click();
    await page.locator(`#coupon-${coupon.id}`).waitFor();
    const answer = (await (await qr).json()) as CouponQrResponse;
    code = answer.code;
    expect(code).toMatch(/^6\d{9}$/);
    await page.locator('#coupon-code-qr .member-qr__run').first().waitFor();
    await expect.poll(() => page.locator('#coupon-code-digits').textContent()).toBe(`${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`);
    // The QR is of the 10 digits (21 modules a side), not of the 300-character token.
    expect(Number(await page.locator('#coupon-code-qr').getAttribute('data-modules'))).toBe(21);
    expect(await page.locator('#coupon-code .full-code__qr').getAttribute('aria-label')).toContain(code.split('').join(' '));
    // The page slides in from the right (Taro's H5 router): judge the layout once it has come to rest.
    // Full screen: the view covers the viewport, the QR inside it.
    const viewport = page.viewportSize()!;
    const cover = async () => {
      const box = (await page.locator('#coupon-code').boundingBox())!;
      return [Math.round(box.x), Math.round(box.width), Math.round(box.height)];
    };
    await expect.poll(cover).toEqual([0, viewport.width, viewport.height]);
    const qrBox = (await page.locator('#coupon-code-qr').boundingBox())!;
    expect(qrBox.width).toBeGreaterThan(200);
    expect(qrBox.x + qrBox.width).toBeLessThanOrEqual(viewport.width);
    // The merchant's address, phone and a map link.
    expect(await page.locator('#coupon-merchants').textContent()).toMatch(/海口市.*电话 0898-\d+.*查看地图/);
    expect(await page.locator('#coupon-merchants-map-mch-yefeng-cinema').getAttribute('data-url')).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=110\.\d+,20\.\d+/);
    await page.screenshot({ path: join('/tmp', 'e2e-coupon-full-screen.png') });
    await page.locator('#coupon-code-close').click();
    await expect.poll(() => page.locator('#coupon-code').count()).toBe(0);
    expect(member.errors).toEqual([]);
  });

  it('the clerk of its merchant redeems it by typing the numeric code; a second time is refused in Chinese', async () => {
    expect(code, 'needs the coupon’s numeric code').not.toBe('');
    const clerk = await phone();
    const { page } = clerk;
    await logIn(page, 'clerk');
    await openFromMe(page, 'me-redeem');
    await page.locator('#redeem-page').waitFor();
    expect(await page.locator('#redeem-merchant').textContent()).toContain('椰风影城（海口国贸店）');

    await page.locator('#redeem-code input').fill(code);
    const redeem = page.waitForResponse(isApi('/api/redemptions', 'POST'));
    await page.locator('#redeem-code-submit').click();
    const redeemed = await redeem;
    expect(redeemed.status()).toBe(201);
    const { redemption } = (await redeemed.json()) as RedemptionResponse;
    await page.locator('#redeem-result').waitFor();
    expect(await page.locator('#redeem-benefit').textContent()).toBe(TITLE);
    // The member's name is masked (邢志强 → 邢*强), never shown in full.
    expect(await page.locator('#redeem-member').textContent()).toBe(redemption.memberName);
    expect(redemption.memberName).not.toBe('邢志强');
    expect(redemption.memberName).toMatch(/^邢\*+强$/);
    expect(await page.locator('#redeem-time').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    await page.locator('#redeem-code input').fill(code);
    const again = page.waitForResponse(isApi('/api/redemptions', 'POST'));
    await page.locator('#redeem-code-submit').click();
    const refused = await again;
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    expect(refused.status()).toBeLessThan(500);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe('COUPON_ALREADY_REDEEMED');
    await expect.poll(() => page.locator('#redeem-refusal').textContent()).toBe(body.error.message);
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/u);
    expect(clerk.errors).toEqual([]);
  });

  it('the member sees the coupon under 已使用, and the official’s figures count it', async () => {
    const { page } = member;
    await page.goto(`${h5Url}/#/pages/coupons/index`);
    await page.locator('#coupons-page').waitFor();
    const used = page.waitForResponse((r) => isApi('/api/me/coupons', 'GET')(r) && r.url().includes('status=used'));
    await page.locator('#coupon-tabs .nut-tabs-titles-item').nth(1).click();
    const { items } = (await (await used).json()) as MyCouponsResponse;
    const coupon = items.find((c) => c.benefitId === benefitId);
    expect(coupon?.status).toBe('used');
    const card = page.locator(`#coupon-${coupon!.id}`);
    await card.waitFor();
    expect(await card.textContent()).toContain(TITLE);
    expect(await card.textContent()).toMatch(/核销于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await page.screenshot({ path: join('/tmp', 'e2e-coupons-used.png') });

    const official = await phone();
    await logIn(official.page, 'province');
    await official.page.goto(`${h5Url}/#/staff/benefit/index?id=${encodeURIComponent(benefitId)}`);
    await expect.poll(() => official.page.locator('#figure-claimed').textContent()).toBe('1');
    expect(await official.page.locator('#figure-redeemed').textContent()).toBe('1');
    expect(await official.page.locator('#figure-remaining').textContent()).toBe('49');
    expect(member.errors).toEqual([]);
    expect(official.errors).toEqual([]);
  });
});

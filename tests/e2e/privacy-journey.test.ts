/**
 * Members' privacy rights in the H5 build in Chromium, against the whole local stack: 我的 ›
 * 「隐私与个人信息」, 导出我的数据 as a downloaded JSON file named by the API, and 注销账号 of a fresh
 * demo account (typed word, Taro's modal, back on 首页 logged out).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPhone, type PhoneBrowser } from './browser';
import { confirmModal, isApi, logIn, openFromMe, openRoute } from './journey';

const h5Url = inject('h5Url');
const run = Date.now().toString(36);

let phone: PhoneBrowser | undefined;
afterEach(async () => {
  await phone?.close();
  phone = undefined;
});

describe('privacy (H5 in Chromium)', () => {
  it('我的 › 隐私与个人信息 › 导出我的数据 downloads the JSON the API gives, under its file name', async () => {
    phone = await openPhone();
    const { page } = phone;
    await logIn(page, h5Url, 'member');
    await openFromMe(page, h5Url, 'me-privacy');
    await page.locator('#privacy-doc-privacy-policy').waitFor();
    expect(await page.locator('#privacy-doc-member-consent').innerText()).toContain('会员信息授权说明');

    await page.locator('#privacy-export').click();
    await page.locator('#privacy-export-start').waitFor({ state: 'visible' });
    const answer = page.waitForResponse(isApi('/api/me/data', 'GET'));
    const download = page.waitForEvent('download');
    await page.locator('#privacy-export-start').click();
    const response = await answer;
    expect(response.status()).toBe(200);
    const disposition = (await response.allHeaders())['content-disposition'] ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1];
    expect(fileName).toMatch(/^hainan-union-my-data-\d{4}-\d{2}-\d{2}\.json$/);

    const file = await download;
    expect(file.suggestedFilename()).toBe(fileName);
    const saved = JSON.parse(readFileSync((await file.path())!, 'utf8')) as {
      member: { name: string; idNumberMasked: string; phoneMasked: string } | null;
      coupons: unknown[];
    };
    expect(saved).toEqual(await response.json());
    expect(saved.member?.name).toBe('邢志强');
    expect(saved.member?.idNumberMasked).toMatch(/^\d{2}\*{14}[\dX]{2}$/);
    expect(saved.member?.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(await page.locator('#privacy-export-member').innerText()).toContain('邢志强');
    expect(phone.errors).toEqual([]);
  });

  it('注销账号 of a fresh account: the typed word, the modal, then 首页 and 我的 logged out', async () => {
    phone = await openPhone();
    const { page } = phone;
    await logIn(page, h5Url, `e2e-closing-${run}`);
    await openRoute(page, h5Url, '/privacy/closing/index', 'account-closing-page');
    for (const kept of ['会籍档案', '结算的凭据']) expect(await page.locator('#closing-kept').innerText()).toContain(kept);

    // NutUI marks a disabled button by class (Taro's <taro-button-core> is no native button).
    expect(await page.locator('#closing-submit').getAttribute('class')).toContain('nut-button-disabled');
    await page.locator('#closing-confirm input').fill('注销');
    await expect.poll(async () => await page.locator('#closing-submit').getAttribute('class')).not.toContain('nut-button-disabled');
    await page.locator('#closing-submit').click();
    const closed = page.waitForResponse(isApi('/api/me/deletion', 'POST'));
    await confirmModal(page);
    const answer = await closed;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ confirm: '注销' });
    await page.waitForURL(/#\/pages\/home\/index/);

    await openRoute(page, h5Url, '/pages/me/index', 'me-page');
    await page.locator('#me-login').waitFor({ state: 'visible' });
    expect(await page.locator('#me-privacy-link').isVisible()).toBe(true);
    expect(phone.errors).toEqual([]);
  });
});

/**
 * Steps the browser journeys share: matching API answers, the H5 demo log-in, opening an entry of
 * 我的, and confirming Taro's H5 modal. (The same steps as tests/e2e/benefits-journey.test.ts, made
 * importable.)
 */
import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';

/** An answer of the API to `method path` (a pathname, or a pattern of one). */
export function isApi(path: string | RegExp, method: string) {
  return (response: Response) => {
    const pathname = new URL(response.url()).pathname;
    return (typeof path === 'string' ? pathname === path : path.test(pathname)) && response.request().method() === method;
  };
}

/**
 * Fills the binding form (name, ID number, the 演示手机号), agrees to the 会员信息授权说明 and submits:
 * the answer of POST /api/me/binding.
 */
export async function bindOnForm(page: Page, person: { name: string; idNumber: string; phone: string }): Promise<Response> {
  await page.locator('#binding-name input').fill(person.name);
  await page.locator('#binding-id-number input').fill(person.idNumber);
  await page.locator('#binding-phone input').fill(person.phone);
  await page.locator('#binding-consent').click();
  const binding = page.waitForResponse(isApi('/api/me/binding', 'POST'));
  await page.locator('#binding-submit').click();
  return binding;
}

/**
 * 演示登录 with a demo account from demo/demo-data.json. A clerk or an official lands on their desk
 * (核销, 工作台); unless `stay`, the journey then starts from a fresh app on 我的, so the desk's page
 * and its requests do not linger under the pages the journey opens (Taro's H5 router keeps them).
 */
export async function logIn(page: Page, h5Url: string, name: string, { stay = false }: { stay?: boolean } = {}): Promise<void> {
  await page.goto(`${h5Url}/#/pages/login/index`);
  await page.locator('#login-name input').fill(name);
  const login = page.waitForResponse(isApi('/api/auth/login', 'POST'));
  await page.locator('#login-submit').click();
  expect((await login).status()).toBe(200);
  // The app moves on by itself (a clerk's 核销, an official's 工作台, 我的 when bound, the binding form
  // otherwise): wait for it, or it
  // would switch away from the page the test opens next.
  await page.waitForURL(/#\/(pages\/(me|binding)|staff\/redeem|workbench\/desk)\/index/);
  await page.locator('#me-page, #binding-page, #redeem-page, #desk-page').first().waitFor({ state: 'visible' });
  if (!stay) await leaveDesk(page, h5Url);
}

/** From a desk the app landed on to a fresh app on 我的 (a reload: one page on Taro's stack). */
export async function leaveDesk(page: Page, h5Url: string): Promise<void> {
  if (!/#\/(staff\/redeem|workbench\/desk)\/index/.test(page.url())) return;
  await page.goto(`${h5Url}/#/pages/me/index`);
  await page.reload();
  await page.locator('#me-page').waitFor({ state: 'visible' });
}

/** Opens a page by its hash route; should Taro's router still be busy with the previous page, once more. */
export async function openRoute(page: Page, h5Url: string, route: string, shownId: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await page.goto(`${h5Url}/#${route}`);
    const shown = await page
      .locator(`#${shownId}`)
      .waitFor({ state: 'visible', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return;
    if (attempt === 3) throw new Error(`${route} did not open; the app shows ${page.url()}`);
  }
}

/** 我的 → an entry that depends on the account's roles (我的券 / 我的办事 / 审核办理 …). */
export async function openFromMe(page: Page, h5Url: string, entryId: string): Promise<void> {
  await openRoute(page, h5Url, '/pages/me/index', 'me-page');
  await page.locator(`#${entryId}`).click();
}

/** Waits until a page Taro slid in has arrived (its left edge on screen) and checks it fits a phone. */
export async function settled(page: Page, selector: string): Promise<void> {
  const box = () => page.locator(selector).first().boundingBox();
  await expect.poll(async () => (await box())?.x).toBeLessThan(20);
  // Widths come as layout floats (375.00001 for a 375 px page): compare whole pixels.
  expect(Math.round((await box())!.width)).toBeLessThanOrEqual(375);
}

/** Confirms Taro's H5 modal (Taro.showModal). */
export async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro__modal .taro-model__confirm').click();
}

/** The API through the H5 server's origin (its /api proxy), as the app calls it: status and JSON body. */
export async function callApi<T>(h5Url: string, path: string, init: { method?: string; token?: string; json?: unknown } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${h5Url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.json ? { 'content-type': 'application/json' } : {}) },
    ...(init.json ? { body: JSON.stringify(init.json) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** A demo account's session token (演示登录 over the API). */
export const demoToken = async (h5Url: string, name: string): Promise<string> =>
  (await callApi<{ token: string }>(h5Url, '/api/auth/login', { method: 'POST', json: { code: `dev:${name}` } })).body.token;

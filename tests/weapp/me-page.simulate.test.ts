/**
 * 我的 (pages/me/index) of the WeChat build, run as WeChat runs it: WXML compiled by wcc, the Taro
 * runtime booted from dist/weapp/app.js, wx.request answered by a local fake of the API.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_TOKEN, me, startFakeApi, type FakeApi } from './fixtures/api';
import { drawnModules, encodes } from './qr-read';
import {
  bootWeapp,
  missingTemplates,
  tap,
  textOf,
  waitFor,
  type SimComponent,
  type WeappHarness,
} from './harness';

/** Short enough to see a refresh within the test, long enough to be above the page's 5 s floor. */
const QR_TTL_MS = 7_000;

let api: FakeApi;
let harness: WeappHarness | undefined;

beforeAll(async () => {
  api = await startFakeApi({ qrTtlMs: QR_TTL_MS });
});
afterAll(() => api.close());
afterEach(() => {
  harness?.dispose();
  harness = undefined;
});

function boot(storage?: Record<string, unknown>): WeappHarness {
  harness = bootWeapp({ apiOrigin: api.origin, storage });
  return harness;
}

/** Fails on `Template … not found`: that node renders nothing on a phone. */
function expectAllTemplatesFound(h: WeappHarness) {
  expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
}

function byId(page: SimComponent, id: string): Element {
  const node = page.querySelector(`#${id}`)?.dom;
  if (!node) throw new Error(`#${id} is not rendered. Page: ${textOf(page).slice(0, 300)}`);
  return node;
}

/** The QR the page drew with Views, read back into modules (at least a version-1 code's 21 rows). */
function renderedQr(page: SimComponent): boolean[][] {
  const modules = drawnModules(byId(page, 'card-qr'));
  expect(modules.length, 'QR has no rows').toBeGreaterThanOrEqual(21);
  return modules;
}

const cardAnswers = (h: WeappHarness) => api.servedTo(h).filter((s) => s.path === '/api/me/card' && s.status === 200);
const payloadOf = (answer: unknown) => (answer as { qr: { payload: string; expiresAt: string } }).qr;
const grouped = (n: string) => n.replace(/(.{4})(?=.)/g, '$1 ');

describe('我的 in the WeChat build', () => {
  test('logged out: shows the log-in entry, calls no API, and 登录 opens the log-in page', async () => {
    const h = boot();
    const page = h.mountPage('pages/me/index');

    const login = await waitFor(() => page.querySelector('#me-login'), { message: 'log-in entry' });
    expect(textOf(page)).toContain('登录海南工会云');
    expect(textOf(login)).toBe('登录');
    expect(h.requests).toEqual([]);

    tap(page, '#me-login');
    await waitFor(() => h.calls.find((c) => c.api === 'navigateTo'), { message: 'navigateTo' });
    expect(h.calls.filter((c) => c.api === 'navigateTo').map((c) => (c.options as { url: string }).url)).toEqual([
      '/pages/login/index',
    ]);
    expectAllTemplatesFound(h);
  });

  test('NutUI components render nodes in WeChat, icons included (needs @tarojs/plugin-html)', async () => {
    const h = boot();
    const page = h.mountPage('pages/me/index');
    const button = await waitFor(() => page.querySelector('#me-login')?.dom, { message: 'NutUI Button' });
    // NutUI's Button: a native <button> holding NutUI's wrapper and children views.
    expect(button.tagName.toLowerCase()).toBe('wx-button');
    expect(button.className).toMatch(/(^|[\s-])nut-button(\s|$)/);
    expect(button.querySelectorAll('[class*="nut-button-children"]')).toHaveLength(1);
    expect(textOf(button)).toBe('登录');

    // NutUI's icons are HTML <i> elements: without @tarojs/plugin-html WeChat has no template for
    // them (`Template tmpl_0_i not found`) and draws nothing. The log-in button shows its Loading
    // icon while the log-in request is in flight, so hold that request and look.
    const loginPage = h.mountPage('pages/login/index');
    await waitFor(() => loginPage.querySelector('#login-wechat'));
    const release = api.holdLogin();
    try {
      tap(loginPage, '#login-wechat');
      const icon = await waitFor(() => loginPage.querySelector('#login-wechat')?.dom?.querySelector('[class*="nut-icon-Loading"]'), {
        message: 'NutUI Loading icon inside the busy log-in button',
      });
      expect(icon.tagName.toLowerCase()).toMatch(/^wx-(text|view)$/);
      expect(icon.getAttribute('style') ?? '', 'the icon is drawn with its SVG mask').toContain('data:image/svg+xml');
    } finally {
      release();
    }
    await waitFor(() => h.calls.find((c) => c.api === 'switchTab'), { message: 'log-in completes' });
    expectAllTemplatesFound(h);
  });

  test('log-in with WeChat, then the card shows number, union and a QR of the payload, refreshed before it expires', async () => {
    const h = boot();

    // 登录 page: 微信一键登录 → wx.login → POST /api/auth/login {code} → back to 我的.
    const loginPage = h.mountPage('pages/login/index');
    await waitFor(() => loginPage.querySelector('#login-wechat'), { message: '微信一键登录' });
    tap(loginPage, '#login-wechat');
    await waitFor(() => h.calls.find((c) => c.api === 'switchTab'), { message: 'switchTab after log-in' });
    expect(h.loginCodes).toHaveLength(1);
    const loginCall = api.servedTo(h).find((s) => s.path === '/api/auth/login');
    expect(loginCall?.method).toBe('POST');
    expect(loginCall?.body).toEqual({ code: h.loginCodes[0] });
    expect((h.calls.find((c) => c.api === 'switchTab')!.options as { url: string }).url).toBe('/pages/me/index');
    // WeChat requires absolute https URLs; the build must not call a relative path.
    for (const r of h.requests) expect(r.url).toMatch(/^https?:\/\/[^/]+\/api\//);
    console.log(`[weapp] API origin baked into the build: ${new URL(h.requests[0]!.url).origin}`);

    // 我的 with the stored session.
    const page = h.mountPage('pages/me/index');
    await waitFor(() => cardAnswers(h).length >= 1 && page.querySelector('#card-qr'), { message: 'card with QR' });
    const member = me.member!;
    expect(textOf(byId(page, 'card-number'))).toBe(grouped(member.card.number));
    expect(textOf(byId(page, 'card-member-name'))).toBe(member.name);
    expect(textOf(byId(page, 'card-union'))).toBe(member.union.name);
    const meCall = api.servedTo(h).find((s) => s.path === '/api/me');
    expect(meCall?.authorization).toBe(`Bearer ${(loginCall!.answer as { token: string }).token}`);

    const first = payloadOf(cardAnswers(h)[0]!.answer);
    expect(encodes(renderedQr(page), first.payload), 'rendered QR encodes the first payload').toBe(true);
    // Control: the comparison tells payloads apart.
    expect(encodes(renderedQr(page), `${first.payload}x`)).toBe(false);

    // The page asks again before the payload expires, and draws the new one.
    await waitFor(() => cardAnswers(h).length >= 2, { timeout: QR_TTL_MS + 3_000, message: 'QR refresh' });
    const refresh = cardAnswers(h)[1]!;
    expect(refresh.at).toBeLessThan(Date.parse(first.expiresAt));
    expect(refresh.at - cardAnswers(h)[0]!.at, 'refreshed too eagerly').toBeGreaterThan(1_000);
    const second = payloadOf(refresh.answer);
    expect(second.payload).not.toBe(first.payload);
    await waitFor(() => encodes(renderedQr(page), second.payload), { message: 'QR redrawn with the new payload' });

    expectAllTemplatesFound(h);
  });

  test('a relaunch with the stored session shows the card without logging in again', async () => {
    // First launch: log in, keep what the app stored.
    const first = boot();
    const loginPage = first.mountPage('pages/login/index');
    await waitFor(() => loginPage.querySelector('#login-wechat'));
    tap(loginPage, '#login-wechat');
    await waitFor(() => first.calls.find((c) => c.api === 'switchTab'));
    const stored = Object.fromEntries(first.storage);
    expect(Object.keys(stored).length).toBeGreaterThan(0);
    first.dispose();

    // Second launch in the same process: a fresh bundle that finds the session in storage.
    const h = boot(stored);
    const page = h.mountPage('pages/me/index');
    await waitFor(() => page.querySelector('#card-qr'), { message: 'card after relaunch' });
    expect(h.loginCodes).toEqual([]);
    expect(textOf(byId(page, 'card-number'))).toBe(grouped(me.member!.card.number));
    expect(api.servedTo(h).map((s) => `${s.method} ${s.path} ${s.status}`)).toEqual([
      'GET /api/me 200',
      'GET /api/me/card 200',
    ]);
    expectAllTemplatesFound(h);
  });

  test('offline (no server answers): the card kept from the last launch with when it was refreshed, and no QR', async () => {
    const first = boot({ 'puhui.session': { token: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } });
    const shown = first.mountPage('pages/me/index');
    await waitFor(() => shown.querySelector('#card-qr'), { message: 'card online' });
    const stored = Object.fromEntries(first.storage);
    expect(stored['puhui.card']).toMatchObject({ number: me.member!.card.number, memberName: me.member!.name });
    first.dispose();

    // A port nothing listens on: every request fails as without a network.
    harness = bootWeapp({ apiOrigin: 'http://127.0.0.1:9', storage: stored });
    const page = harness.mountPage('pages/me/index');
    await waitFor(() => page.querySelector('#card-offline'), { message: 'the offline card' });
    expect(textOf(byId(page, 'card-number'))).toBe(grouped(me.member!.card.number));
    expect(textOf(byId(page, 'card-member-name'))).toBe(me.member!.name);
    expect(textOf(byId(page, 'card-offline-time'))).toMatch(/^会员卡信息更新于 (\d{4}年)?\d{1,2}月\d{1,2}日 \d\d:\d\d。$/);
    expect(page.querySelector('#card-qr')).toBeFalsy();
    expectAllTemplatesFound(harness);
  });
});

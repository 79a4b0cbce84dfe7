/**
 * 普惠 pages of the WeChat build, run as WeChat runs them (WXML compiled by wcc, the Taro runtime
 * booted from dist/weapp/app.js) against the fake API: the catalogue, a benefit's detail with a
 * claim (BUSY, then an idempotent retry), 我的券 with its refreshing QR, and the staff subpackage
 * (核销 with wx.scanCode, 权益管理 with figures by region).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_TOKEN, startFakeApi, type FakeApi } from './fixtures/api';
import { adminBenefit, couponOf, openBenefit, upcomingBenefit } from './fixtures/benefits';
import { drawnModules, encodes } from './qr-read';
import { bootWeapp, missingTemplates, tap, textOf, waitFor, type SimComponent, type WeappHarness } from './harness';

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

/**
 * WeChat's SelectorQuery chains (`select(…).boundingClientRect().exec(cb)`); miniprogram-simulate's
 * mock returns undefined from select(), which NutUI's Tabs (measuring its titles to scroll the
 * active one into view) trips over. This stand-in chains like WeChat and measures nothing (no
 * layout here): one zero rect per select(), no rects for selectAll().
 */
function chainingSelectorQuery() {
  const results: unknown[] = [];
  const zero = { left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 };
  const query = {
    in: () => query,
    select: () => ({ boundingClientRect: () => (results.push(zero), query), fields: () => (results.push(zero), query) }),
    selectAll: () => ({ boundingClientRect: () => (results.push([]), query), fields: () => (results.push([]), query) }),
    selectViewport: () => ({ scrollOffset: () => (results.push({ scrollLeft: 0, scrollTop: 0 }), query) }),
    exec: (cb?: (res: unknown[]) => void) => setTimeout(() => cb?.(results.splice(0))),
  };
  return query;
}

/** A launch with a stored session, as after a log-in. */
function boot(): WeappHarness {
  harness = bootWeapp({
    apiOrigin: api.origin,
    storage: { 'puhui.session': { token: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
  });
  wx().createSelectorQuery = chainingSelectorQuery;
  return harness;
}

/** The mock `wx` of the current boot. */
const wx = () => (globalThis as unknown as { wx: Record<string, unknown> }).wx;
/** Rendered nodes with a class (j-component prefixes classes in the DOM; its own selectors see the source names). */
const countOf = (page: SimComponent, className: string) => page.querySelectorAll(`.${className}`).length;
const textsOf = (page: SimComponent, className: string) => page.querySelectorAll(`.${className}`).map(textOf);

function expectAllTemplatesFound(h: WeappHarness) {
  expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
}

function byId(page: SimComponent, id: string): Element {
  const node = page.querySelector(`#${id}`)?.dom;
  if (!node) throw new Error(`#${id} is not rendered. Page: ${textOf(page).slice(0, 300)}`);
  return node;
}

const served = (h: WeappHarness, method: string, path: string | RegExp) =>
  api.servedTo(h).filter((s) => s.method === method && (typeof path === 'string' ? s.path === path : path.test(s.path)));
const urlsOf = (h: WeappHarness, api: string) => h.calls.filter((c) => c.api === api).map((c) => (c.options as { url: string }).url);
/** NutUI gives the n-th tab title the id `scrollIntoView<n>`. */
const tabTitle = (n: number) => `#scrollIntoView${n}`;

describe('普惠 pages in the WeChat build', () => {
  test('the 普惠 tab lists benefits with value, stock and claim state, filters by category and opens a benefit', async () => {
    const h = boot();
    const page = h.mountPage('pages/benefits/index');
    await waitFor(() => countOf(page, 'benefit-card') === 3, { message: 'three benefit cards' });

    const open = textOf(byId(page, `benefit-${openBenefit.id}`));
    expect(open).toContain('椰风影城一元观影券');
    expect(open).toContain('椰风影城（海口国贸店）');
    expect(open).toContain('¥35');
    expect(open).toContain('免费领取');
    expect(open).toContain('剩余 9876');
    expect(open).toContain('抢领中');
    const upcoming = textOf(byId(page, `benefit-${upcomingBenefit.id}`));
    expect(upcoming).toContain('未开始');
    expect(upcoming).toMatch(/\d{1,2}月\d{1,2}日 \d{2}:\d{2} 开抢/);
    expect(textOf(byId(page, 'benefit-bnf-sold-out-rice'))).toContain('已抢光');
    // The category tabs, in the contract's order.
    expect(textsOf(page, 'nut-tabs-titles-item')).toEqual(['全部', '优惠券', '一元观影', '话费', '生活物资', '文体活动']);

    tap(page, tabTitle(2));
    await waitFor(() => served(h, 'GET', '/api/benefits').some((s) => s.query === '?category=cinema'), { message: 'cinema list request' });
    await waitFor(() => countOf(page, 'benefit-card') === 1, { message: 'only the cinema benefit' });

    tap(page, `#benefit-${openBenefit.id}`);
    await waitFor(() => urlsOf(h, 'navigateTo').length > 0, { message: 'navigateTo the detail' });
    expect(urlsOf(h, 'navigateTo')).toEqual([`/pages/benefit/index?id=${openBenefit.id}`]);
    expectAllTemplatesFound(h);
  });

  test('the detail claims with one requestId: BUSY is shown with a retry, the retry gets the coupon, then 已领取', async () => {
    const h = boot();
    const page = h.mountPage('pages/benefit/index', { id: openBenefit.id });
    const button = await waitFor(() => (textOf(page.querySelector('#claim-button')) === '立即领取' ? page.querySelector('#claim-button') : null), {
      message: '立即领取',
    });
    expect(button.dom?.tagName.toLowerCase()).toBe('wx-button');
    expect(textOf(byId(page, 'benefit-title'))).toBe(openBenefit.title);
    expect(textOf(byId(page, 'benefit-face-value'))).toBe('¥35');
    expect(textOf(byId(page, 'benefit-claim-window'))).toMatch(/^(\d{4}年)?\d{1,2}月\d{1,2}日 \d{2}:\d{2} – (\d{4}年)?\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);

    api.busyClaims(1);
    tap(page, '#claim-button');
    await waitFor(() => textOf(page.querySelector('#claim-message')).includes('领取人数太多'), { message: 'BUSY message' });
    expect(textOf(byId(page, 'claim-message'))).toContain('重试领取');
    await waitFor(() => textOf(page.querySelector('#claim-button')) === '重试领取', { message: 'retry button' });

    tap(page, '#claim-button');
    await waitFor(() => textOf(page.querySelector('#claim-message')).startsWith('领取成功'), { message: 'claimed' });
    const claims = served(h, 'POST', `/api/benefits/${openBenefit.id}/claims`);
    expect(claims.map((c) => c.status)).toEqual([503, 201]);
    const [first, retry] = claims.map((c) => (c.body as { requestId: string }).requestId);
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(retry, 'the retry after BUSY sends the same requestId').toBe(first);

    // The detail is fetched again: the member holds one, the limit is reached.
    await waitFor(() => textOf(page.querySelector('#claim-button')) === '已领取', { message: '已领取' });
    expect(textOf(byId(page, 'benefit-held'))).toBe('1 张');
    tap(page, '#claim-button');
    await new Promise((r) => setTimeout(r, 200));
    expect(served(h, 'POST', `/api/benefits/${openBenefit.id}/claims`)).toHaveLength(2);

    // 我的券 opens at the coupon just claimed.
    tap(page, '#claim-coupons');
    await waitFor(() => urlsOf(h, 'navigateTo').length > 0, { message: 'to 我的券' });
    const coupon = [...api.claimed.values()].find((c) => c.benefitId === openBenefit.id)!;
    expect(urlsOf(h, 'navigateTo')).toEqual([`/pages/coupons/index?open=${coupon.id}`]);
    expectAllTemplatesFound(h);
  });

  test('before the window opens the button counts down and is disabled', async () => {
    const h = boot();
    const page = h.mountPage('pages/benefit/index', { id: upcomingBenefit.id });
    const first = await waitFor(() => {
      const label = textOf(page.querySelector('#claim-button'));
      return /^距开抢 2天 \d{2}:\d{2}:\d{2}$/.test(label) ? label : null;
    }, { message: 'countdown' });
    await waitFor(() => textOf(page.querySelector('#claim-button')) !== first, { timeout: 2_500, message: 'countdown ticks' });
    tap(page, '#claim-button');
    await new Promise((r) => setTimeout(r, 200));
    expect(served(h, 'POST', /\/claims$/)).toEqual([]);
    expectAllTemplatesFound(h);
  });

  test('我的券 shows unused coupons with a QR that refreshes before it expires, and used ones under 已使用', async () => {
    const unused = couponOf(openBenefit, 'cpn-for-qr', 'unused', Date.now());
    api.claimed.set('request-of-the-qr-test', unused);
    const h = boot();
    const page = h.mountPage('pages/coupons/index');
    await waitFor(() => page.querySelector(`#coupon-${unused.id}`), { message: 'the unused coupon' });
    expect(served(h, 'GET', '/api/me/coupons')[0]?.query).toBe('?status=unused');
    expect(textOf(byId(page, `coupon-${unused.id}`))).toContain(openBenefit.title);
    expect(textOf(byId(page, `coupon-${unused.id}`))).toMatch(/有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    tap(page, `#coupon-show-${unused.id}`);
    const qrPath = `/api/me/coupons/${unused.id}/qr`;
    await waitFor(() => served(h, 'GET', qrPath).length >= 1 && page.querySelector('#coupon-code-qr'), { message: 'coupon QR' });
    // Full screen: the QR carries the short code, shown in digits beneath it for the clerk to type.
    const firstPayload = (served(h, 'GET', qrPath)[0]!.answer as { code: string }).code;
    await waitFor(() => encodes(drawnModules(byId(page, 'coupon-code-qr')), firstPayload), { message: 'QR of the first code' });
    // Control: the comparison tells codes apart.
    expect(encodes(drawnModules(byId(page, 'coupon-code-qr')), `${firstPayload}1`)).toBe(false);
    expect(textOf(byId(page, 'coupon-code-digits')).replace(/\s/g, '')).toBe(firstPayload);

    await waitFor(() => served(h, 'GET', qrPath).length >= 2, { timeout: QR_TTL_MS + 3_000, message: 'QR refresh' });
    const [a, b] = served(h, 'GET', qrPath);
    expect(b!.at).toBeLessThan(Date.parse((a!.answer as { expiresAt: string }).expiresAt));
    const secondPayload = (b!.answer as { code: string }).code;
    await waitFor(() => encodes(drawnModules(byId(page, 'coupon-code-qr')), secondPayload), { message: 'QR redrawn' });
    tap(page, '#coupon-code-close');
    await waitFor(() => page.querySelector('#coupon-code') === undefined || page.querySelector('#coupon-code') === null, { message: 'closed' });

    tap(page, tabTitle(1));
    await waitFor(() => countOf(page, 'coupon-card--used') > 0, { message: '已使用 list' });
    expect(served(h, 'GET', '/api/me/coupons').at(-1)?.query).toBe('?status=used');
    expect(textOf(byId(page, 'coupon-cpn-used-1'))).toMatch(/核销于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(page.querySelector('#coupon-code-qr')).toBeUndefined();
    expectAllTemplatesFound(h);
  }, 30_000);

  test('核销 (staff subpackage): wx.scanCode reads the code, the page shows what was redeemed, and a refusal in Chinese', async () => {
    const h = boot();
    let scanned = 'HNGH1.coupon-cpn-1.1.x';
    wx().scanCode = (opts: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      h.calls.push({ api: 'scanCode', options: opts });
      const res = { result: scanned, scanType: 'QR_CODE', charSet: 'utf-8', errMsg: 'scanCode:ok' };
      setTimeout(() => {
        opts.success?.(res);
        opts.complete?.(res);
      });
    };
    const page = h.mountPage('staff/redeem/index');
    await waitFor(() => page.querySelector('#redeem-scan'), { message: '扫码核销 button' });

    tap(page, '#redeem-scan');
    await waitFor(() => page.querySelector('#redeem-result'), { message: 'redeemed' });
    expect(served(h, 'POST', '/api/redemptions')[0]?.body).toEqual({ token: scanned });
    expect(textOf(byId(page, 'redeem-benefit'))).toBe(openBenefit.title);
    expect(textOf(byId(page, 'redeem-member'))).toBe('王*生');
    expect(textOf(byId(page, 'redeem-time'))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    scanned = 'not-a-coupon';
    tap(page, '#redeem-scan');
    await waitFor(() => page.querySelector('#redeem-refusal'), { message: 'refusal' });
    expect(textOf(byId(page, 'redeem-refusal'))).toBe('券码无效，请让会员在“我的券”中刷新后重新出示');
    expectAllTemplatesFound(h);
  });

  test('权益管理 (staff subpackage): list by status, and a benefit with its figures by region', async () => {
    const h = boot();
    const list = h.mountPage('staff/benefits/index');
    await waitFor(() => countOf(list, 'staff-card') === 2, { message: 'two managed benefits' });
    expect(textOf(byId(list, `staff-benefit-${adminBenefit.id}`))).toContain('已领 2624');
    tap(list, tabTitle(1));
    await waitFor(() => countOf(list, 'staff-card') === 1, { message: 'drafts only' });
    expect(served(h, 'GET', '/api/admin/benefits').at(-1)?.query).toBe('?status=draft');

    const page = h.mountPage('staff/benefit/index', { id: adminBenefit.id });
    await waitFor(() => page.querySelector('#staff-figures'), { message: 'figures' });
    expect(textOf(byId(page, 'figure-stock'))).toBe('12500');
    expect(textOf(byId(page, 'figure-claimed'))).toBe('2624');
    expect(textOf(byId(page, 'figure-redeemed'))).toBe('1203');
    expect(textOf(byId(page, 'figure-remaining'))).toBe('9876');
    const cells = page.querySelectorAll('.staff-table__row').map((row) => [...(row.dom?.children ?? [])].map(textOf));
    expect(cells).toEqual([
      ['地区', '名额', '已领', '剩余'],
      ['海口市（01）', '3700', '1800', '1900'],
      ['三亚市（02）', '1500', '600', '900'],
      ['其他地区', '7300', '224', '7076'],
    ]);
    expect(textOf(byId(page, 'staff-actions'))).toContain('暂停领取');
    expectAllTemplatesFound(h);
  });
});

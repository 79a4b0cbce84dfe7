/**
 * Issue 15's new pages in the WeChat build (WXML compiled by wcc, the Taro runtime booted from
 * dist/weapp/app.js) against the fake API: 首页 (the member's name and union, the bell's unread
 * count, 出示会员码, the services with the coming ones marked, benefits open and coming); 出示会员码
 * (the card's QR full screen); 消息中心 (unread first, a tap marks read and opens the case); 工作台
 * (待审, 已超期, 待回访 and the queue); 核销 with 今日核销.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SESSION_TOKEN, me, startFakeApi, type FakeApi } from './fixtures/api';
import { REDEMPTIONS_TODAY } from './fixtures/front-doors';
import { drawnModules, encodes } from './qr-read';
import { bootWeapp, missingTemplates, tap, textOf, waitFor, type SimComponent, type WeappHarness } from './harness';

let api: FakeApi;
let harness: WeappHarness | undefined;

beforeAll(async () => {
  api = await startFakeApi({ qrTtlMs: 60_000 });
});
afterAll(() => api.close());
beforeEach(() => api.frontDoors.reset());
afterEach(() => {
  harness?.dispose();
  harness = undefined;
});

function boot(signedIn = true): WeappHarness {
  harness = bootWeapp({
    apiOrigin: api.origin,
    storage: signedIn ? { 'puhui.session': { token: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } } : {},
  });
  return harness;
}

const text = (page: SimComponent, id: string) => textOf(page.querySelector(`#${id}`));
const navigations = (h: WeappHarness) => h.calls.filter((c) => c.api === 'navigateTo').map((c) => (c.options as { url: string }).url);

describe('首页 in the WeChat build', () => {
  test("a member's hub: name, union, unread count, services, benefits; 出示会员码 and the bell open their pages", async () => {
    const h = boot();
    const page = h.mountPage('pages/home/index');
    await waitFor(() => text(page, 'home-unread') === '1', { message: 'the bell shows 1 unread' });
    expect(text(page, 'home-member-name')).toBe(me.member!.name);
    expect(text(page, 'home-member-union')).toBe(me.member!.union.name);
    await waitFor(() => page.querySelector('#home-benefits-open'), { message: 'benefits open now' });
    expect(text(page, 'home-service-activities')).toContain('即将上线');
    expect(text(page, 'home-service-aid')).not.toContain('即将上线');
    expect(text(page, 'home-service-stations')).not.toContain('即将上线');
    expect(text(page, 'home-service-coupons')).not.toContain('即将上线');
    tap(page, '#home-show-card');
    tap(page, '#home-bell');
    tap(page, '#home-service-transfer');
    await waitFor(() => navigations(h).length === 3);
    expect(navigations(h)).toEqual(['/pages/card/index', '/pages/messages/index', '/apply/transfer/index']);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });

  test('before log-in: the catalogue read without a session, and a log-in link instead of the bell', async () => {
    const h = boot(false);
    const page = h.mountPage('pages/home/index');
    await waitFor(() => page.querySelector('#home-benefits-open'), { message: 'benefits before log-in' });
    expect(page.querySelector('#home-login')).toBeTruthy();
    expect(page.querySelector('#home-bell')).toBeFalsy();
    const reads = api.servedTo(h).filter((s) => s.path === '/api/benefits');
    expect(reads.map((s) => [s.status, s.authorization ?? null])).toEqual([[200, null]]);
  });
});

describe('出示会员码 in the WeChat build', () => {
  test("the card's short code full screen — a QR and its digits — with the member's name, kept for offline display", async () => {
    const h = boot();
    const page = h.mountPage('pages/card/index');
    await waitFor(() => page.querySelector('#card-code-qr'), { message: 'the card QR' });
    expect(text(page, 'card-code')).toContain('会员码');
    expect(text(page, 'card-code')).toContain(me.member!.name);
    const served = api.servedTo(h).find((s) => s.path === '/api/me/card' && s.status === 200)!.answer as { qr: { code: string } };
    expect(text(page, 'card-code-digits').replace(/\s+/g, '')).toBe(served.qr.code);
    expect(encodes(drawnModules(page.querySelector('#card-code-qr')!.dom as Element), served.qr.code), 'the QR carries the short code').toBe(true);
    expect(h.storage.get('puhui.card')).toMatchObject({ number: me.member!.card.number, memberName: me.member!.name });
    expect(api.servedTo(h).filter((s) => s.path === '/api/me/card' && s.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

describe('消息中心 in the WeChat build', () => {
  test('unread first; a tap marks it read and opens the case', async () => {
    const h = boot();
    const page = h.mountPage('pages/messages/index');
    await waitFor(() => page.querySelector('#messages-list'), { message: 'the list' });
    expect(text(page, 'messages-summary')).toBe('1 条未读');
    const unreadId = 'message-01JFAKEAPPLICATION00000001-4';
    expect(text(page, unreadId)).toContain('未通过');
    expect(text(page, unreadId)).toContain('请先与现单位工会确认');
    tap(page, `#${unreadId}`);
    await waitFor(() => api.frontDoors.readIds.length === 1, { message: 'marked read' });
    expect(api.frontDoors.readIds).toEqual(['01JFAKEAPPLICATION00000001-4']);
    await waitFor(() => text(page, 'messages-summary') === '全部已读');
    expect(navigations(h)).toContain('/apply/application/index?id=01JFAKEAPPLICATION00000001');
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });

  test('a place won from the waiting list: its deadline in the words, and a tap opens 我的订单', async () => {
    const h = boot();
    const page = h.mountPage('pages/messages/index');
    await waitFor(() => page.querySelector('#messages-list'), { message: 'the list' });
    const id = 'message-cFAKEPLACE0000000000001-0';
    expect(text(page, id)).toContain('递补中签');
    expect(text(page, id)).toContain('您已递补获得名额，请于11月18日 21:00前');
    expect(text(page, id)).toContain('查看我的订单');
    tap(page, `#${id}`);
    await waitFor(() => navigations(h).includes('/orders/list/index'), { message: 'opened 我的订单' });
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

describe('工作台 and 核销 in the WeChat build', () => {
  test('工作台 counts 待审, 已超期 and 待回访 from the queues and opens the queue in one tap', async () => {
    const h = boot();
    const page = h.mountPage('workbench/desk/index');
    await waitFor(() => page.querySelector('#desk-pending-count'), { message: 'the counts' });
    const answer = (q: (query: string) => boolean) =>
      (api.servedTo(h).find((s) => s.path === '/api/admin/applications' && q(s.query))!.answer as { items: Array<{ currentStep: { overdue: boolean } | null }> }).items;
    const pending = answer((q) => q.includes('status=pending'));
    const followUps = answer((q) => q.includes('followUp=open'));
    expect(text(page, 'desk-pending-count')).toBe(String(pending.length));
    expect(text(page, 'desk-overdue-count')).toBe(String(pending.filter((a) => a.currentStep?.overdue).length));
    expect(text(page, 'desk-follow-ups-count')).toBe(String(followUps.length));
    tap(page, '#desk-pending');
    await waitFor(() => navigations(h).includes('/staff/applications/index'), { message: 'the queue opened' });
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });

  test('核销 shows 今日核销 with its count and list, and the day before', async () => {
    const h = boot();
    const page = h.mountPage('staff/redeem/index');
    await waitFor(() => text(page, 'redeem-today-count') === `${REDEMPTIONS_TODAY.length} 张`, { message: '今日核销 count' });
    expect(text(page, 'redeem-today')).toContain('今日核销');
    expect(text(page, 'redeem-today')).toContain(REDEMPTIONS_TODAY[0]!.benefitTitle);
    expect(text(page, 'redeem-today')).toContain('邢*强');
    tap(page, '#redeem-day-before');
    await waitFor(() => text(page, 'redeem-today').includes('昨日核销') && page.querySelector('#redeem-today-empty'), { message: 'the day before' });
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

import { useEffect, type ReactNode } from 'react';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../functions/applications/contracts/messages';
import type { MemberBenefit } from '../../functions/benefits/contracts/benefits';
import type { MeResponse } from '../../functions/membership/contracts/me';
import { flush, mount, type Mounted } from './render';
import { MEMBER } from './member-fixture';

/**
 * Issue 15's front doors on jsdom: 首页 (who, 出示会员码, services, in progress, benefits, search,
 * bell) for a visitor, an unbound account and a member; 消息中心 (unread first, a tap marks read and
 * opens the case); 工作台 (待审, 已超期, 待回访; binding offered); the full-screen 会员码; where log-in
 * lands each role; the subscription moments (nothing asked in H5 or without template ids).
 */
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => ({
  Button: ({ id, children, onClick }: { id?: string; children?: ReactNode; onClick?: () => void }) => (
    <button type='button' id={id} onClick={onClick}>
      {children}
    </button>
  ),
}));
const nav = vi.hoisted(() => ({ navigateTo: vi.fn(), switchTab: vi.fn(), redirectTo: vi.fn(), navigateBack: vi.fn(), requestSubscribeMessage: vi.fn() }));
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = {
    ...actual,
    ...nav,
    getCurrentPages: () => [{}, {}],
    setScreenBrightness: undefined,
    useDidShow: (fn: () => void) => useEffect(() => fn(), []),
    useDidHide: () => undefined,
    usePullDownRefresh: () => undefined,
  };
  return { ...taro, default: taro };
});
const api = vi.hoisted(() => ({ getMe: vi.fn(), getCard: vi.fn() }));
vi.mock('../../src/services/api', () => api);
const services = vi.hoisted(() => ({
  listMessages: vi.fn(),
  markMessageRead: vi.fn(),
  listMyApplications: vi.fn(),
  listReviewQueue: vi.fn(),
  listBenefits: vi.fn(),
}));
vi.mock('../../src/services/messages', () => ({ listMessages: services.listMessages, markMessageRead: services.markMessageRead, listRedemptions: vi.fn() }));
vi.mock('../../src/services/applications', () => ({ listMyApplications: services.listMyApplications, listReviewQueue: services.listReviewQueue }));
vi.mock('../../src/services/benefits', () => ({ listBenefits: services.listBenefits }));
const session = vi.hoisted(() => ({ current: null as null | { token: string; expiresAt: string } }));
vi.mock('../../src/services/session', () => ({ readSession: () => session.current, clearSession: () => undefined, saveSession: () => undefined }));


const benefit = (id: string, title: string, claimState: MemberBenefit['claimState']): MemberBenefit =>
  ({
    id,
    title,
    claimState,
    remaining: 12,
    faceValueFen: 4000,
    priceFen: 100,
    category: 'cinema',
    claimStartsAt: '2030-05-01T10:00:00.000+08:00',
    merchants: [{ id: 'mch', name: '椰风影城（海口国贸店）' }],
  }) as unknown as MemberBenefit;

const message = (id: string, read: boolean, result = '未通过'): Message => ({
  id,
  applicationId: id.slice(0, 26),
  kind: 'join',
  page: `/apply/application/index?id=${id.slice(0, 26)}`,
  title: '入会申请',
  result,
  by: '海口椰城公共交通有限公司工会',
  remark: '请补充劳动合同',
  at: '2026-05-01T10:00:00.000+08:00',
  read,
});

let mounted: Mounted | undefined;
beforeEach(() => {
  for (const fn of [...Object.values(api), ...Object.values(services), ...Object.values(nav)]) fn.mockReset();
  services.listBenefits.mockResolvedValue({ items: [benefit('b-open', '一元观影', 'open'), benefit('b-soon', '端午粽子', 'upcoming')], nextCursor: null });
  services.listMessages.mockResolvedValue({ items: [], unread: 0 });
  services.listMyApplications.mockResolvedValue({ items: [] });
  session.current = null;
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

async function show(load: () => Promise<{ default: () => JSX.Element }>, ready: string): Promise<HTMLElement> {
  const { default: Page } = await load();
  mounted = await mount(<Page />);
  for (let i = 0; i < 20 && !mounted.container.querySelector(ready); i += 1) await flush();
  await flush();
  return mounted.container;
}
const tap = async (el: Element | null) => {
  expect(el).not.toBeNull();
  await act(async () => (el as HTMLElement).click());
  await flush();
};
const home = () => show(() => import('../../src/pages/home/index'), '#home-benefits-open');

describe('首页', () => {
  it('before log-in: benefits open and coming, services, a log-in link; 出示会员码 and member services lead to log-in', async () => {
    const page = await home();
    expect(page.querySelector('#home-login')!.textContent).toContain('登录');
    expect(page.querySelector('#home-bell')).toBeNull();
    expect(page.querySelector('#home-benefits-open')!.textContent).toContain('一元观影');
    expect(page.querySelector('#home-benefits-upcoming')!.textContent).toContain('端午粽子');
    expect(page.querySelector('#home-benefits-upcoming')!.textContent).toContain('开抢');
    expect(api.getMe).not.toHaveBeenCalled();
    await tap(page.querySelector('#home-show-card'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/login/index' });
    await tap(page.querySelector('#home-service-coupons'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/login/index' });
    await tap(page.querySelector('#home-service-benefits'));
    expect(nav.switchTab).toHaveBeenLastCalledWith({ url: '/pages/benefits/index' });
    // 职工驿站 and 困难帮扶's self-check open before log-in; 活动报名 is still coming: marked, labelled, and a tap goes nowhere.
    await tap(page.querySelector('#home-service-stations'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/stations/finder/index' });
    await tap(page.querySelector('#home-service-aid'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/hardship/self-check/index' });
    const coming = page.querySelector('#home-service-activities')!;
    expect(coming.textContent).toContain('即将上线');
    expect(coming.getAttribute('aria-label')).toBe('活动报名，即将上线');
    const calls = nav.navigateTo.mock.calls.length;
    await tap(coming);
    expect(nav.navigateTo.mock.calls.length).toBe(calls);
  });

  it('for a member: name and union, the bell with the unread count, what is in progress, 出示会员码 opens the card', async () => {
    session.current = { token: 't', expiresAt: '2999-01-01T00:00:00Z' };
    api.getMe.mockResolvedValue(MEMBER);
    services.listMessages.mockResolvedValue({ items: [], unread: 3 });
    services.listMyApplications.mockResolvedValue({
      items: [
        { id: 'A1', kind: 'transfer', status: 'pending', currentStep: { id: 's1', name: '转出', org: { id: 'o', name: '儋州市那大镇工会' }, dueDate: null, overdue: false } },
        { id: 'A2', kind: 'join', status: 'approved', currentStep: null },
      ],
    });
    const page = await home();
    expect(page.querySelector('#home-member-name')!.textContent).toBe('邢志强');
    expect(page.querySelector('#home-member-union')!.textContent).toBe('儋州市那大镇工会');
    expect(page.querySelector('#home-unread')!.textContent).toBe('3');
    expect(page.querySelector('#home-bell')!.getAttribute('aria-label')).toBe('消息中心，3 条未读');
    expect(page.querySelector('#home-in-progress')!.textContent).toContain('会员关系转接 · 办理中');
    expect(page.querySelector('#home-application-A2')).toBeNull();
    await tap(page.querySelector('#home-show-card'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/card/index' });
    await tap(page.querySelector('#home-bell'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/messages/index' });
    await tap(page.querySelector('#home-service-transfer'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/apply/transfer/index' });
  });

  it('for an unbound account: 去绑定, and member-only services go to binding; an official gets the way to 工作台', async () => {
    session.current = { token: 't', expiresAt: '2999-01-01T00:00:00Z' };
    api.getMe.mockResolvedValue({ roles: [{ type: 'official', orgId: 'org-haikou', orgName: '海口市总工会' }], member: null });
    const page = await home();
    expect(page.querySelector('#home-bind')!.textContent).toContain('去绑定');
    await tap(page.querySelector('#home-service-coupons'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/binding/index' });
    await tap(page.querySelector('#home-service-join'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/apply/join/index' });
    await tap(page.querySelector('#home-desk'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/workbench/desk/index' });
  });

  it('searches services and benefits as the member types', async () => {
    const { search } = await import('../../src/pages/home/model');
    const benefits = [benefit('b1', '一元观影', 'open'), benefit('b2', '端午粽子', 'upcoming')];
    expect(search('观影', benefits).map((h) => (h.kind === 'service' ? h.service.key : h.benefit.id))).toEqual(['benefits', 'b1']);
    expect(search('椰风', benefits).map((h) => (h.kind === 'benefit' ? h.benefit.id : h.service.key))).toEqual(['b1', 'b2']);
    expect(search('转会', benefits).map((h) => (h.kind === 'service' ? h.service.key : ''))).toEqual(['transfer']);
    expect(search('  ', benefits)).toEqual([]);
    const page = await home();
    let input: HTMLInputElement | null = null;
    // Taro's <taro-input-core> renders its native <input> a moment later.
    for (let i = 0; i < 50 && !input; i += 1) {
      input = page.querySelector<HTMLInputElement>('#home-search input');
      if (!input) await flush();
    }
    expect(input).not.toBeNull();
    await act(async () => {
      input!.value = '帮扶';
      input!.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await flush();
    expect(page.querySelector('#home-search-results')!.textContent).toContain('困难帮扶');
    expect(page.querySelector('#home-search-results')!.textContent).not.toContain('即将上线');
  });
});

describe('消息中心', () => {
  it('lists unread first with the result, marks one read on a tap and opens its case', async () => {
    const unread = message('01JAAAAAAAAAAAAAAAAAAAAAAA-3', false);
    const read = message('01JBBBBBBBBBBBBBBBBBBBBBBB-2', true, '已通过');
    services.listMessages.mockResolvedValue({ items: [unread, read], unread: 1 });
    services.markMessageRead.mockResolvedValue({ message: { ...unread, read: true } });
    const page = await show(() => import('../../src/pages/messages/index'), '#messages-list');
    expect(page.querySelector('#messages-summary')!.textContent).toBe('1 条未读');
    const first = page.querySelector(`#message-${unread.id}`)!;
    expect(first.getAttribute('data-read')).toBe('false');
    expect(first.textContent).toContain('未通过');
    expect(first.textContent).toContain('请补充劳动合同');
    expect(first.textContent).toContain('5月1日 10:00');
    await tap(first);
    expect(services.markMessageRead).toHaveBeenCalledWith(unread.id);
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: `/apply/application/index?id=${unread.applicationId}` });
    expect(page.querySelector(`#message-${unread.id}`)!.getAttribute('data-read')).toBe('true');
    expect(page.querySelector('#messages-summary')!.textContent).toBe('全部已读');
    await tap(page.querySelector(`#message-${read.id}`));
    expect(services.markMessageRead).toHaveBeenCalledTimes(1);
  });

  it('a place won from the waiting list: the deadline in its words, and a tap opens 我的订单', async () => {
    const promoted: Message = {
      id: '01JCCCCCCCCCCCCCCCCCCCCCCC-0',
      applicationId: null,
      kind: 'order',
      page: '/orders/list/index',
      title: '一元观影',
      result: '递补中签',
      by: '海南省总工会',
      remark: '您已递补获得名额，请于12月7日 18:30前在“我的订单”中完成支付，逾期名额将依次递补给下一位。',
      at: '2026-12-07T15:30:00.000+08:00',
      read: false,
    };
    services.listMessages.mockResolvedValue({ items: [promoted, message('01JBBBBBBBBBBBBBBBBBBBBBBB-2', true, '已通过')], unread: 1 });
    services.markMessageRead.mockResolvedValue({ message: { ...promoted, read: true } });
    const page = await show(() => import('../../src/pages/messages/index'), '#messages-list');
    const item = page.querySelector(`#message-${promoted.id}`)!;
    expect(item.textContent).toContain('递补中签');
    expect(item.textContent).toContain('您已递补获得名额，请于12月7日 18:30前');
    expect(item.textContent).toContain('查看我的订单');
    expect(item.textContent).not.toContain('查看办理进度');
    await tap(item);
    expect(services.markMessageRead).toHaveBeenCalledWith(promoted.id);
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/orders/list/index' });
  });

  it('says so when there is nothing, and shows the refusal with a retry', async () => {
    const page = await show(() => import('../../src/pages/messages/index'), '#messages-empty');
    expect(page.querySelector('#messages-empty')!.textContent).toContain('暂无消息');
    await mounted!.unmount();
    services.listMessages.mockRejectedValue(new Error('登录已过期，请重新登录'));
    const failed = await show(() => import('../../src/pages/messages/index'), '#messages-error');
    expect(failed.querySelector('#messages-error')!.textContent).toBe('登录已过期，请重新登录');
    expect(failed.querySelector('#messages-retry')).not.toBeNull();
  });
});

describe('工作台', () => {
  const pendingItem = (id: string, overdue: boolean) => ({ id, currentStep: { overdue } });
  it('counts 待审, 已超期 and 待回访, opens the queue in one tap, and offers binding to an unbound official', async () => {
    api.getMe.mockResolvedValue({ roles: [{ type: 'official', orgId: 'org-haikou', orgName: '海口市总工会' }], member: null });
    services.listReviewQueue.mockImplementation(async (q: { followUp?: string }) =>
      q.followUp ? { items: [pendingItem('F1', false)] } : { items: [pendingItem('P1', true), pendingItem('P2', false), pendingItem('P3', true)] },
    );
    const page = await show(() => import('../../src/workbench/desk/index'), '#desk-pending-count');
    expect(page.querySelector('#desk-pending-count')!.textContent).toBe('3');
    expect(page.querySelector('#desk-overdue-count')!.textContent).toBe('2');
    expect(page.querySelector('#desk-follow-ups-count')!.textContent).toBe('1');
    expect(services.listReviewQueue).toHaveBeenCalledWith({ status: 'pending' });
    expect(services.listReviewQueue).toHaveBeenCalledWith({ followUp: 'open' });
    expect(page.querySelector('#desk-binding')!.textContent).toContain('绑定本人的会员身份');
    expect(page.querySelector('#me-desk')).toBeNull();
    expect(page.querySelector('#me-review')).not.toBeNull();
    await tap(page.querySelector('#desk-pending'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/applications/index' });
    await tap(page.querySelector('#desk-follow-ups'));
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/follow-ups/index' });
    // H5 (and no template ids): nothing is asked of WeChat.
    expect(nav.requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('shows 200+ when a queue came back full', async () => {
    const { countText, deskCounts } = await import('../../src/workbench/desk/model');
    const full = Array.from({ length: 200 }, (_, i) => pendingItem(`P${i}`, i < 5)) as never[];
    const counts = deskCounts(full, []);
    expect([countText(counts.pending, counts.capped.pending), counts.overdue, countText(counts.followUps, counts.capped.followUps)]).toEqual(['200+', 5, '0']);
  });
});

describe('出示会员码', () => {
  it('shows the card QR full screen with the member and card number, and closes back', async () => {
    api.getCard.mockResolvedValue({
      number: '460410100000123',
      memberName: '邢志强',
      unionName: '儋州市那大镇工会',
      qr: {
        payload: 'eyJhbGciOiJFUzI1NiJ9.e30.sig',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        code: '8000000042',
        codeExpiresAt: new Date(Date.now() + 120_000).toISOString(),
      },
    });
    const page = await show(() => import('../../src/pages/card/index'), '#card-code-qr');
    expect(page.querySelector('#card-code-digits')!.textContent).toBe('800 000 0042');
    expect(page.querySelector('#card-code')!.textContent).toContain('会员码');
    expect(page.querySelector('#card-code')!.textContent).toContain('邢志强');
    expect(page.querySelector('#card-code')!.textContent).toContain('4604 1010 0000 123');
    expect(page.querySelector('#card-code-qr')).not.toBeNull();
    await tap(page.querySelector('#card-code-close'));
    expect(nav.navigateBack).toHaveBeenCalled();
  });
});

describe('after log-in and subscriptions', () => {
  it('lands an official on 工作台, a clerk on 核销, a member on 我的, anybody else on binding', async () => {
    const { deskOf, goAfterLogin } = await import('../../src/services/auth');
    const session = (roles: MeResponse['roles'], bound: boolean) => ({ token: 't', expiresAt: 'x', bound, roles });
    goAfterLogin(session([{ type: 'official', orgId: 'o', orgName: '海口市总工会' }, { type: 'member' }], true));
    expect(nav.redirectTo).toHaveBeenLastCalledWith({ url: '/workbench/desk/index' });
    goAfterLogin(session([{ type: 'clerk', merchantId: 'm', merchantName: '椰风影城' }], false));
    expect(nav.redirectTo).toHaveBeenLastCalledWith({ url: '/staff/redeem/index' });
    goAfterLogin(session([{ type: 'member' }], true));
    expect(nav.switchTab).toHaveBeenLastCalledWith({ url: '/pages/me/index' });
    goAfterLogin(session([], false));
    expect(nav.redirectTo).toHaveBeenLastCalledWith({ url: '/pages/binding/index' });
    expect(deskOf([{ type: 'member' }])).toBeNull();
  });

  it('asks for the moment’s templates only, at most 3, none empty', async () => {
    const { templatesFor } = await import('../../src/services/subscribe');
    const ids = { progress: 'P', todo: 'T', overdue: 'O', claim: '' };
    expect(templatesFor('filed', ids)).toEqual(['P']);
    expect(templatesFor('claimed', ids)).toEqual(['P']);
    expect(templatesFor('queue', ids)).toEqual(['T', 'O']);
    expect(templatesFor('queue', { ...ids, todo: '', overdue: '' })).toEqual([]);
  });
});

import { useEffect } from 'react';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardResponse } from '../../functions/membership/contracts/me';
import { ApiError } from '../../src/services/request';
import { flush, mount, type Mounted } from './render';
import { MEMBER } from './member-fixture';

/**
 * The card at the counter and offline (issue 15, item 5), on jsdom: 出示会员码 shows the card's
 * 10-digit short code as its QR (21 modules) and in digits; every card answer is kept on the device
 * with its time, and with no network 我的 and 出示会员码 show that card and when it was refreshed —
 * never a stale code; a refusal (not bound, left) or log-out removes it.
 */
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => import('./nutui-stub'));
const taro = vi.hoisted(() => ({ storage: new Map<string, unknown>(), navigateBack: vi.fn(), switchTab: vi.fn(), navigateTo: vi.fn() }));
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const mocked = {
    ...actual,
    navigateBack: taro.navigateBack,
    switchTab: taro.switchTab,
    navigateTo: taro.navigateTo,
    getCurrentPages: () => [{}, {}],
    setScreenBrightness: undefined,
    getStorageSync: (key: string) => taro.storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void taro.storage.set(key, value),
    removeStorageSync: (key: string) => void taro.storage.delete(key),
    useDidShow: (fn: () => void) => useEffect(() => fn(), []),
    useDidHide: () => undefined,
  };
  return { ...mocked, default: mocked };
});
const api = vi.hoisted(() => ({ getMe: vi.fn(), getCard: vi.fn() }));
vi.mock('../../src/services/api', () => api);
vi.mock('../../src/services/session', () => ({ readSession: () => ({ token: 't', expiresAt: '2999-01-01T00:00:00Z' }), clearSession: () => undefined }));

const CARD: CardResponse = {
  number: '460410100000123',
  memberName: '邢志强',
  unionName: '儋州市那大镇工会',
  qr: {
    payload: 'eyJhbGciOiJFUzI1NiJ9.eyJjbiI6IjQ2MDQxMDEwMDAwMDEyMyJ9.c2lnbmF0dXJl',
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    code: '8123456789',
    codeExpiresAt: new Date(Date.now() + 120_000).toISOString(),
  },
};
const offline = () => new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0);
/** 2026-03-05 10:07 in Beijing. */
const REFRESHED = '2026-03-05T02:07:00.000Z';

let mounted: Mounted | undefined;
beforeEach(() => {
  taro.storage.clear();
  api.getMe.mockReset();
  api.getCard.mockReset();
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
const cardPage = (ready: string) => show(() => import('../../src/pages/card/index'), ready);
const mePage = (ready: string) => show(() => import('../../src/pages/me/index'), ready);
const kept = () => taro.storage.get('puhui.card') as { number: string; refreshedAt: string } | undefined;

describe('出示会员码 at the counter', () => {
  it('carries the short code in a 21-module QR, shows its digits grouped, and keeps the card with its time', async () => {
    api.getCard.mockResolvedValue(CARD);
    const before = Date.now();
    const page = await cardPage('#card-code-digits');
    expect(page.querySelector('#card-code-digits')!.textContent).toBe('812 345 6789');
    expect(page.querySelector('#card-code-qr')!.getAttribute('data-modules')).toBe('21');
    expect(page.querySelector('#card-code [role="img"]')!.getAttribute('aria-label')).toBe('会员码二维码，数字码 8 1 2 3 4 5 6 7 8 9');
    expect(page.querySelector('#card-code')!.textContent).toContain('4604 1010 0000 123');
    expect(kept()).toMatchObject({ number: CARD.number, memberName: '邢志强', unionName: '儋州市那大镇工会' });
    expect(Date.parse(kept()!.refreshedAt)).toBeGreaterThanOrEqual(before);
    expect(JSON.stringify(kept())).not.toContain(CARD.qr.code);
    expect(JSON.stringify(kept())).not.toContain(CARD.qr.payload);
  });

  it('offline: the card kept, when it was refreshed, and no code; a tap retries and the code comes back', async () => {
    taro.storage.set('puhui.card', { number: CARD.number, memberName: '邢志强', unionName: '儋州市那大镇工会', refreshedAt: REFRESHED });
    api.getCard.mockRejectedValueOnce(offline());
    const page = await cardPage('#card-code-message');
    expect(page.querySelector('#card-code-message')!.textContent).toMatch(/^当前离线，显示的是 (2026年)?3月5日 10:07 更新的会员卡，点击重试$/);
    expect(page.querySelector('#card-code')!.textContent).toContain('邢志强');
    expect(page.querySelector('#card-code')!.textContent).toContain('4604 1010 0000 123');
    expect(page.querySelector('#card-code-placeholder')!.textContent).toBe('离线时无法生成会员码，联网后自动刷新');
    expect(page.querySelector('#card-code-qr')).toBeNull();
    expect(page.querySelector('#card-code-digits')).toBeNull();

    api.getCard.mockResolvedValue(CARD);
    await act(async () => (page.querySelector('#card-code-message') as HTMLElement).click());
    for (let i = 0; i < 10 && !page.querySelector('#card-code-digits'); i += 1) await flush();
    expect(page.querySelector('#card-code-digits')!.textContent).toBe('812 345 6789');
    expect(page.querySelector('#card-code-message')).toBeNull();
  });

  it('offline with nothing kept: only the failure and a retry; a refusal removes the kept card', async () => {
    api.getCard.mockRejectedValueOnce(offline());
    let page = await cardPage('#card-code-message');
    expect(page.querySelector('#card-code-message')!.textContent).toBe('会员码刷新失败，点击重试');
    expect(page.querySelector('#card-code')!.textContent).toContain('电子会员卡');
    await mounted!.unmount();

    taro.storage.set('puhui.card', { number: CARD.number, memberName: '邢志强', unionName: '儋州市那大镇工会', refreshedAt: REFRESHED });
    api.getCard.mockRejectedValueOnce(new ApiError('NOT_BOUND', '请先完成会员实名绑定', 403));
    page = await cardPage('#card-code-message');
    expect(page.querySelector('#card-code-message')!.textContent).toBe('请先完成会员实名绑定');
    expect(page.querySelector('#card-code')!.textContent).not.toContain('4604');
    expect(kept()).toBeUndefined();
  });
});

describe('我的 offline', () => {
  it('shows the card kept on the device and when it was refreshed, no QR, and reconnects', async () => {
    api.getMe.mockResolvedValueOnce(MEMBER);
    api.getCard.mockResolvedValueOnce(CARD);
    let page = await mePage('#card-qr');
    expect(kept()?.number).toBe(CARD.number);
    await mounted!.unmount();
    taro.storage.set('puhui.card', { ...kept(), refreshedAt: REFRESHED });

    api.getMe.mockRejectedValueOnce(offline());
    page = await mePage('#card-offline');
    expect(page.querySelector('#card-member-name')!.textContent).toBe('邢志强');
    expect(page.querySelector('#card-number')!.textContent).toBe('4604 1010 0000 123');
    expect(page.querySelector('#card-union')!.textContent).toBe('儋州市那大镇工会');
    expect(page.querySelector('#card-offline-time')!.textContent).toContain('3月5日 10:07');
    expect(page.querySelector('#card-offline')!.textContent).toContain('会员码需联网生成');
    expect(page.querySelector('#card-qr')).toBeNull();
    expect(page.querySelector('#me-error')).toBeNull();

    api.getMe.mockResolvedValueOnce(MEMBER);
    api.getCard.mockResolvedValueOnce(CARD);
    await act(async () => (page.querySelector('#me-offline-retry') as HTMLElement).click());
    for (let i = 0; i < 10 && !page.querySelector('#card-qr'); i += 1) await flush();
    expect(page.querySelector('#card-offline')).toBeNull();
    expect(page.querySelector('#card-qr')).not.toBeNull();
  });

  it('with nothing kept, says the network failed; log-out and an unbound answer remove the kept card', async () => {
    api.getMe.mockRejectedValueOnce(offline());
    let page = await mePage('#me-error');
    expect(page.querySelector('#me-error')!.textContent).toBe('网络连接失败，请检查网络后重试');
    await mounted!.unmount();

    taro.storage.set('puhui.card', { number: CARD.number, memberName: '邢志强', unionName: '儋州市那大镇工会', refreshedAt: REFRESHED });
    api.getMe.mockResolvedValueOnce(MEMBER);
    api.getCard.mockResolvedValueOnce(CARD);
    page = await mePage('#card-qr');
    await act(async () => (page.querySelector('#me-logout') as HTMLElement).click());
    expect(kept()).toBeUndefined();
    await mounted!.unmount();

    taro.storage.set('puhui.card', { number: CARD.number, memberName: '邢志强', unionName: '儋州市那大镇工会', refreshedAt: REFRESHED });
    api.getMe.mockResolvedValueOnce({ roles: [{ type: 'member' }], member: null });
    page = await mePage('#me-bind');
    expect(kept()).toBeUndefined();
  });
});

import { useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeResponse } from '../../functions/membership/contracts/me';
import { flush, mount, type Mounted } from './render';

/**
 * 我的 (pages/me) for a member whose 退会 was recorded (issue 13, item 7): the card shows
 * 会员卡已停用, the page asks for no card QR (GET /api/me/card would refuse with MEMBERSHIP_ENDED) and
 * says why; an active member's card still fetches its QR.
 */
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => import('./nutui-stub'));
// The page's lifecycle: shown once mounted, never hidden in these tests.
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = { ...actual, useDidShow: (fn: () => void) => useEffect(() => fn(), []), useDidHide: () => undefined };
  return { ...taro, default: taro };
});
const api = vi.hoisted(() => ({ getMe: vi.fn(), getCard: vi.fn() }));
vi.mock('../../src/services/api', () => api);
vi.mock('../../src/services/session', () => ({ readSession: () => ({ token: 't', expiresAt: '2999-01-01T00:00:00Z' }), clearSession: () => undefined }));

const member = (over: Partial<NonNullable<MeResponse['member']>>): MeResponse => ({
  roles: [{ type: 'member' }],
  member: {
    id: 'mem-1',
    name: '王海生',
    sex: 'male',
    idNumberMasked: '46**************17',
    phoneMasked: '138****5678',
    union: { id: 'org-g', name: '海口椰城公共交通有限公司工会' },
    unionPath: [{ id: 'org-hainan', name: '海南省总工会' }],
    status: 'active',
    leftOn: null,
    card: { number: '460110100000123', issuedAt: '2024-03-01T08:00:00.000Z' },
    ...over,
  },
});

let mounted: Mounted | undefined;
beforeEach(() => {
  api.getMe.mockReset();
  api.getCard.mockReset();
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

async function show(): Promise<HTMLElement> {
  const { default: MePage } = await import('../../src/pages/me/index');
  mounted = await mount(<MePage />);
  for (let i = 0; i < 20 && !mounted.container.querySelector('#member-card'); i += 1) await flush();
  await flush();
  return mounted.container;
}

describe('我的 for a member who left (退会)', () => {
  it('shows the card as stopped, says why, and asks for no QR', async () => {
    api.getMe.mockResolvedValue(member({ status: 'left', leftOn: '2026-04-30' }));
    const page = await show();
    expect(page.querySelector('#member-card')!.className).toContain('member-card--stopped');
    expect(page.querySelector('#card-stopped')!.textContent).toBe('会员卡已停用');
    expect(page.querySelector('#card-stopped-note')!.textContent).toContain('您已于 2026-04-30 办理退会');
    expect(page.querySelector('#card-qr')).toBeNull();
    expect(page.textContent).not.toContain('正在生成会员码');
    expect(api.getCard).not.toHaveBeenCalled();
  });

  it('keeps an active member’s card as it was: no stopped mark, the QR fetched', async () => {
    api.getMe.mockResolvedValue(member({}));
    api.getCard.mockResolvedValue({
      number: '460110100000123',
      memberName: '王海生',
      unionName: '海口椰城公共交通有限公司工会',
      qr: { payload: 'payload', expiresAt: new Date(Date.now() + 60_000).toISOString() },
    });
    const page = await show();
    expect(page.querySelector('#card-stopped')).toBeNull();
    expect(page.querySelector('#card-stopped-note')).toBeNull();
    expect(api.getCard).toHaveBeenCalledTimes(1);
  });
});

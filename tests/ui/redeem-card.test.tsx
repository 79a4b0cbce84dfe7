import { act, useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/services/request';
import { flush, mount, type Mounted } from './render';

/**
 * 核销 takes a member's card code too (issue 15, item 5): the 10 digits beneath 出示会员码 (starting
 * with 8), typed or scanned, are checked with POST /api/cards/verify — the member's masked name,
 * union and card number — and nothing is redeemed; a coupon's code (6…) is redeemed as before.
 */
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => import('./nutui-stub'));
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = { ...actual, useLoad: (fn: () => void) => useEffect(() => fn(), []), useDidShow: () => undefined, showToast: async () => undefined };
  return { ...taro, default: taro };
});
const api = vi.hoisted(() => ({ getMe: vi.fn(), verifyCard: vi.fn() }));
const benefits = vi.hoisted(() => ({ redeemCoupon: vi.fn() }));
vi.mock('../../src/services/api', () => api);
vi.mock('../../src/services/benefits', () => benefits);
vi.mock('../../src/staff/redeem/today', () => ({ TodayRedemptions: () => null }));

let mounted: Mounted | undefined;
beforeEach(() => {
  api.getMe.mockReset().mockResolvedValue({ roles: [{ type: 'clerk', merchantId: 'mch-books', merchantName: '椰城书店（解放西店）' }], member: null });
  api.verifyCard.mockReset();
  benefits.redeemCoupon.mockReset();
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

const q = (selector: string) => mounted!.container.querySelector<HTMLElement>(selector);
async function show() {
  const { default: RedeemPage } = await import('../../src/staff/redeem/index');
  mounted = await mount(<RedeemPage />);
  for (let i = 0; i < 50 && !q('#redeem-code input'); i += 1) await flush();
}
async function typeCode(value: string) {
  const input = q('#redeem-code input') as HTMLInputElement;
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush();
  await act(async () => q('#redeem-code-submit')!.click());
  for (let i = 0; i < 5; i += 1) await flush();
}

describe('核销 with a member’s card code', () => {
  it('checks a card code and redeems nothing', async () => {
    api.verifyCard.mockResolvedValue({ valid: true, number: '460110100000123', memberName: '王*生', unionName: '海口椰城公共交通有限公司工会', expiresAt: '2026-12-07T05:00:00.000Z' });
    await show();
    await typeCode('8123456789');
    expect(api.verifyCard).toHaveBeenCalledWith({ payload: '8123456789' });
    expect(benefits.redeemCoupon).not.toHaveBeenCalled();
    expect(q('#redeem-card')!.textContent).toContain('会员身份有效');
    expect(q('#redeem-card-member')!.textContent).toContain('王*生');
    expect(q('#redeem-card-number')!.textContent).toContain('4601 1010 0000 123');
    expect(q('#redeem-result')).toBeNull();
  });

  it('says a refused card in the API’s words, and still redeems a coupon’s code', async () => {
    api.verifyCard.mockRejectedValue(new ApiError('CARD_CODE_NOT_FOUND', '数字码不正确或已过期，请核对后重新输入，或让会员刷新会员码', 400));
    await show();
    await typeCode('8000000001');
    expect(q('#redeem-refused')!.textContent).toContain('会员码未通过核验');
    expect(q('#redeem-refusal')!.textContent).toBe('数字码不正确或已过期，请核对后重新输入，或让会员刷新会员码');

    benefits.redeemCoupon.mockResolvedValue({
      redemption: { couponId: 'c1', benefitTitle: '椰城书店满减券', faceValueFen: 2000, memberName: '王*生', merchant: { id: 'mch-books', name: '椰城书店（解放西店）' }, redeemedAt: '2026-12-07T13:00:00+08:00' },
    });
    await typeCode('6000000001');
    expect(benefits.redeemCoupon).toHaveBeenCalledWith({ token: '6000000001' });
    expect(api.verifyCard).toHaveBeenCalledTimes(1);
    expect(q('#redeem-result')!.textContent).toContain('椰城书店满减券');
  });
});

import { act, useEffect, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MyOrdersResponse, OrderView } from '../../functions/payments/contracts/payments';
import { beijingTime, ORDER_STATE_LABELS, payable, payCountdown, yuan } from '../../src/components/order/model';
import { flush, mount, type Mounted } from './render';

/**
 * 收银台 (orders/cashier) and 我的订单 (orders/list) on jsdom: the amount, the time left and the
 * refund policy before paying; paying through requestPayment and waiting for the order to read paid;
 * a cancelled payment; a place past its deadline; 我的订单's states, 去支付, and a ban with its end.
 */
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => ({
  Button: ({ id, className, children, onClick, disabled }: { id?: string; className?: string; children?: ReactNode; onClick?: () => void; disabled?: boolean }) => (
    <button type='button' id={id} className={className} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  ),
  Tag: ({ children }: { children?: ReactNode }) => <span>{children}</span>,
}));
const params = vi.hoisted(() => ({ value: {} as Record<string, string> }));
const taroCalls = vi.hoisted(() => ({ showToast: vi.fn(), navigateTo: vi.fn(), showModal: vi.fn() }));
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = {
    ...actual,
    ...taroCalls,
    useLoad: (fn: (p: Record<string, string>) => void) => useEffect(() => fn(params.value), []),
    useDidShow: (fn: () => void) => useEffect(() => fn(), []),
    useDidHide: () => undefined,
  };
  return { ...taro, default: taro };
});
const api = vi.hoisted(() => ({ openCashier: vi.fn(), getMyOrder: vi.fn(), getMyOrders: vi.fn(), askRefund: vi.fn(), requestPayment: vi.fn() }));
vi.mock('../../src/services/orders', () => api);

const order = (over: Partial<OrderView> = {}): OrderView => ({
  id: 'Pc1',
  couponId: 'c1',
  benefitId: 'b1',
  benefitTitle: '一元观影 · 答题抽奖',
  amountFen: 100,
  state: 'paying',
  payBy: new Date(Date.now() + 2 * 3_600_000 + 5 * 60_000).toISOString(),
  createdAt: new Date().toISOString(),
  paidAt: null,
  releasedAt: null,
  refundPolicy: 'none',
  refundPolicyText: '本权益支付后不予退款',
  refund: null,
  canPay: true,
  canRequestRefund: false,
  ...over,
});
const payment = { timeStamp: '1765000000', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA' as const, paySign: 'sig' };

let mounted: Mounted | undefined;
beforeEach(() => {
  for (const fn of [...Object.values(api), ...Object.values(taroCalls)]) fn.mockReset();
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});
const click = async (el: Element | null) => {
  expect(el).not.toBeNull();
  await act(async () => (el as HTMLElement).click());
  await flush();
};

describe('the order words', () => {
  it('counts down in h:mm:ss, says yuan and Beijing time, and offers 去支付 only before the last minute', () => {
    const now = Date.parse('2026-12-07T07:00:00Z');
    expect(payCountdown('2026-12-07T10:00:00Z', now)).toBe('3:00:00');
    expect(payCountdown('2026-12-07T07:05:09Z', now)).toBe('05:09');
    expect(payCountdown('2026-12-07T06:00:00Z', now)).toBe('00:00');
    expect(yuan(100)).toBe('¥1.00');
    expect(beijingTime('2026-12-07T07:00:00Z')).toBe('12月7日 15:00');
    expect(payable({ state: 'paying', payBy: '2026-12-07T07:01:01Z' }, now)).toBe(true);
    expect(payable({ state: 'paying', payBy: '2026-12-07T07:01:00Z' }, now)).toBe(false);
    expect(payable({ state: 'released', payBy: '2026-12-07T09:00:00Z' }, now)).toBe(false);
    expect(ORDER_STATE_LABELS.refund_abnormal).toBe('退款异常，处理中');
  });
});

describe('the 收银台', () => {
  async function open() {
    params.value = { couponId: 'c1' };
    const { default: Page } = await import('../../src/orders/cashier/index');
    mounted = await mount(<Page />);
    await flush();
    return mounted.container;
  }

  it('shows the amount, the time left and the refund policy before paying; after paying waits for 已支付 and leads to the code', async () => {
    api.openCashier.mockResolvedValue({ order: order(), payment });
    api.requestPayment.mockResolvedValue({ kind: 'ok' });
    api.getMyOrder.mockResolvedValueOnce({ order: order() }).mockResolvedValue({ order: order({ state: 'paid', paidAt: new Date().toISOString(), canPay: false }) });
    const page = await open();
    expect(api.openCashier).toHaveBeenCalledWith('c1');
    expect(page.querySelector('#cashier-amount')?.textContent).toBe('¥1.00');
    expect(page.querySelector('#cashier-countdown')?.textContent).toMatch(/^2:0[45]:\d\d$/);
    expect(page.querySelector('#cashier-refund-policy')?.textContent).toBe('退款说明：本权益支付后不予退款');
    await click(page.querySelector('#cashier-pay'));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 700)));
    await flush();
    expect(api.requestPayment).toHaveBeenCalledWith(payment, 'pay');
    expect(page.querySelector('#cashier-state')?.textContent).toBe('已支付');
    expect(page.querySelector('#cashier-paid')?.textContent).toContain('支付成功');
    await click(page.querySelector('#cashier-coupons'));
    expect(taroCalls.navigateTo).toHaveBeenCalledWith({ url: '/pages/coupons/index' });
  });

  it('says so when the member cancels, and keeps the order to pay', async () => {
    api.openCashier.mockResolvedValue({ order: order(), payment });
    api.requestPayment.mockResolvedValue({ kind: 'cancel' });
    const page = await open();
    await click(page.querySelector('#cashier-pay'));
    expect(page.querySelector('#cashier-note')?.textContent).toBe('已取消支付，请在截止时间前完成支付');
    expect(api.getMyOrder).not.toHaveBeenCalled();
    expect(page.querySelector('#cashier-state')?.textContent).toBe('待支付');
  });

  it('shows the server’s refusal when the deadline has passed', async () => {
    api.openCashier.mockRejectedValue(new Error('已超过支付期限，名额已释放'));
    const page = await open();
    expect(page.querySelector('#cashier-error')?.textContent).toBe('已超过支付期限，名额已释放');
  });
});

describe('我的订单', () => {
  it('lists places to pay with the time left and 去支付, paid, released and refunded orders, and a ban with its end', async () => {
    const mine: MyOrdersResponse = {
      items: [
        order({ id: 'Pc1', couponId: 'c1', state: 'awaiting_payment' }),
        order({ id: 'Pc2', couponId: 'c2', state: 'paid', canPay: false, paidAt: '2026-12-07T15:10:00.000+08:00', refundPolicy: 'same_day_review', refundPolicyText: '支付当天24:00前可申请整单退款，经工作人员审核后原路退回', canRequestRefund: true }),
        order({ id: 'Pc3', couponId: 'c3', state: 'released', canPay: false, payBy: new Date(Date.now() - 60_000).toISOString() }),
        order({ id: 'Pc4', couponId: 'c4', state: 'refunded', canPay: false, refund: { reason: '行程有变', requestedAt: '2026-12-07T16:00:00.000+08:00', settledAt: '2026-12-07T17:00:00.000+08:00', comment: '同意退款' } }),
      ],
      bans: [{ orgId: 'org-meilan', orgName: '美兰区总工会', until: '2027-03-08T00:00:00.000+08:00', untilText: '2027年3月8日', benefitTitle: '一元观影' }],
    };
    api.getMyOrders.mockResolvedValue(mine);
    api.askRefund.mockResolvedValue({ order: order() });
    taroCalls.showModal.mockResolvedValue({ confirm: true });
    const { default: Page } = await import('../../src/orders/list/index');
    mounted = await mount(<Page />);
    await flush();
    const page = mounted.container;
    expect(page.querySelector('#order-c1 .order-state')?.textContent).toBe('待支付');
    expect(page.querySelector('#order-c1')?.textContent).toMatch(/剩余 2:0[45]:\d\d/);
    expect(page.querySelector('#order-c2 .order-state')?.textContent).toBe('已支付');
    expect(page.querySelector('#order-c3 .order-state')?.textContent).toBe('已失效（未按时支付）');
    expect(page.querySelector('#order-c3 .order-pay')).toBeNull();
    expect(page.querySelector('#order-c4')?.textContent).toContain('审核意见：同意退款');
    expect(page.querySelector('#orders-ban-org-meilan')?.textContent).toContain('2027年3月8日前不能参加美兰区总工会的普惠活动');
    await click(page.querySelector('#order-c1 .order-pay'));
    expect(taroCalls.navigateTo).toHaveBeenCalledWith({ url: '/orders/cashier/index?couponId=c1' });
    await click(page.querySelector('#order-c2 .order-refund'));
    expect(api.askRefund).toHaveBeenCalledWith('Pc2', '会员申请退款');
  });
});

describe('the countdown under a win', () => {
  it('shows the time left to pay for the won place and leads to the 收银台', async () => {
    api.getMyOrders.mockResolvedValue({ items: [order({ couponId: 'c9', state: 'awaiting_payment' })], bans: [] });
    const { PayPrompt } = await import('../../src/components/order/pay-prompt');
    mounted = await mount(<PayPrompt couponId='c9' />);
    await flush();
    expect(mounted.container.querySelector('#pay-prompt-countdown')?.textContent).toMatch(/剩余 2:0[45]:\d\d/);
    await click(mounted.container.querySelector('#pay-prompt-pay'));
    expect(taroCalls.navigateTo).toHaveBeenCalledWith({ url: '/orders/cashier/index?couponId=c9' });
  });
});

describe('a priced first-come claim on the benefit detail', () => {
  it('answers a place to pay for: the countdown and 去支付 instead of 领取成功', async () => {
    const { benefitDetail, couponOf, openBenefit } = await import('../weapp/fixtures/benefits');
    const priced = { ...openBenefit, priceFen: 100 };
    const detail = benefitDetail(openBenefit.id, 0)!;
    const benefits = { getBenefit: vi.fn().mockResolvedValue({ ...detail, benefit: { ...detail.benefit, priceFen: 100 } }), claimBenefit: vi.fn() };
    const payBy = new Date(Date.now() + 3 * 3_600_000).toISOString();
    benefits.claimBenefit.mockResolvedValue({ coupon: { ...couponOf(priced, 'c-priced', 'unused', Date.now()), payBy } });
    api.getMyOrders.mockResolvedValue({ items: [order({ couponId: 'c-priced', state: 'awaiting_payment', payBy })], bans: [] });
    vi.doMock('../../src/services/benefits', () => benefits);
    vi.doMock('../../src/services/subscribe', () => ({ askSubscription: vi.fn(), canSubscribe: () => false }));
    vi.doMock('../../src/services/session', () => ({ readSession: () => ({ token: 't', expiresAt: '2099-01-01T00:00:00+08:00' }) }));
    params.value = { id: openBenefit.id };
    const { default: Page } = await import('../../src/pages/benefit/index');
    mounted = await mount(<Page />);
    await flush();
    await click(mounted.container.querySelector('#claim-button'));
    await flush();
    expect(benefits.claimBenefit).toHaveBeenCalled();
    expect(mounted.container.querySelector('#claim-message')).toBeNull();
    expect(mounted.container.querySelector('#pay-prompt-countdown')?.textContent).toMatch(/剩余 (2:59|3:00):\d\d/);
    expect(taroCalls.showToast).toHaveBeenCalledWith({ title: '名额已保留', icon: 'success' });
    await click(mounted.container.querySelector('#pay-prompt-pay'));
    expect(taroCalls.navigateTo).toHaveBeenCalledWith({ url: '/orders/cashier/index?couponId=c-priced' });
  });
});

describe('操作记录 of payments', () => {
  it('says a refund review and a lifted ban in words', async () => {
    const { actionLabel, auditSentence } = await import('../../src/workbench/audit/model');
    const actor = { as: 'official', org: { id: 'org-hainan', name: '海南省总工会' } } as Parameters<typeof auditSentence>[0]['actor'];
    expect(actionLabel('order.refund')).toBe('审核退款');
    expect(auditSentence({ actor, action: 'order.refund', target: { type: 'order', id: 'Pc1', label: '一元观影 · 答题抽奖' } })).toContain('审核了订单「一元观影 · 答题抽奖」的退款');
    expect(auditSentence({ actor, action: 'ban.lift', target: { type: 'member', id: 'm1', label: '' } })).toContain('解除了一位会员参加普惠活动的限制');
  });
});

import { useEffect, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminBansResponse, AdminOrderView } from '../../functions/payments/contracts/admin';
import { click, type } from './interact';
import { flush, mount, type Mounted } from './render';

/**
 * The officials' refund and ban pages on jsdom: 退款审核 (the three queues; approve or refuse with a
 * comment, confirmed first; a failed refund tried again; the API's refusal in its words) and 会员限制
 * (a member's bans by number; 解除限制 with a reason, confirmed; lifted and ended ones without it).
 */
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => ({
  Button: ({ id, children, onClick, disabled }: { id?: string; children?: ReactNode; onClick?: () => void; disabled?: boolean }) => (
    <button type='button' id={id} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  ),
}));
const params = vi.hoisted(() => ({ value: {} as Record<string, string> }));
const taroCalls = vi.hoisted(() => ({ navigateTo: vi.fn(), showModal: vi.fn(), stopPullDownRefresh: vi.fn() }));
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = {
    ...actual,
    ...taroCalls,
    useDidShow: (fn: () => void) => useEffect(() => fn(), []),
    usePullDownRefresh: () => undefined,
    useRouter: () => ({ params: params.value }),
  };
  return { ...taro, default: taro };
});
const api = vi.hoisted(() => ({ listRefunds: vi.fn(), decideRefund: vi.fn(), listBans: vi.fn(), liftBan: vi.fn() }));
vi.mock('../../src/services/refunds-admin', () => api);

let mounted: Mounted | undefined;
beforeEach(() => {
  for (const fn of [...Object.values(api), ...Object.values(taroCalls)]) fn.mockReset();
  taroCalls.showModal.mockResolvedValue({ confirm: true });
  params.value = {};
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

const q = (selector: string) => mounted!.container.querySelector(selector);

const order = (over: Partial<AdminOrderView> = {}): AdminOrderView => ({
  id: 'O1',
  couponId: 'c1',
  benefitId: 'b1',
  benefitTitle: '海口观光团购',
  amountFen: 19_900,
  state: 'refund_requested',
  payBy: '2026-12-07T12:00:00.000+08:00',
  createdAt: '2026-12-07T09:00:00.000+08:00',
  paidAt: '2026-12-07T09:05:00.000+08:00',
  releasedAt: null,
  refundPolicy: 'same_day_review',
  refundPolicyText: '支付当天24:00前可申请整单退款，经工作人员审核后原路退回',
  refund: { reason: '行程有变', requestedAt: '2026-12-07T10:00:00.000+08:00', settledAt: null, comment: null },
  canPay: false,
  canRequestRefund: false,
  memberId: 'M180',
  memberName: '邢*强',
  ...over,
});

describe('退款审核 (workbench/refunds)', () => {
  async function open() {
    const { default: Page } = await import('../../src/workbench/refunds/index');
    mounted = await mount(<Page />);
    await flush();
  }

  it('lists the requests to review and approves one with a comment, after confirming', async () => {
    api.listRefunds.mockResolvedValueOnce({ items: [order()] }).mockResolvedValue({ items: [] });
    await open();
    expect(api.listRefunds).toHaveBeenCalledWith('refund_requested');
    const card = q('#refund-O1');
    expect(card?.textContent).toContain('海口观光团购');
    expect(card?.textContent).toContain('¥199');
    expect(card?.textContent).toContain('邢*强（M180）');
    expect(card?.textContent).toContain('原因：行程有变');
    expect(card?.textContent).toContain('支付当天24:00前可申请整单退款');

    await click(q('#refund-approve-O1'));
    expect(q('#refunds-notice')?.textContent).toBe('请填写审核意见');
    expect(api.decideRefund).not.toHaveBeenCalled();

    api.decideRefund.mockResolvedValue({ order: { ...order(), state: 'refunding' } });
    await type(q('#refund-comment-O1'), '当天申请，券码未使用，同意');
    await click(q('#refund-approve-O1'));
    expect(taroCalls.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '同意退款', content: expect.stringContaining('¥199') }));
    expect(api.decideRefund).toHaveBeenCalledWith('O1', true, '当天申请，券码未使用，同意');
    expect(q('#refunds-notice')?.textContent).toBe('已同意，退款处理中');
    expect(q('#refunds-empty')?.textContent).toContain('暂无待审核的退款');
  });

  it('refuses with a reason, says the API’s refusal in its words, and keeps nothing when the modal is cancelled', async () => {
    api.listRefunds.mockResolvedValue({ items: [order()] });
    await open();
    await type(q('#refund-comment-O1'), '券码已到店使用');
    taroCalls.showModal.mockResolvedValueOnce({ confirm: false });
    await click(q('#refund-refuse-O1'));
    expect(api.decideRefund).not.toHaveBeenCalled();

    const { ApiError } = await import('../../src/services/request');
    api.decideRefund.mockRejectedValueOnce(new ApiError('REFUND_SAME_PERSON', '退款须由会员本人申请、工作人员审核，不能审核本人的申请', 403));
    await click(q('#refund-refuse-O1'));
    expect(api.decideRefund).toHaveBeenCalledWith('O1', false, '券码已到店使用');
    expect(q('#refunds-notice')?.textContent).toBe('退款须由会员本人申请、工作人员审核，不能审核本人的申请');

    api.decideRefund.mockResolvedValue({ order: { ...order(), state: 'paid' } });
    await click(q('#refund-refuse-O1'));
    expect(q('#refunds-notice')?.textContent).toBe('已驳回');
  });

  it('shows refunds under way without actions, and tries a failed one again', async () => {
    api.listRefunds.mockResolvedValue({ items: [order({ state: 'refunding' })] });
    await open();
    await click(q('#refunds-queue-refunding'));
    expect(api.listRefunds).toHaveBeenLastCalledWith('refunding');
    expect(q('#refund-approve-O1')).toBeNull();
    expect(q('#refund-O1')?.textContent).toContain('已提交微信支付退款');

    api.listRefunds.mockResolvedValue({ items: [order({ state: 'refund_failed' })] });
    await click(q('#refunds-queue-refund_failed'));
    expect(q('#refund-refuse-O1')).toBeNull();
    expect(q('#refund-approve-O1')?.textContent).toBe('重新退款');
    api.decideRefund.mockResolvedValue({ order: { ...order(), state: 'refunded' } });
    await type(q('#refund-comment-O1'), '银行卡状态恢复，重新发起');
    await click(q('#refund-approve-O1'));
    expect(api.decideRefund).toHaveBeenCalledWith('O1', true, '银行卡状态恢复，重新发起');
    expect(q('#refunds-notice')?.textContent).toBe('已退款');

    await click(q('#refunds-bans'));
    expect(taroCalls.navigateTo).toHaveBeenCalledWith({ url: '/workbench/bans/index' });
  });
});

describe('会员限制 (workbench/bans)', () => {
  const bans = (active: boolean): AdminBansResponse => ({
    member: { id: 'M180', name: '邢*强' },
    items: [
      {
        orgId: 'hn',
        orgName: '海南省总工会',
        benefitTitle: '一元观影',
        since: '2026-10-01T00:05:00.000+08:00',
        until: '2027-01-02T00:00:00.000+08:00',
        untilText: '2027年1月2日',
        active,
        liftedAt: active ? null : '2026-12-07T10:00:00.000+08:00',
      },
    ],
  });

  async function open(query: Record<string, string> = {}) {
    params.value = query;
    const { default: Page } = await import('../../src/workbench/bans/index');
    mounted = await mount(<Page />);
    await flush();
  }

  it('finds a member’s standing ban by number and lifts it with a reason, after confirming', async () => {
    await open();
    await click(q('#bans-search'));
    expect(q('#bans-status')?.textContent).toBe('请填写会员编号');
    expect(api.listBans).not.toHaveBeenCalled();

    api.listBans.mockResolvedValueOnce(bans(true)).mockResolvedValue(bans(false));
    await type(q('#bans-member'), 'M180');
    await click(q('#bans-search'));
    expect(api.listBans).toHaveBeenCalledWith('M180');
    expect(q('#bans-member-name')?.textContent).toContain('邢*强');
    const card = q('#ban-hn');
    expect(card?.getAttribute('data-active')).toBe('yes');
    expect(card?.textContent).toContain('限制中');
    expect(card?.textContent).toContain('「一元观影」券码逾期未使用');
    expect(card?.textContent).toContain('2027年1月2日起恢复');

    await click(q('#ban-lift-hn'));
    expect(q('#bans-notice')?.textContent).toBe('请填写解除原因');
    await type(q('#ban-reason-hn'), '会员因病未能按时使用，已核实');
    await click(q('#ban-lift-hn'));
    expect(taroCalls.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '解除限制', content: expect.stringContaining('海南省总工会') }));
    expect(api.liftBan).toHaveBeenCalledWith('M180', 'hn', '会员因病未能按时使用，已核实');
    expect(q('#bans-notice')?.textContent).toBe('已解除限制');
    expect(q('#ban-hn')?.textContent).toContain('已解除');
    expect(q('#ban-lift-hn')).toBeNull();
  });

  it('opens on a member from ?memberId= and says the API’s refusal', async () => {
    const { ApiError } = await import('../../src/services/request');
    api.listBans.mockRejectedValue(new ApiError('NOT_FOUND', '没有找到该会员，请核对会员编号', 404));
    await open({ memberId: 'M999' });
    expect(api.listBans).toHaveBeenCalledWith('M999');
    expect(q('#bans-status')?.textContent).toBe('没有找到该会员，请核对会员编号');
  });
});

import { useEffect, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminCampaignView } from '../../functions/applications/contracts/subsidy';
import { flush, mount, type Mounted } from './render';

/**
 * 补贴活动 (staff/campaigns) for officials (issue 13, item 4: money needs two people): a campaign
 * waiting for the level above shows 待上级审批, the province's rules are stated, 审批通过 appears only
 * where the API says the caller may approve, asks for a confirmation and then shows the campaign open;
 * a refusal is shown in the API's Chinese words.
 */
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => ({
  Button: ({ id, children, onClick, disabled }: { id?: string; children?: ReactNode; onClick?: () => void; disabled?: boolean }) => (
    <button type='button' id={id} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  ),
}));
const modal = vi.hoisted(() => ({ showModal: vi.fn(), showToast: vi.fn() }));
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = {
    ...actual,
    useDidShow: (fn: () => void) => useEffect(() => fn(), []),
    usePullDownRefresh: () => undefined,
    showModal: modal.showModal,
    showToast: modal.showToast,
  };
  return { ...taro, default: taro };
});
const api = vi.hoisted(() => ({ listAdminCampaigns: vi.fn(), approveCampaign: vi.fn(), getSubsidyRules: vi.fn() }));
vi.mock('../../src/services/subsidy', () => api);

const campaign = (over: Partial<AdminCampaignView> = {}): AdminCampaignView => ({
  id: '01CAMPAIGNHAIKOU00000000001',
  title: '海口返乡交通补贴',
  description: '说明',
  owner: { id: 'org-haikou', name: '海口市总工会' },
  applyFrom: '2026-12-01T00:00:00+08:00',
  applyUntil: '2026-12-31T00:00:00+08:00',
  extended: false,
  travelFrom: '2026-11-20',
  travelUntil: '2027-01-31',
  fareThresholdFen: 5_000,
  tiers: [{ minFareFen: 5_000, amountFen: 10_000 }],
  state: 'pending_approval',
  createdAt: '2026-12-01T00:00:00+08:00',
  places: 100,
  approval: { status: 'pending_approval', approvedAt: null, canApprove: true },
  figures: { used: 0, left: 100, byRegion: {}, otherRegions: { quota: 100, used: 0, left: 100 }, payouts: 0, payoutAmountFen: 0 },
  ...over,
});

let mounted: Mounted | undefined;
beforeEach(() => {
  for (const fn of [...Object.values(api), ...Object.values(modal)]) fn.mockReset();
  api.getSubsidyRules.mockResolvedValue({ rules: { tierAmountsFen: [5_000, 10_000, 20_000, 30_000], maxPayoutFen: 30_000, version: 0, updatedAt: null, canUpdate: false } });
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

async function open() {
  const { default: Page } = await import('../../src/staff/campaigns/index');
  mounted = await mount(<Page />);
  await flush();
  return mounted.container;
}

describe('补贴活动 (officials)', () => {
  it('shows a pending campaign as 待上级审批 with the province’s rules, and approves it after a confirmation', async () => {
    api.listAdminCampaigns.mockResolvedValue({ items: [campaign()] });
    api.approveCampaign.mockResolvedValue({ campaign: campaign({ state: 'open', approval: { status: 'approved', approvedAt: '2026-12-02T10:00:00+08:00', canApprove: false } }) });
    modal.showModal.mockResolvedValue({ confirm: true });
    const page = await open();
    expect(page.querySelector('#campaign-rules')?.textContent).toBe('补贴标准（省总工会规定）：每档只能为 ¥50、¥100、¥200、¥300，单笔最高 ¥300');
    expect(page.querySelector('#campaign-summary')?.textContent).toBe('1 个活动待上级审批');
    const card = page.querySelector('#campaign-01CAMPAIGNHAIKOU00000000001') as HTMLElement;
    expect(card.textContent).toContain('待上级审批');
    (page.querySelector('#campaign-approve-01CAMPAIGNHAIKOU00000000001') as HTMLButtonElement).click();
    await flush();
    expect(modal.showModal.mock.calls[0]?.[0]).toMatchObject({ title: '审批通过' });
    expect(api.approveCampaign).toHaveBeenCalledWith('01CAMPAIGNHAIKOU00000000001');
    expect(card.textContent).toContain('申请中');
    expect(page.querySelector('#campaign-approve-01CAMPAIGNHAIKOU00000000001')).toBeNull();
  });

  it('offers no approval to the creator, and says why; a refusal comes back in the API’s words', async () => {
    api.listAdminCampaigns.mockResolvedValue({
      items: [campaign({ id: '01CAMPAIGNMINE0000000000001', approval: { status: 'pending_approval', approvedAt: null, canApprove: false } }), campaign()],
    });
    api.approveCampaign.mockRejectedValue(new Error('补贴活动须由创建人以外的上级工会工作人员审批，不能审批自己创建的活动'));
    modal.showModal.mockResolvedValue({ confirm: true });
    const page = await open();
    expect(page.querySelector('#campaign-approve-01CAMPAIGNMINE0000000000001')).toBeNull();
    expect(page.querySelector('#campaign-01CAMPAIGNMINE0000000000001')?.textContent).toContain('等待上级工会审批');
    (page.querySelector('#campaign-approve-01CAMPAIGNHAIKOU00000000001') as HTMLButtonElement).click();
    await flush();
    expect(modal.showModal.mock.calls[1]?.[0]).toMatchObject({ title: '未能审批', content: '补贴活动须由创建人以外的上级工会工作人员审批，不能审批自己创建的活动' });
  });
});

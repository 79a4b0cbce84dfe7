import { useEffect, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApplicationView } from '../../functions/applications/contracts/applications';
import type { BatchResponse, CampaignPayoutsResponse } from '../../functions/applications/contracts/payouts';
import { click, type } from './interact';
import { flush, mount, type Mounted } from './render';

/**
 * 补贴发放 on jsdom: the campaign's payouts (counts, the next batch, 生成发放批次 for the paying
 * federation's officers only), a batch (lines with masked cards, the bank file handed over, results
 * entered per line or read from the bank's answer, 复核确认 offered to a second person only), and the
 * member's payout (已发放 with the date; 发放失败 with why, what to do, and another card, Luhn-checked).
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
const taroCalls = vi.hoisted(() => ({ showToast: vi.fn(), navigateTo: vi.fn(), showModal: vi.fn(), stopPullDownRefresh: vi.fn() }));
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
const api = vi.hoisted(() => ({
  campaignPayouts: vi.fn(),
  createPayoutBatch: vi.fn(),
  getPayoutBatch: vi.fn(),
  payoutBatchFile: vi.fn(),
  markPayoutBatch: vi.fn(),
  confirmPayoutBatch: vi.fn(),
  changePayee: vi.fn(),
}));
vi.mock('../../src/services/payouts', () => api);
const subsidy = vi.hoisted(() => ({ listAdminCampaigns: vi.fn() }));
vi.mock('../../src/services/subsidy', () => subsidy);
const pick = vi.hoisted(() => ({ handOverText: vi.fn() }));
vi.mock('../../src/workbench/roster-import/pick', () => pick);

const CARD_MASK = '***************0128';
const batchOf = (over: Partial<BatchResponse['batch']> = {}): BatchResponse => ({
  batch: {
    id: '01JNV0000000000000000ABCDEF',
    number: 'PB20260302ABCDEF',
    campaign: { id: 'c1', title: '春节返乡交通补贴' },
    status: 'exported',
    lineCount: 2,
    totalFen: 20_000,
    createdAt: '2026-03-02T10:00:00.000+08:00',
    createdBy: { me: true },
    marked: null,
    confirmed: null,
    paidCount: 0,
    failedCount: 0,
    can: { download: true, mark: true, confirm: false },
    version: 2,
    lines: [
      { reference: '20260301-AAAAAA', applicationId: 'A1', payeeName: '王海涛', bankName: '中国工商银行海口分行', accountMasked: CARD_MASK, amountFen: 10_000, result: null, failure: null },
      { reference: '20260301-BBBBBB', applicationId: 'A2', payeeName: '陈美玲', bankName: '中国银行三亚分行', accountMasked: '***************0004', amountFen: 10_000, result: null, failure: null },
    ],
    ...over,
  },
});
const payouts = (over: Partial<CampaignPayoutsResponse> = {}): CampaignPayoutsResponse => ({
  campaign: { id: 'c1', title: '春节返乡交通补贴', owner: { id: 'hn', name: '海南省总工会' } },
  counts: { pending: 2, batched: 0, paid: 5, failed: 1, withoutAccount: 1 },
  pending: batchOf().batch.lines.map((l) => ({ reference: l.reference, applicationId: l.applicationId, payeeName: l.payeeName, bankName: l.bankName, accountMasked: l.accountMasked, amountFen: l.amountFen, createdAt: '2026-03-01T10:00:00.000+08:00' })),
  withoutAccount: [],
  batches: [],
  canOperate: true,
  ...over,
});

let mounted: Mounted | undefined;
beforeEach(() => {
  for (const fn of [...Object.values(api), ...Object.values(taroCalls), subsidy.listAdminCampaigns, pick.handOverText]) fn.mockReset();
  taroCalls.showModal.mockResolvedValue({ confirm: true });
  subsidy.listAdminCampaigns.mockResolvedValue({ items: [{ id: 'c1', title: '春节返乡交通补贴', approval: { status: 'approved' } }] });
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});


describe('补贴发放 (workbench/payouts)', () => {
  async function open() {
    params.value = { campaignId: 'c1' };
    const { default: Page } = await import('../../src/workbench/payouts/index');
    mounted = await mount(<Page />);
    await flush();
    return mounted.container;
  }

  it('shows the counts and the next batch; an officer makes the batch after a confirmation and lands on it', async () => {
    api.campaignPayouts.mockResolvedValue(payouts());
    api.createPayoutBatch.mockResolvedValue(batchOf());
    const page = await open();
    expect(api.campaignPayouts).toHaveBeenCalledWith('c1');
    expect(page.querySelector('#payouts-count-paid')?.textContent).toContain('5');
    expect(page.querySelector('#payouts-without-account')?.textContent).toContain('1 笔会员尚未填写收款银行卡');
    expect(page.querySelector('#payouts-pending')?.textContent).toContain('王海涛');
    expect(page.textContent).toContain('尾号0128');
    expect(page.textContent).not.toMatch(/\d{16}/);
    await click(page.querySelector('#payouts-create'));
    expect(taroCalls.showModal.mock.calls[0]?.[0].content).toContain('2 笔待发放补贴（合计 ¥200）');
    expect(api.createPayoutBatch).toHaveBeenCalledWith('c1');
    expect(taroCalls.navigateTo).toHaveBeenCalledWith({ url: '/workbench/payout-batch/index?id=01JNV0000000000000000ABCDEF' });
  });

  it('lets officials above the paying federation read only', async () => {
    api.campaignPayouts.mockResolvedValue(payouts({ canOperate: false }));
    const page = await open();
    expect(page.querySelector('#payouts-create')).toBeNull();
    expect(page.querySelector('#payouts-readonly')?.textContent).toContain('仅海南省总工会的工作人员可以生成批次');
  });
});

describe('发放批次 (workbench/payout-batch)', () => {
  async function open(batch: BatchResponse) {
    api.getPayoutBatch.mockResolvedValue(batch);
    params.value = { id: batch.batch.id };
    const { default: Page } = await import('../../src/workbench/payout-batch/index');
    mounted = await mount(<Page />);
    await flush();
    return mounted.container;
  }

  it('hands the bank file over without showing it, and sends each line’s result, a failure with its reason', async () => {
    api.payoutBatchFile.mockResolvedValue({ file: { name: 'PB20260302ABCDEF.csv', contentType: 'text/csv', content: '\uFEFF序号,收款人姓名,收款账号\r\n1,王海涛,6222021234567890128\r\n' } });
    pick.handOverText.mockResolvedValue(true);
    api.markPayoutBatch.mockResolvedValue(batchOf({ status: 'marked', marked: { at: '2026-03-03T09:00:00.000+08:00', me: true }, paidCount: 1, failedCount: 1, can: { download: true, mark: true, confirm: false }, version: 3 }));
    const page = await open(batchOf());
    expect(page.querySelector('#payout-batch-confirm')).toBeNull();
    await click(page.querySelector('#payout-batch-download'));
    expect(pick.handOverText).toHaveBeenCalledWith('PB20260302ABCDEF.csv', expect.stringContaining('6222021234567890128'), 'text/csv');
    expect(page.textContent).not.toContain('6222021234567890128');
    expect(page.querySelector('#payout-batch-notice')?.textContent).toContain('文件含完整卡号');

    // Not every line has a result yet: nothing is sent.
    await click(page.querySelector('#line-20260301-AAAAAA-paid'));
    await click(page.querySelector('#payout-batch-submit'));
    expect(api.markPayoutBatch).not.toHaveBeenCalled();
    expect(page.querySelector('#payout-batch-notice')?.textContent).toBe('还有 1 笔没有填写结果');
    await click(page.querySelector('#line-20260301-BBBBBB-failed'));
    await click(page.querySelector('#payout-batch-submit'));
    expect(page.querySelector('#payout-batch-notice')?.textContent).toBe('请为失败的 1 笔选择失败原因');
    await click(page.querySelector('#line-20260301-BBBBBB-account_frozen'));
    await click(page.querySelector('#payout-batch-submit'));
    expect(api.markPayoutBatch).toHaveBeenCalledWith('01JNV0000000000000000ABCDEF', {
      version: 2,
      lines: [
        { reference: '20260301-AAAAAA', result: 'paid' },
        { reference: '20260301-BBBBBB', result: 'failed', reason: 'account_frozen' },
      ],
    });
    // Entered by me: a second person confirms.
    expect(page.querySelector('#payout-batch-second-person')?.textContent).toContain('须由另一名工作人员复核确认');
    expect(page.querySelector('#payout-batch-confirm')).toBeNull();
  });

  it('reads the bank’s answer pasted from its file, reporting what it cannot place', async () => {
    const page = await open(batchOf());
    await type(page.querySelector('#payout-batch-answer-text'), '附言,处理结果,失败原因\n20260301-AAAAAA,成功,\n20260301-BBBBBB,失败,户名不符\n20260301-ZZZZZZ,成功,');
    await click(page.querySelector('#payout-batch-read-answer'));
    expect(page.querySelector('#line-20260301-AAAAAA')?.getAttribute('data-result')).toBe('paid');
    expect(page.querySelector('#line-20260301-BBBBBB')?.getAttribute('data-result')).toBe('failed');
    expect(page.querySelector('#payout-batch-notice')?.textContent).toContain('参考号 20260301-ZZZZZZ 不在本批次中');
  });

  it('offers 复核确认 to a second person, after a confirmation naming the figures', async () => {
    const marked = batchOf({ status: 'marked', marked: { at: '2026-03-03T09:00:00.000+08:00', me: false }, paidCount: 2, can: { download: true, mark: true, confirm: true }, version: 3 });
    api.confirmPayoutBatch.mockResolvedValue(batchOf({ status: 'confirmed', confirmed: { at: '2026-03-03T10:00:00.000+08:00', me: true }, paidCount: 2, can: { download: true, mark: false, confirm: false }, version: 4 }));
    const page = await open(marked);
    expect(page.querySelector('#payout-batch-trail')?.textContent).toContain('由其他工作人员回填结果');
    await click(page.querySelector('#payout-batch-confirm'));
    expect(taroCalls.showModal.mock.calls[0]?.[0].content).toContain('成功 2 笔、失败 0 笔');
    expect(api.confirmPayoutBatch).toHaveBeenCalledWith('01JNV0000000000000000ABCDEF', 3);
    expect(page.querySelector('#payout-batch-state')?.textContent).toBe('已确认');
    expect(page.querySelector('#payout-batch-submit')).toBeNull();
  });
});

describe('the member’s payout', () => {
  const form = (payout: NonNullable<Extract<ApplicationView['form'], { kind: 'subsidy' }>['payout']>): Extract<ApplicationView['form'], { kind: 'subsidy' }> => ({
    kind: 'subsidy',
    campaign: { id: 'c1', title: '春节返乡交通补贴' },
    travelDate: '2026-01-20',
    fromStation: '广州南站',
    toStation: '海口东站',
    fareFen: 26_850,
    amountFen: 10_000,
    proofUrls: [],
    payee: { bankName: '中国工商银行海口分行', accountMasked: CARD_MASK },
    payout,
  });
  const base = { amountFen: 10_000, createdAt: '2026-03-01T10:00:00.000+08:00', payee: { bankName: '中国工商银行海口分行', accountMasked: CARD_MASK } };

  it('says 已发放 with the date', async () => {
    const { PayoutRows } = await import('../../src/components/application/payout');
    mounted = await mount(<PayoutRows form={form({ ...base, status: 'paid', paidOn: '2026-03-03', failure: null, canChangePayee: false })} applicationId='A1' onChanged={() => undefined} />);
    expect(mounted.container.querySelector('#application-payout-status')?.textContent).toBe('¥100 · 已发放（2026-03-03）');
    expect(mounted.container.querySelector('#application-payout-note')?.textContent).toContain('已于 2026-03-03 发放到您的银行卡');
    expect(mounted.container.querySelector('#application-payee')?.textContent).toContain('尾号0128');
    expect(mounted.container.querySelector('#payee-change')).toBeNull();
  });

  it('says why it failed and what to do, and takes another card (its check digit checked as typed)', async () => {
    const { PayoutRows } = await import('../../src/components/application/payout');
    const changed = vi.fn();
    api.changePayee.mockResolvedValue({ application: { id: 'A1' } });
    const failure = { reason: 'name_mismatch' as const, label: '户名与卡号不符', advice: '请填写户名为本人（与会员名册姓名一致）的银行卡，提交后将在下一批次重新发放', note: null };
    mounted = await mount(<PayoutRows form={form({ ...base, status: 'failed', paidOn: null, failure, canChangePayee: true })} applicationId='A1' onChanged={changed} />);
    const note = mounted.container.querySelector('#application-payout-note')?.textContent;
    expect(note).toBe('发放失败：户名与卡号不符。请填写户名为本人（与会员名册姓名一致）的银行卡，提交后将在下一批次重新发放');
    await click(mounted.container.querySelector('#payee-change'));
    const input = (id: string) => mounted!.container.querySelector(`#${id}`);
    await type(input('payee-bankName'), '中国银行海口分行');
    await type(input('payee-accountNumber'), '6222021234567890123');
    expect(mounted.container.querySelector('#payee-error')?.textContent).toBe('银行卡号校验不通过，请逐位核对（最后一位是校验位）');
    await click(mounted.container.querySelector('#payee-submit'));
    expect(api.changePayee).not.toHaveBeenCalled();
    await type(input('payee-accountNumber'), '6217 0000 0000 0000 004');
    expect(mounted.container.querySelector('#payee-error')).toBeNull();
    await click(mounted.container.querySelector('#payee-submit'));
    expect(api.changePayee).toHaveBeenCalledWith('A1', { bankName: '中国银行海口分行', accountNumber: '6217 0000 0000 0000 004' });
    expect(changed).toHaveBeenCalledWith({ id: 'A1' });
  });
});

describe('补贴发放 in 操作记录', () => {
  it('reads as sentences, the batch by its campaign and number, no code and no card number', async () => {
    const { auditSentence, changeRows, changeSentence } = await import('../../src/workbench/audit/model');
    const actor = { as: 'official' as const, orgId: 'org-hainan', orgName: '海南省总工会', openid: 'dev-****ince' };
    const target = { type: 'payout-batch', id: '01JNV0000000000000000ABCDEF', label: '春节返乡交通补贴 PB20260302ABCDEF' };
    const said = (action: string, after: unknown) => {
      const entry = { actor, action, target, before: null, after } as never;
      return [auditSentence(entry), ...changeRows(entry).map(changeSentence)].join('：');
    };
    expect(said('payout-batch.create', { campaignId: 'c1', candidates: 2 })).toMatch(/ 干部 生成了补贴发放批次「春节返乡交通补贴 PB20260302ABCDEF」：待发放笔数为「2」$/);
    expect(said('payout-batch.export', { lines: 2, file: 'PB20260302ABCDEF.csv' })).toContain('下载了补贴发放批次「春节返乡交通补贴 PB20260302ABCDEF」的银行代发文件');
    expect(said('payout-batch.mark', { status: '待复核确认', paid: 1, failed: 1 })).toContain('回填了补贴发放批次「春节返乡交通补贴 PB20260302ABCDEF」的发放结果');
    const confirmed = said('payout-batch.confirm', { status: '已确认', paid: 2, failed: 0 });
    expect(confirmed).toContain('复核确认了');
    expect(confirmed).toContain('成功笔数为「2」');
    expect(confirmed).not.toMatch(/payout|batch|\d{16}/);
  });
});

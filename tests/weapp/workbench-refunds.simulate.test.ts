/**
 * 退款审核 and 会员限制 (subpackage `workbench`) in the WeChat build (WXML compiled by wcc, the Taro
 * runtime booted from dist/weapp/app.js) against the fake API: a refund request approved with a
 * comment after the confirmation; a member's standing ban found by number and lifted with a reason.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SESSION_TOKEN, startFakeApi, type FakeApi } from './fixtures/api';
import { bootWeapp, missingTemplates, tap, textOf, waitFor, type WeappHarness, typeInto as type } from './harness';

let api: FakeApi;
let harness: WeappHarness | undefined;

beforeAll(async () => {
  api = await startFakeApi({ qrTtlMs: 60_000 });
});
afterAll(() => api.close());
beforeEach(() => api.refunds.reset());
afterEach(() => {
  harness?.dispose();
  harness = undefined;
});

function boot(): WeappHarness {
  harness = bootWeapp({
    apiOrigin: api.origin,
    storage: { 'puhui.session': { token: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
  });
  return harness;
}


describe('退款审核', () => {
  test('a request to review, approved with a comment after the confirmation; the queue then empty', async () => {
    const h = boot();
    const page = h.mountPage('workbench/refunds/index');
    await waitFor(() => page.querySelector('#refund-PO1'), { message: 'the request' });
    const card = textOf(page.querySelector('#refund-PO1'));
    expect(card).toContain('海口观光团购');
    expect(card).toContain('¥199');
    expect(card).toContain('邢*强（M180）');
    expect(card).toContain('原因：行程有变');

    tap(page, '#refund-approve-PO1');
    await waitFor(() => page.querySelector('#refunds-notice'), { message: 'comment required' });
    expect(textOf(page.querySelector('#refunds-notice'))).toBe('请填写审核意见');
    type(page, 'refund-comment-PO1', '当天申请，券码未使用');
    tap(page, '#refund-approve-PO1');
    await waitFor(() => textOf(page.querySelector('#refunds-notice')) === '已同意，退款处理中', { message: 'approved' });
    await waitFor(() => page.querySelector('#refunds-empty'), { message: 'queue empty' });
    expect(api.refunds.decisions).toEqual([{ id: 'PO1', approve: true, comment: '当天申请，券码未使用' }]);
    expect(h.calls.filter((c) => c.api === 'showModal').map((c) => (c.options as { title: string }).title)).toEqual(['同意退款']);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

describe('会员限制', () => {
  test('a member found by number; the standing ban lifted with a reason, then shown lifted', async () => {
    const h = boot();
    const page = h.mountPage('workbench/bans/index');
    await waitFor(() => page.querySelector('#bans-member'), { message: 'the search' });
    type(page, 'bans-member', 'M999');
    tap(page, '#bans-search');
    await waitFor(() => textOf(page.querySelector('#bans-status')) === '没有找到该会员，请核对会员编号', { message: 'unknown member' });
    type(page, 'bans-member', 'M180');
    tap(page, '#bans-search');
    await waitFor(() => page.querySelector('#ban-org-hainan'), { message: 'the ban' });
    expect(textOf(page.querySelector('#ban-org-hainan'))).toContain('限制中');
    expect(textOf(page.querySelector('#ban-org-hainan'))).toContain('2027年1月2日起恢复');

    type(page, 'ban-reason-org-hainan', '会员因病未能按时使用，已核实');
    tap(page, '#ban-lift-org-hainan');
    await waitFor(() => textOf(page.querySelector('#bans-notice')) === '已解除限制', { message: 'lifted' });
    await waitFor(() => textOf(page.querySelector('#ban-org-hainan')).includes('已解除'), { message: 'shown lifted' });
    expect(page.querySelector('#ban-lift-org-hainan')).toBeFalsy();
    expect(api.refunds.lifts).toEqual([{ memberId: 'M180', orgId: 'org-hainan', reason: '会员因病未能按时使用，已核实' }]);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

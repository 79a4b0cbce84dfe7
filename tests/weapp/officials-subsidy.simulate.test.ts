/**
 * The pages issue 7 added last, in the WeChat build (WXML compiled by wcc, the Taro runtime booted
 * from dist/weapp/app.js) against the fake API: 差评回访 and 满意度统计 for officials (staff
 * subpackage), the 回访 form on 申请审核, and the member's 补贴申请 — the campaign's rules, inline
 * checks, the amount as the fare is typed, ticket images picked (wx.chooseImage), each sent with
 * POST /api/uploads then wx.uploadFile, filing — and a subsidy's detail with its payout and images.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SESSION_TOKEN, startFakeApi, type FakeApi } from './fixtures/api';
import { approvedSubsidy, homeTravel, openFollowUp, overdueFollowUp } from './fixtures/subsidy';
import { bootWeapp, missingTemplates, tap, textOf, waitFor, type SimComponent, type WeappHarness, typeInto as type } from './harness';
import { chainingSelectorQuery } from './selector-query';

let api: FakeApi;
let harness: WeappHarness | undefined;

beforeAll(async () => {
  api = await startFakeApi({ qrTtlMs: 60_000 });
});
afterAll(() => api.close());
beforeEach(() => api.applications.reset());
afterEach(() => {
  harness?.dispose();
  harness = undefined;
});

type Callbacks = { success?: (res: unknown) => void; fail?: (res: unknown) => void; complete?: (res: unknown) => void };
interface WxPictures {
  /** What wx.chooseImage hands over next (each call takes one entry). */
  picks: Array<Array<{ path: string; size: number }>>;
  /** Every wx.uploadFile, as the app called it. */
  uploads: Array<{ url: string; filePath: string; name: string; formData: Record<string, string> }>;
  previews: Array<{ urls: string[]; current: string }>;
}

/** A launch with a stored session, with wx's picture APIs standing in for the phone's album and S3. */
function boot(): { h: WeappHarness; pictures: WxPictures } {
  harness = bootWeapp({
    apiOrigin: api.origin,
    storage: { 'puhui.session': { token: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
  });
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wx.createSelectorQuery = chainingSelectorQuery;
  const pictures: WxPictures = { picks: [], uploads: [], previews: [] };
  const answer = (opts: Callbacks, ok: boolean, res: Record<string, unknown>) =>
    setTimeout(() => {
      (ok ? opts.success : opts.fail)?.(res);
      opts.complete?.(res);
    });
  wx.chooseImage = (opts: Callbacks & { count: number }) => {
    const files = (pictures.picks.shift() ?? []).slice(0, opts.count);
    if (files.length === 0) answer(opts, false, { errMsg: 'chooseImage:fail cancel' });
    else answer(opts, true, { tempFilePaths: files.map((f) => f.path), tempFiles: files, errMsg: 'chooseImage:ok' });
  };
  wx.uploadFile = (opts: Callbacks & WxPictures['uploads'][number]) => {
    pictures.uploads.push({ url: opts.url, filePath: opts.filePath, name: opts.name, formData: opts.formData });
    // S3 answers a presigned POST with 204 No Content.
    answer(opts, true, { statusCode: 204, data: '', errMsg: 'uploadFile:ok' });
    return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };
  wx.previewImage = (opts: Callbacks & { urls: string[]; current: string }) => {
    pictures.previews.push({ urls: opts.urls, current: opts.current });
    answer(opts, true, { errMsg: 'previewImage:ok' });
  };
  return { h: harness, pictures };
}

const text = (page: SimComponent, id: string) => textOf(page.querySelector(`#${id}`));


const served = (h: WeappHarness, method: string, path: string | RegExp) =>
  api.servedTo(h).filter((s) => s.method === method && (typeof path === 'string' ? s.path === path : path.test(s.path)));
const urlsOf = (h: WeappHarness, wxApi: string) => h.calls.filter((c) => c.api === wxApi).map((c) => (c.options as { url: string }).url);
const fieldError = (page: SimComponent, field: string) => page.querySelector(`#field-${field}-error`);
const hasClass = (node: Element | undefined | null, className: string) =>
  (node?.className ?? '').split(/\s+/).some((c) => c.endsWith(`--${className}`) || c === className);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectAllTemplatesFound(h: WeappHarness) {
  expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
}

/** This month in China, and the one before. */
const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const [year, month] = thisMonth.split('-').map(Number) as [number, number];
const lastMonth = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;

describe('officials: 差评回访 and 满意度统计 (staff subpackage)', () => {
  test('差评回访 lists the open 回访, overdue first with 已超期; the application records one with a required note', async () => {
    const { h } = boot();
    const list = h.mountPage('staff/follow-ups/index');
    await waitFor(() => list.querySelectorAll('.app-card').length === 2, { message: 'two open 回访' });
    expect(served(h, 'GET', '/api/admin/applications')[0]?.query).toBe('?followUp=open');
    const cards = list.querySelectorAll('.app-card');
    const overdue = textOf(cards[0]);
    expect(overdue).toContain(`申请人：${overdueFollowUp.applicant.name} · 非常不满意`);
    expect(textOf(cards[1])).toContain(`申请人：${openFollowUp.applicant.name} · 不满意`);
    expect(hasClass(cards[0]!.dom, 'app-card--overdue')).toBe(true);
    expect(overdue).toContain('已超期');
    expect(overdue).toMatch(/回访已超期：海口椰城公共交通有限公司工会应于.+前答复/);
    expect(textOf(cards[1])).not.toContain('已超期');
    expect(textOf(cards[1])).toMatch(/待回访：海口市美兰区新埠岛社区工会应于.+前答复/);
    expect(text(list, 'follow-up-summary')).toBe('共 2 件待回访，其中 1 件已超期（排在最前）');

    tap(list, '#follow-up-kind-join');
    await waitFor(() => list.querySelector('#follow-up-empty'), { message: 'no join 回访' });
    expect(served(h, 'GET', '/api/admin/applications').at(-1)?.query).toBe('?kind=join&followUp=open');
    tap(list, '#follow-up-kind-all');
    await waitFor(() => list.querySelectorAll('.app-card').length === 2, { message: 'all again' });
    tap(list, `#follow-up-${overdueFollowUp.id}`);
    await waitFor(() => urlsOf(h, 'navigateTo').length > 0, { message: 'to the application' });
    expect(urlsOf(h, 'navigateTo')).toEqual([`/staff/application/index?id=${overdueFollowUp.id}`]);
    expectAllTemplatesFound(h);

    const page = h.mountPage('staff/application/index', { id: overdueFollowUp.id });
    await waitFor(() => page.querySelector('#follow-up-panel'), { message: 'the 回访 form' });
    expect(page.querySelector('#decision-panel')).toBeUndefined();
    expect(text(page, 'follow-up-due')).toMatch(/^回访已超期：/);
    expect(text(page, 'application-rating')).toContain('非常不满意');

    tap(page, '#follow-up-submit');
    await waitFor(() => fieldError(page, 'note'), { message: 'note required' });
    expect(textOf(fieldError(page, 'note'))).toBe('请填写回访情况（核实、整改及答复会员的情况）');
    expect(served(h, 'POST', /\/follow-up$/)).toEqual([]);

    type(page, 'follow-up-note', '已电话联系申请人，说明需先与原单位解除劳动合同，并协助其补齐材料');
    await waitFor(() => !fieldError(page, 'note'), { message: 'note accepted' });
    tap(page, '#follow-up-submit');
    await waitFor(() => text(page, 'decision-notice') === '已登记回访', { message: 'recorded' });
    expect(served(h, 'POST', `/api/applications/${overdueFollowUp.id}/follow-up`).map((s) => s.body)).toEqual([
      { note: '已电话联系申请人，说明需先与原单位解除劳动合同，并协助其补齐材料' },
    ]);
    expect(h.calls.filter((c) => c.api === 'showModal')).toHaveLength(1);
    expect(page.querySelector('#follow-up-panel')).toBeUndefined();
    expect(text(page, 'application-follow-up')).toContain('已回访（超过期限）');
    expect(text(page, 'application-follow-up')).toContain('回访情况：已电话联系申请人');
    expect(text(page, 'application-follow-up')).toMatch(/海口市总工会（上级工会） 登记于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(page.querySelectorAll('.app-timeline__entry').map(textOf).at(-1)).toMatch(/海口市总工会（上级工会） 回访：已电话联系申请人/);
    expectAllTemplatesFound(h);
  });

  test('满意度统计: this month by default, per kind and in total, the formulas as the API states them; another month and one kind', async () => {
    const { h } = boot();
    const page = h.mountPage('staff/satisfaction/index');
    await waitFor(() => page.querySelector('#satisfaction-table'), { message: 'figures' });
    expect(served(h, 'GET', '/api/admin/satisfaction')[0]?.query).toBe(`?month=${thisMonth}`);
    expect(text(page, 'satisfaction-month')).toBe(`${year}年${month}月 ▾`);
    expect(text(page, 'satisfaction-scope')).toContain('统计范围：海口市总工会及其下级工会');

    // 入会 46 rated (1 差评, on time), 转会 14 (1 差评, late), 补贴 none: 58 of 60 good, 1 of 2 on time.
    expect(text(page, 'satisfaction-rate')).toBe('96.67%');
    expect(text(page, 'satisfaction-rated')).toBe('60');
    expect(text(page, 'satisfaction-follow-up-rate')).toBe('50.00%');
    expect(page.querySelectorAll('#satisfaction-table .staff-table__row--head .staff-table__cell').map(textOf)).toEqual([
      '项目',
      '合计',
      '入会',
      '转会',
      '补贴',
    ]);
    const row = (key: string) => page.querySelectorAll(`#satisfaction-row-${key} .staff-table__cell`).map(textOf);
    expect(row('rated')).toEqual(['评价总数', '60', '46', '14', '0']);
    expect(row('level-5')).toEqual(['非常满意', '40', '30', '10', '0']);
    expect(row('level-1')).toEqual(['非常不满意', '1', '0', '1', '0']);
    expect(row('satisfaction-rate')).toEqual(['满意率', '96.67%', '97.83%', '92.86%', '—']);
    expect(row('bad')).toEqual(['差评', '2', '1', '1', '0']);
    expect(row('followed-up')).toEqual(['已回访', '2', '1', '1', '0']);
    expect(row('follow-up-rate')).toEqual(['按期回访率', '50.00%', '100.00%', '0.00%', '—']);
    expect(hasClass(page.querySelector('#satisfaction-follow-up-rate-transfer')?.dom, 'satisfaction-cell--warn')).toBe(true);
    expect(text(page, 'satisfaction-formula-rate')).toBe('满意率 = (非常满意 + 满意 + 基本满意) ÷ 全部评价');
    expect(text(page, 'satisfaction-formula-follow-up')).toBe('按期回访率 = 15个工作日内完成回访的差评 ÷ 全部差评（不满意 + 非常不满意）');

    // No month after this one; the one before, then only 转会.
    tap(page, '#satisfaction-next');
    await pause(100);
    expect(served(h, 'GET', '/api/admin/satisfaction')).toHaveLength(1);
    tap(page, '#satisfaction-prev');
    await waitFor(() => served(h, 'GET', '/api/admin/satisfaction').at(-1)?.query === `?month=${lastMonth}`, { message: 'last month' });
    await waitFor(() => text(page, 'satisfaction-scope').includes(`${Number(lastMonth.slice(0, 4))}年${Number(lastMonth.slice(5))}月`), { message: 'shown' });
    tap(page, '#satisfaction-kind-transfer');
    await waitFor(() => served(h, 'GET', '/api/admin/satisfaction').at(-1)?.query === `?month=${lastMonth}&kind=transfer`, { message: '转会 only' });
    await waitFor(() => page.querySelectorAll('#satisfaction-table .staff-table__row--head .staff-table__cell').length === 2, { message: 'one column' });
    expect(row('rated')).toEqual(['评价总数', '14']);
    expect(text(page, 'satisfaction-rate')).toBe('92.86%');
    // The month picker (WeChat's own picker) picks any month.
    page.querySelector('#satisfaction-month-picker')!.dispatchEvent('change', { detail: { value: '2026-03' } });
    await waitFor(() => served(h, 'GET', '/api/admin/satisfaction').at(-1)?.query === '?month=2026-03&kind=transfer', { message: 'picked month' });
    expectAllTemplatesFound(h);
  });
});

describe('补贴申请 (member)', () => {
  test('the 办事 tab opens the subsidy form for a bound member', async () => {
    const { h } = boot();
    const page = h.mountPage('pages/services/index');
    await waitFor(() => text(page, 'services-subsidy').includes('查看正在开展的补贴活动'), { message: 'subsidy entry' });
    expect(text(page, 'services-subsidy')).not.toContain('即将开放');
    tap(page, '#services-subsidy');
    await waitFor(() => urlsOf(h, 'navigateTo').length > 0, { message: 'to the form' });
    expect(urlsOf(h, 'navigateTo')).toEqual(['/apply/subsidy/index']);
    expectAllTemplatesFound(h);
  });

  test('the form shows the campaign’s rules, checks inline, shows the amount, uploads the tickets and files', async () => {
    const { h, pictures } = boot();
    const page = h.mountPage('apply/subsidy/index');
    await waitFor(() => page.querySelector('#subsidy-form'), { message: 'the form' });
    expect(text(page, 'subsidy-campaign')).toContain(homeTravel.title);
    expect(text(page, 'subsidy-campaign-state')).toBe('申请中');
    expect(text(page, 'subsidy-threshold')).toBe('往返票价满 ¥50');
    expect(page.querySelectorAll('.subsidy-tiers__line').map(textOf)).toEqual([
      '票价 ¥50 – ¥199.99：补贴 ¥50',
      '票价 ¥200 – ¥499.99：补贴 ¥100',
      '票价 ¥500 – ¥999.99：补贴 ¥200',
      '票价 ¥1000 及以上：补贴 ¥300',
    ]);
    expect(text(page, 'subsidy-travel-window')).toBe(`${homeTravel.travelFrom} 至 ${homeTravel.travelUntil}`);
    expect(text(page, 'subsidy-quota')).toBe('3699 个');
    expect(text(page, 'subsidy-eligibility')).toContain('您符合申请条件');
    expect(text(page, 'subsidy-amount')).toBe('填写票价后显示可获补贴金额');

    // Nothing is sent while the form is incomplete.
    tap(page, '#subsidy-submit');
    await waitFor(() => fieldError(page, 'proofKeys'), { message: 'errors shown' });
    expect(textOf(fieldError(page, 'travelDate'))).toBe('请填写乘车（机）日期（如 2026-01-20）');
    expect(textOf(fieldError(page, 'fare'))).toBe('请填写票价（元）');
    expect(textOf(fieldError(page, 'proofKeys'))).toBe('请上传车票（机票）图片');
    expect(text(page, 'subsidy-form-error')).toBe('请按提示修改标红的内容');
    expect(served(h, 'POST', '/api/applications')).toEqual([]);

    const travelDate = homeTravel.travelFrom;
    type(page, 'subsidy-travelDate', travelDate);
    type(page, 'subsidy-fromStation', '广州南站');
    type(page, 'subsidy-toStation', '海口东站');
    type(page, 'subsidy-fare', '30');
    await waitFor(() => textOf(fieldError(page, 'fare')) === '票价未达到补贴门槛 ¥50，不能申请', { message: 'below the threshold' });
    expect(text(page, 'subsidy-amount')).toBe('票价未达到补贴门槛，不能获得补贴');
    type(page, 'subsidy-fare', '268.5');
    await waitFor(() => text(page, 'subsidy-amount-value') === '¥100', { message: 'the amount' });
    expect(fieldError(page, 'fare')).toBeUndefined();
    expect(fieldError(page, 'travelDate')).toBeUndefined();
    // The member's own card: a wrong check digit is caught as typed.
    type(page, 'subsidy-bankName', '中国工商银行海口分行');
    type(page, 'subsidy-accountNumber', '6222 0212 3456 7890 123');
    tap(page, '#subsidy-submit');
    await waitFor(() => textOf(fieldError(page, 'accountNumber')) === '银行卡号校验不通过，请逐位核对（最后一位是校验位）', { message: 'Luhn' });
    type(page, 'subsidy-accountNumber', '6222 0212 3456 7890 128');
    await waitFor(() => !fieldError(page, 'accountNumber'), { message: 'card accepted' });

    // Two tickets and a GIF: the GIF is refused on the phone, each ticket gets its own upload ticket.
    pictures.picks.push([
      { path: 'http://tmp/ticket-go.jpg', size: 240_000 },
      { path: 'http://tmp/sticker.gif', size: 8_000 },
      { path: 'http://tmp/ticket-back.png', size: 310_000 },
    ]);
    tap(page, '#subsidy-proofs-add');
    await waitFor(() => pictures.uploads.length === 2, { message: 'two uploads' });
    await waitFor(() => page.querySelectorAll('.proof-upload__tile--done').length === 2, { message: 'uploaded' });
    expect(served(h, 'POST', '/api/uploads').map((s) => s.body)).toEqual([{ contentType: 'image/jpeg' }, { contentType: 'image/png' }]);
    const tickets = served(h, 'POST', '/api/uploads').map((s) => s.answer as { url: string; key: string; fields: Record<string, string> });
    expect(pictures.uploads).toEqual([
      { url: tickets[0]!.url, filePath: 'http://tmp/ticket-go.jpg', name: 'file', formData: tickets[0]!.fields },
      { url: tickets[1]!.url, filePath: 'http://tmp/ticket-back.png', name: 'file', formData: tickets[1]!.fields },
    ]);
    expect(text(page, 'subsidy-proofs-proof-2-error')).toBe('第2张：只能上传 JPG 或 PNG 格式的图片');
    expect(text(page, 'field-proofKeys-error')).toBe('有图片未上传成功：请点击重试，或删除后重新添加');
    tap(page, '#subsidy-proofs-proof-2-remove');
    await waitFor(() => !fieldError(page, 'proofKeys'), { message: 'proofs accepted' });
    expect(text(page, 'subsidy-proofs-add')).toContain('添加图片 2/3');

    tap(page, '#subsidy-submit');
    await waitFor(() => urlsOf(h, 'redirectTo').length > 0, { message: 'filed' });
    const [filed] = served(h, 'POST', '/api/applications');
    expect(filed?.status).toBe(201);
    expect(filed?.body).toEqual({
      kind: 'subsidy',
      form: {
        campaignId: homeTravel.id,
        travelDate,
        fromStation: '广州南站',
        toStation: '海口东站',
        fare: 268.5,
        proofKeys: tickets.map((t) => t.key),
        payee: { bankName: '中国工商银行海口分行', accountNumber: '6222 0212 3456 7890 128' },
      },
    });
    const { application } = filed!.answer as { application: { id: string } };
    expect(urlsOf(h, 'redirectTo')).toEqual([`/apply/application/index?id=${application.id}`]);

    const detail = h.mountPage('apply/application/index', { id: application.id });
    await waitFor(() => detail.querySelector('#application-campaign'), { message: 'the filed subsidy' });
    expect(text(detail, 'application-kind')).toBe('补贴申请');
    expect(text(detail, 'application-amount')).toBe('¥100');
    expect(text(detail, 'step-s1')).toContain('单位工会初审');
    expect(text(detail, 'step-s2')).toContain('市总工会复核');
    expect(detail.querySelectorAll('.app-proofs__image')).toHaveLength(2);
    expect(detail.querySelector('#application-payout')).toBeUndefined();
    expectAllTemplatesFound(h);
  });

  test('an approved subsidy shows the campaign, the journey, the fare, the amount, the payout and its ticket images', async () => {
    const { h, pictures } = boot();
    const page = h.mountPage('apply/application/index', { id: approvedSubsidy.id });
    await waitFor(() => page.querySelector('#application-payout'), { message: 'payout' });
    expect(text(page, 'application-status')).toContain('已通过');
    expect(text(page, 'application-campaign')).toBe(homeTravel.title);
    expect(text(page, 'application-journey')).toBe('广州南站 → 海口东站');
    expect(text(page, 'application-fare')).toBe('¥268.50');
    expect(text(page, 'application-amount')).toBe('¥100');
    expect(text(page, 'application-payout')).toMatch(/^¥100 · 待发放（\d{4}-\d{2}-\d{2} \d{2}:\d{2} 核定）$/);
    const form = approvedSubsidy.form as Extract<typeof approvedSubsidy.form, { kind: 'subsidy' }>;
    expect(page.querySelectorAll('.app-proofs__image')).toHaveLength(2);
    tap(page, '#application-proof-1');
    await waitFor(() => pictures.previews.length === 1, { message: 'preview' });
    expect(pictures.previews).toEqual([{ urls: form.proofUrls, current: form.proofUrls[1] }]);
    expect(page.querySelector('#rating-form')).toBeTruthy();
    expectAllTemplatesFound(h);
  });
});

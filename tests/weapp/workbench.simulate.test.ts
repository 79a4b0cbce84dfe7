/**
 * The officials' workbench (subpackage `workbench`) in the WeChat build (WXML compiled by wcc, the
 * Taro runtime booted from dist/weapp/app.js) against the fake API: 操作记录 — newest first, the next
 * page when the page is scrolled to the bottom, filtered by kind of action and by actor, before and
 * after shown as 字段 原值 → 新值 with the API's masks; 实名制录入 — the template, a file picked from a
 * chat (wx.chooseMessageFile) and sent with the presigned POST (wx.uploadFile), the progress polled,
 * the report's first lines with their reasons, the report saved and shared, 确认变更; 会员服务 — the
 * search, the member's page and 释放手机号 / 解除微信绑定 / 办理退会 with their confirmations and refusals;
 * 组织与权限 — 新增工会, 工会更名, 授予/撤销干部权限; 统计 — figures, bar charts (Views), months.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SESSION_TOKEN, startFakeApi, type FakeApi } from './fixtures/api';
import { ADMIN, AUDIT_PAGE, HAIKOU_OFFICIAL, IMPORT_FILE, auditTrail } from './fixtures/workbench';
import { bootWeapp, builtins, missingTemplates, tap, textOf, waitFor, type SimComponent, type WeappHarness, typeInto as type } from './harness';
import { chainingSelectorQuery } from './selector-query';

let api: FakeApi;
let harness: WeappHarness | undefined;

beforeAll(async () => {
  api = await startFakeApi({ qrTtlMs: 60_000 });
});
afterAll(() => api.close());
beforeEach(() => {
  api.rosterImports.reset();
  api.memberCare.reset();
  api.orgAdmin.reset();
});
afterEach(() => {
  harness?.dispose();
  harness = undefined;
});

function boot(): WeappHarness {
  harness = bootWeapp({
    apiOrigin: api.origin,
    storage: { 'puhui.session': { token: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
  });
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.createSelectorQuery = chainingSelectorQuery;
  return harness;
}

const auditQueries = (h: WeappHarness) => api.servedTo(h).filter((s) => s.method === 'GET' && s.path === '/api/admin/audit').map((s) => s.query);
const cards = (page: SimComponent) => page.querySelectorAll('#audit-list .wb-card');


/** WeChat calls the page's onReachBottom when it is scrolled to the end. */
function scrollToBottom() {
  const pages = (globalThis as unknown as { getCurrentPages: () => Array<{ onReachBottom?: () => void }> }).getCurrentPages();
  const page = pages[pages.length - 1];
  if (!page?.onReachBottom) throw new Error('the page has no onReachBottom');
  page.onReachBottom();
}

describe('操作记录', () => {
  test('newest first with before → after, the next page on reaching the bottom, then the end', async () => {
    const h = boot();
    const page = h.mountPage('workbench/audit/index');
    await waitFor(() => cards(page).length === AUDIT_PAGE, { message: 'first page' });
    expect(auditQueries(h)).toEqual(['']);

    const first = page.querySelector('#audit-audit-00');
    expect(textOf(first)).toContain('释放手机号');
    expect(textOf(first)).toContain('2026-12-03 10:00');
    expect(textOf(first)).toContain('海口市总工会 干部');
    // Only the field that changed, masked as the API gave it.
    expect(textOf(first)).toContain('手机号「138****5678」已清除');
    expect(textOf(first)).toContain('2026-12-03 10:00（北京时间）');
    expect(textOf(first)).not.toContain(HAIKOU_OFFICIAL);
    expect(textOf(first)).not.toContain('身份证号');
    expect(textOf(page.querySelector('#audit-audit-01'))).toContain('权益状态变更');
    expect(textOf(page.querySelector('#audit-audit-01'))).toContain('平台管理员 变更了权益「观影券 1」的状态：状态由「已发布」改为「已暂停」。');
    expect(textOf(page.querySelector('#audit-audit-01'))).toContain('平台管理员');
    expect(textOf(page.querySelector('#audit-audit-02'))).toContain('审核了申请（受理编号 APP-2）：决定为「同意」。');

    scrollToBottom();
    await waitFor(() => cards(page).length === auditTrail.length, { message: 'second page appended' });
    expect(auditQueries(h)).toEqual(['', `?cursor=${AUDIT_PAGE}`]);
    expect(textOf(page.querySelector('#audit-end'))).toBe('没有更早的记录了');
    scrollToBottom();
    await new Promise((r) => setTimeout(r, 100));
    expect(auditQueries(h)).toHaveLength(2);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });

  test('by kind of action and by actor (typed or from an entry), each asked of the API', async () => {
    const h = boot();
    const page = h.mountPage('workbench/audit/index');
    await waitFor(() => cards(page).length === AUDIT_PAGE, { message: 'first page' });

    tap(page, '#audit-kind-benefit');
    await waitFor(() => cards(page).length === 12 && textOf(page.querySelector('#audit-list')).includes('观影券'), { message: 'benefit entries only' });
    expect(cards(page).every((c) => textOf(c).includes('权益状态变更'))).toBe(true);
    expect(auditQueries(h).at(-1)).toBe('?action=benefit');

    tap(page, '#audit-kind-roster');
    await waitFor(() => page.querySelector('#audit-empty'), { message: 'nothing imported' });
    expect(textOf(page.querySelector('#audit-empty'))).toBe('没有符合条件的操作记录');

    tap(page, '#audit-kind-all');
    await waitFor(() => cards(page).length === AUDIT_PAGE, { message: 'all again' });
    tap(page, '#audit-audit-00 .audit-only-actor');
    await waitFor(() => page.querySelector('#audit-actor-filter'), { message: 'actor filter applied' });
    expect(textOf(page.querySelector('#audit-actor-filter'))).toBe('只看 海口市总工会 干部 的记录');
    await waitFor(() => cards(page).length === 13 && !textOf(page.querySelector('#audit-list')).includes('平台管理员'), { message: 'that official only' });
    expect(auditQueries(h).at(-1)).toBe(`?actor=${HAIKOU_OFFICIAL}`);

    type(page, 'audit-actor-input', 'x'.repeat(129));
    tap(page, '#audit-actor-apply');
    await waitFor(() => page.querySelector('#audit-actor-error'), { message: 'refused before asking' });
    expect(textOf(page.querySelector('#audit-actor-error'))).toBe('操作人不正确');

    type(page, 'audit-actor-input', ADMIN);
    tap(page, '#audit-actor-apply');
    await waitFor(() => cards(page).length === 12 && !page.querySelector('#audit-actor-error'), { message: 'the admin only' });
    expect(auditQueries(h).at(-1)).toBe(`?actor=${ADMIN}`);

    tap(page, '#audit-actor-clear');
    await waitFor(() => cards(page).length === AUDIT_PAGE && !page.querySelector('#audit-actor-filter'), { message: 'filter cleared' });
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

type Callbacks = { success?: (res: unknown) => void; fail?: (res: unknown) => void; complete?: (res: unknown) => void };
interface WxFiles {
  /** What wx.chooseMessageFile hands over next (each call takes one; none: cancelled). */
  picks: Array<{ path: string; name: string; size: number }>;
  uploads: Array<{ url: string; filePath: string; name: string; formData: Record<string, string> }>;
  downloads: string[];
  opened: Array<{ filePath: string; fileType: string }>;
}

/** wx's file APIs standing in for a chat's files, S3 and the document viewer. */
function withFiles(h: WeappHarness): WxFiles {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const files: WxFiles = { picks: [], uploads: [], downloads: [], opened: [] };
  const answer = (opts: Callbacks, ok: boolean, res: Record<string, unknown>) =>
    setTimeout(() => {
      (ok ? opts.success : opts.fail)?.(res);
      opts.complete?.(res);
    });
  wx.chooseMessageFile = (opts: Callbacks & { count: number; type: string; extension: string[] }) => {
    h.calls.push({ api: 'chooseMessageFile', options: opts });
    const file = files.picks.shift();
    if (!file) answer(opts, false, { errMsg: 'chooseMessageFile:fail cancel' });
    else answer(opts, true, { tempFiles: [{ ...file, type: 'file', time: 0 }], errMsg: 'chooseMessageFile:ok' });
  };
  wx.uploadFile = (opts: Callbacks & WxFiles['uploads'][number]) => {
    files.uploads.push({ url: opts.url, filePath: opts.filePath, name: opts.name, formData: opts.formData });
    answer(opts, true, { statusCode: 204, data: '', errMsg: 'uploadFile:ok' });
    return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };
  wx.downloadFile = (opts: Callbacks & { url: string }) => {
    files.downloads.push(opts.url);
    answer(opts, true, { statusCode: 200, tempFilePath: 'http://tmp/template.xlsx', errMsg: 'downloadFile:ok' });
    return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };
  wx.openDocument = (opts: Callbacks & { filePath: string; fileType: string }) => {
    files.opened.push({ filePath: opts.filePath, fileType: opts.fileType });
    answer(opts, true, { errMsg: 'openDocument:ok' });
  };
  return files;
}

const importCalls = (h: WeappHarness) =>
  api
    .servedTo(h)
    .filter((s) => s.path.startsWith('/api/admin/roster-imports'))
    .map((s) => `${s.method} ${s.path}${s.query}`);

describe('实名制录入', () => {
  test('template, a refused pick, upload and start, progress, the report with reasons, saved, 确认变更', async () => {
    const h = boot();
    const files = withFiles(h);
    const page = h.mountPage('workbench/roster-import/index');
    await waitFor(() => page.querySelector('#import-pick'), { message: 'the form' });

    tap(page, '#import-template-xlsx');
    await waitFor(() => files.opened.length === 1, { message: 'template opened' });
    expect(files.downloads).toEqual([`${api.origin}/files/template.xlsx`]);
    expect(files.opened[0]).toEqual({ filePath: 'http://tmp/template.xlsx', fileType: 'xlsx' });

    // A picture is refused before anything is sent.
    files.picks.push({ path: 'http://tmp/photo.jpg', name: 'photo.jpg', size: 2048 });
    tap(page, '#import-pick');
    await waitFor(() => page.querySelector('#import-error'), { message: 'refused file' });
    expect(textOf(page.querySelector('#import-error'))).toContain('只能导入 CSV 或 XLSX');
    expect(h.calls.find((c) => c.api === 'chooseMessageFile')?.options).toMatchObject({ count: 1, type: 'file', extension: ['csv', 'xlsx'] });

    files.picks.push({ path: 'http://tmp/roster.csv', name: IMPORT_FILE, size: 1536 });
    tap(page, '#import-pick');
    await waitFor(() => page.querySelector('#import-picked'), { message: 'picked' });
    expect(textOf(page.querySelector('#import-picked'))).toBe(`${IMPORT_FILE}（1.5KB）`);
    expect(page.querySelector('#import-error')).toBeFalsy();

    tap(page, '#import-send');
    await waitFor(() => page.querySelector('#import-job'), { message: 'job started' });
    expect(files.uploads).toEqual([{ url: `${api.origin}/upload`, filePath: 'http://tmp/roster.csv', name: 'file', formData: { key: 'imports/imp-1', policy: 'p' } }]);
    const created = api.servedTo(h).find((s) => s.method === 'POST' && s.path === '/api/admin/roster-imports');
    expect(created?.body).toEqual({ fileName: IMPORT_FILE, format: 'csv' });

    await waitFor(() => api.servedTo(h).filter((s) => s.path === '/api/admin/roster-imports/imp-1').length === 1, { timeout: 5_000, message: 'first read' });
    expect(textOf(page.querySelector('#import-status'))).toBe('排队中');
    await waitFor(() => textOf(page.querySelector('#import-status')) === '正在导入', { timeout: 10_000, message: 'still followed after an unchanged answer' });
    expect(textOf(page.querySelector('#import-count-read'))).toBe('3已读取');
    await waitFor(() => textOf(page.querySelector('#import-status')) === '导入完成', { timeout: 10_000, message: 'done' });
    expect(countsText(page)).toEqual(['5已读取', '2新增会员', '2未导入', '1信息变更', '0无变化']);
    expect(textOf(page.querySelector('#import-ignored'))).toContain('备注');

    await waitFor(() => page.querySelector('#import-report'), { message: 'report read' });
    expect(page.querySelectorAll('.import-line')).toHaveLength(3);
    expect(textOf(page.querySelector('#import-line-3'))).toContain('身份证号校验位不正确');
    expect(textOf(page.querySelector('#import-line-5'))).toContain('手机号与文件中前面的行重复（第 2 行）');
    expect(textOf(page.querySelector('#import-line-6'))).toContain('待确认变更');
    expect(textOf(page.querySelector('#import-line-6'))).toContain('手机号 139****0006 → 13800000006');

    tap(page, '#import-report-save');
    await waitFor(() => h.calls.some((c) => c.api === 'shareFileMessage'), { message: 'report shared' });
    const shared = h.calls.find((c) => c.api === 'shareFileMessage')?.options as { filePath: string; fileName: string };
    expect(shared.fileName).toBe('导入报告-公交工会名册.csv');
    expect(h.files.get(shared.filePath)).toContain('行号,姓名,身份证号,手机号,结果,原因代码,说明');

    tap(page, '#import-confirm');
    await waitFor(() => page.querySelector('#import-confirmed'), { message: 'confirmed' });
    expect(textOf(page.querySelector('#import-confirmed'))).toBe('已确认 1 条变更');
    expect(h.calls.find((c) => c.api === 'showModal')?.options).toMatchObject({ title: '确认变更' });
    expect(page.querySelector('#import-confirm')).toBeFalsy();
    await waitFor(() => textOf(page.querySelector('#import-line-6')).includes('已确认变更'), { message: 'report read again' });

    expect(importCalls(h)).toEqual([
      'GET /api/admin/roster-imports/template?format=xlsx',
      'POST /api/admin/roster-imports',
      'POST /api/admin/roster-imports/imp-1/start',
      'GET /api/admin/roster-imports/imp-1',
      'GET /api/admin/roster-imports/imp-1',
      'GET /api/admin/roster-imports/imp-1',
      'GET /api/admin/roster-imports/imp-1/report?format=csv',
      'POST /api/admin/roster-imports/imp-1/confirm-changes',
      'GET /api/admin/roster-imports/imp-1/report?format=csv',
    ]);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  }, 30_000);

  test('the API’s refusal is shown and nothing is uploaded', async () => {
    const h = boot();
    const files = withFiles(h);
    api.rosterImports.refuseNextCreate(403, 'FORBIDDEN', '只有工会工作人员可以导入会员名册');
    const page = h.mountPage('workbench/roster-import/index');
    await waitFor(() => page.querySelector('#import-pick'), { message: 'the form' });
    files.picks.push({ path: 'http://tmp/roster.xlsx', name: '名册.xlsx', size: 4096 });
    tap(page, '#import-pick');
    await waitFor(() => page.querySelector('#import-picked'), { message: 'picked' });
    tap(page, '#import-send');
    await waitFor(() => page.querySelector('#import-error'), { message: 'refusal shown' });
    expect(textOf(page.querySelector('#import-error'))).toBe('只有工会工作人员可以导入会员名册');
    expect(files.uploads).toEqual([]);
    expect(page.querySelector('#import-job')).toBeFalsy();
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

const countsText = (page: SimComponent) => page.querySelectorAll('.import-count').map((c) => textOf(c));

const carePosts = (h: WeappHarness) =>
  api
    .servedTo(h)
    .filter((s) => s.method === 'POST' && s.path.startsWith('/api/admin/members'))
    .map((s) => s.path.replace('/api/admin/members/mem-care-1/', ''));

describe('会员服务', () => {
  test('search by name, phone or ID number; an empty query is refused before asking', async () => {
    const h = boot();
    const page = h.mountPage('workbench/members/index');
    await waitFor(() => page.querySelector('#members-q'), { message: 'the search' });
    tap(page, '#members-search');
    await waitFor(() => page.querySelector('#members-error'), { message: 'empty query refused' });
    expect(textOf(page.querySelector('#members-error'))).toBe('请填写姓名、手机号或身份证号');

    type(page, 'members-q', '13900001234');
    await waitFor(() => textOf(page).includes('按手机号查找'), { message: 'kind hint' });
    tap(page, '#members-search');
    await waitFor(() => page.querySelector('#member-mem-care-1'), { message: 'found by phone' });
    expect(textOf(page.querySelector('#member-mem-care-1'))).toContain('林晓燕');
    expect(textOf(page.querySelector('#member-mem-care-1'))).toContain('46**************28 · 139****1234');

    type(page, 'members-q', '张');
    tap(page, '#members-search');
    await waitFor(() => page.querySelector('#members-empty'), { message: 'nobody' });

    type(page, 'members-q', '林');
    tap(page, '#members-search');
    await waitFor(() => page.querySelector('#member-mem-care-1'), { message: 'found by name' });
    tap(page, '#member-mem-care-1');
    await waitFor(() => h.calls.some((c) => c.api === 'navigateTo'), { message: 'opened' });
    expect((h.calls.find((c) => c.api === 'navigateTo')?.options as { url: string }).url).toBe('/workbench/member/index?id=mem-care-1');
    expect(
      api
        .servedTo(h)
        .filter((s) => s.path === '/api/admin/members')
        .map((s) => s.query),
    ).toEqual([`?q=${encodeURIComponent('13900001234')}`, `?q=${encodeURIComponent('张')}`, `?q=${encodeURIComponent('林')}`]);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });

  test('the member page: masked identity, binding, card, applications, coupons; release, unbind (refused, then done), leave', async () => {
    const h = boot();
    const page = h.mountPage('workbench/member/index', { id: 'mem-care-1' });
    await waitFor(() => page.querySelector('#member-identity'), { message: 'profile' });
    expect(textOf(page.querySelector('#member-id-number'))).toBe('身份证号46**************28');
    expect(textOf(page.querySelector('#member-phone'))).toBe('手机号139****1234');
    expect(textOf(page.querySelector('#member-binding'))).toContain('dev-****-bus');
    expect(textOf(page.querySelector('#member-card'))).toContain('4601020100001234');
    expect(textOf(page.querySelector('#member-applications'))).toContain('补贴申请');
    expect(textOf(page.querySelector('#member-coupons'))).toContain('椰风影城观影券');
    expect(textOf(page.querySelector('#member-coupons'))).toContain('已使用');

    tap(page, '#member-release');
    await waitFor(() => page.querySelector('#member-result'), { message: 'released' });
    expect(textOf(page.querySelector('#member-result'))).toBe('手机号已释放');
    await waitFor(() => textOf(page.querySelector('#member-phone')) === '手机号已释放', { message: 'phone gone' });
    expect(h.calls.filter((c) => c.api === 'showModal').map((c) => (c.options as { title: string }).title)).toEqual(['释放手机号']);

    api.memberCare.refuseNext(403, 'FORBIDDEN', '该会员不在您管理的范围内');
    tap(page, '#member-unbind');
    await waitFor(() => page.querySelector('#member-refusal'), { message: 'refusal shown' });
    expect(textOf(page.querySelector('#member-refusal'))).toBe('该会员不在您管理的范围内');
    tap(page, '#member-unbind');
    await waitFor(() => textOf(page.querySelector('#member-result')) === '已解除微信绑定', { message: 'unbound' });
    expect(page.querySelector('#member-refusal')).toBeFalsy();
    await waitFor(() => textOf(page.querySelector('#member-binding')).includes('未绑定微信'), { message: 'binding gone' });

    tap(page, '#member-leave-open');
    await waitFor(() => page.querySelector('#member-leave-form'), { message: 'leave form' });
    tap(page, '#member-leave');
    await waitFor(() => page.querySelector('#field-reason-error'), { message: 'reason required' });
    expect(textOf(page.querySelector('#field-reason-error'))).toBe('请填写退会原因');
    type(page, 'leave-reason', '调离本单位');
    // The date is picked (WeChat's date wheel), not typed.
    page.querySelector('#leave-date')!.dispatchEvent('change', { detail: { value: '2026-12-01' } });
    await waitFor(() => textOf(page.querySelector('#leave-date')).includes('2026-12-01'), { message: 'date picked' });
    tap(page, '#member-leave');
    await waitFor(() => textOf(page.querySelector('#member-result')) === '已办理退会', { message: 'left' });
    await waitFor(() => textOf(page.querySelector('#member-status')) === '已退会', { message: 'status left' });
    expect(textOf(page.querySelector('#member-left'))).toContain('2026-12-01 · 调离本单位');
    expect(page.querySelector('#member-actions')).toBeFalsy();

    expect(carePosts(h)).toEqual(['phone-release', 'unbind', 'unbind', 'leave']);
    expect(api.servedTo(h).find((s) => s.path.endsWith('/leave'))?.body).toEqual({ reason: '调离本单位', date: '2026-12-01' });
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

describe('组织与权限', () => {
  test('新增工会 (checked, refused, added), 工会更名 via the union search, 授予 and 撤销 an official role', async () => {
    const h = boot();
    const page = h.mountPage('workbench/orgs/index');
    await waitFor(() => page.querySelector('#org-new-parent-input'), { message: 'the forms' });

    tap(page, '#org-new-submit');
    await waitFor(() => page.querySelector('#field-name-error'), { message: 'checked before asking' });
    expect(textOf(page.querySelector('#field-name-error'))).toBe('请填写工会名称');
    expect(textOf(page.querySelector('#field-parentId-error'))).toBe('上级工会不正确');

    type(page, 'org-new-parent-input', 'org-haikou');
    type(page, 'org-new-name', '海口椰城公共交通有限公司工会');
    tap(page, '#org-new-submit');
    await waitFor(() => page.querySelector('#org-new-result'), { message: 'refused' });
    expect(textOf(page.querySelector('#org-new-result'))).toBe('同级已有同名工会，请换一个名称');

    type(page, 'org-new-name', '海口新港码头工会');
    type(page, 'org-new-work-unit', '海口新港码头有限公司');
    tap(page, '#org-new-submit');
    await waitFor(() => textOf(page.querySelector('#org-new-result')).startsWith('已新增'), { message: 'added' });
    expect(textOf(page.querySelector('#org-new-result'))).toBe('已新增 海口新港码头工会（编号 org-g-hk-new），上级：海口市总工会');

    type(page, 'org-rename-target-input', '椰城');
    await waitFor(() => page.querySelector('#org-rename-target-option-org-g-hk-bus'), { message: 'union found' });
    tap(page, '#org-rename-target-option-org-g-hk-bus');
    await waitFor(() => page.querySelector('#org-rename-target-chosen'), { message: 'union chosen' });
    type(page, 'org-rename-name', '海口公交集团工会');
    tap(page, '#org-rename-submit');
    await waitFor(() => page.querySelector('#org-rename-result'), { message: 'renamed' });
    expect(textOf(page.querySelector('#org-rename-result'))).toBe('已更名为 海口公交集团工会');

    // The member is found by name in the official's subtree, never by an id typed.
    tap(page, '#role-grant');
    await waitFor(() => page.querySelector('#field-who-error'), { message: 'a member is needed first' });
    expect(textOf(page.querySelector('#field-who-error'))).toBe('请先搜索并选择一位会员');
    type(page, 'role-search', '林晓');
    tap(page, '#role-search-submit');
    await waitFor(() => page.querySelector('#role-hit-mem-care-1'), { message: 'the member found' });
    expect(textOf(page.querySelector('#role-hit-mem-care-1'))).toContain('海口椰城公共交通有限公司工会');
    expect(api.servedTo(h).filter((s) => s.method === 'GET' && s.path === '/api/admin/members').map((s) => decodeURIComponent(s.query))).toEqual(['?q=林晓']);
    tap(page, '#role-hit-mem-care-1');
    await waitFor(() => page.querySelector('#role-chosen'), { message: 'the member chosen' });
    expect(textOf(page.querySelector('#role-chosen'))).toContain('林晓燕');
    type(page, 'role-org-input', 'org-sanya');
    tap(page, '#role-grant');
    await waitFor(() => page.querySelector('#role-result'), { message: 'refused outside the subtree' });
    expect(textOf(page.querySelector('#role-result'))).toBe('只能授予本级及下级工会的干部权限');
    type(page, 'role-org-input', 'org-haikou');
    tap(page, '#role-grant');
    await waitFor(() => textOf(page.querySelector('#role-result')).startsWith('已授予'), { message: 'granted' });
    expect(textOf(page.querySelector('#role-result'))).toBe('已授予。该账号现在的身份：海口市总工会 干部');
    tap(page, '#role-revoke');
    await waitFor(() => textOf(page.querySelector('#role-result')).startsWith('已撤销'), { message: 'revoked' });
    expect(textOf(page.querySelector('#role-result'))).toBe('已撤销。该账号现在的身份：普通用户（无工作权限）');
    expect(h.calls.filter((c) => c.api === 'showModal').map((c) => (c.options as { title: string }).title)).toEqual(['授予干部权限', '授予干部权限', '撤销干部权限']);

    expect(api.orgAdmin.writes).toEqual([
      '/api/admin/orgs {"parentId":"org-haikou","name":"海口椰城公共交通有限公司工会","kind":"grassroots"}',
      '/api/admin/orgs {"parentId":"org-haikou","name":"海口新港码头工会","workUnit":"海口新港码头有限公司","kind":"grassroots"}',
      '/api/admin/orgs/org-g-hk-bus/rename {"name":"海口公交集团工会","workUnit":null}',
      '/api/admin/roles {"memberId":"mem-care-1","role":{"type":"official","orgId":"org-sanya"}}',
      '/api/admin/roles {"memberId":"mem-care-1","role":{"type":"official","orgId":"org-haikou"}}',
      '/api/admin/roles/revoke {"memberId":"mem-care-1","role":{"type":"official","orgId":"org-haikou"}}',
    ]);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

describe('统计', () => {
  test('figures, the 12-month bars, regions, 好差评 and formulas; earlier months, not beyond this one', async () => {
    const h = boot();
    const page = h.mountPage('workbench/stats/index');
    await waitFor(() => page.querySelector('#stats-ready'), { message: 'dashboard' });
    const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const statsQueries = () => api.servedTo(h).filter((s) => s.path === '/api/admin/stats').map((s) => s.query);
    expect(statsQueries()).toEqual([`?month=${thisMonth}`]);
    expect(textOf(page.querySelector('#stats-scope'))).toBe('统计范围：海口市总工会及下级工会');
    expect(textOf(page.querySelector('#stats-members'))).toBe('120会员总数90已绑定75.00%绑定率');
    expect(textOf(page.querySelector('#stats-applications'))).toContain('2.5平均办结天数');

    const joined = page.querySelectorAll('#stats-joined .stats-bar');
    expect(joined).toHaveLength(12);
    // This month's 40 is the longest bar; the month before has 10.
    const widthOf = (bar: unknown) => ((bar as { dom: Element }).dom ?? (bar as Element)).querySelector('[class*="stats-bar__fill"]')?.getAttribute('style') ?? '';
    expect(widthOf(joined[11])).toContain('width: 100%');
    expect(widthOf(joined[10])).toContain('width: 25%');
    expect(textOf(page.querySelector('#stats-regions'))).toContain('海口市（01）');
    expect(page.querySelectorAll('#stats-regions .stats-bar')).toHaveLength(2);
    // Each series is drawn once, as the bars above: no canvas chart repeats it.
    expect(builtins(page, 'canvas')).toEqual([]);
    expect(textOf(page.querySelector('#stats-satisfaction'))).toContain('满意率75.00%');
    expect(textOf(page.querySelector('#stats-formulas'))).toContain('绑定率 = 已绑定微信的会员 ÷ 会员总数');

    expect(page.querySelector('#stats-next')).toBeFalsy();
    tap(page, '#stats-prev');
    await waitFor(() => statsQueries().length === 2 && page.querySelector('#stats-ready'), { message: 'the month before' });
    const [y, m] = thisMonth.split('-').map(Number) as [number, number];
    const before = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    expect(statsQueries()[1]).toBe(`?month=${before}`);
    await waitFor(() => page.querySelector('#stats-next'), { message: 'next is offered again' });
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

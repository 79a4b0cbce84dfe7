/**
 * 工会业务一网通办 pages of the WeChat build, run as WeChat runs them (WXML compiled by wcc, the
 * Taro runtime booted from dist/weapp/app.js) against the fake API: the 办事 tab, 我的办事 with an
 * application's steps and 撤回, 好差评 of a closed one, the transfer form (inline checks, union search, filing), and the
 * staff subpackage (the review queue, and a decision: reasons required, approve, ALREADY_DECIDED).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SESSION_TOKEN, startFakeApi, type FakeApi } from './fixtures/api';
import { contestedTransfer, hotelUnion, overdueTransfer, ownUnion, pendingJoin, rejectedJoin } from './fixtures/applications';
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

/** A launch with a stored session, as after a log-in. */
function boot(): WeappHarness {
  harness = bootWeapp({
    apiOrigin: api.origin,
    storage: { 'puhui.session': { token: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
  });
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.createSelectorQuery = chainingSelectorQuery;
  return harness;
}

function byId(page: SimComponent, id: string): Element {
  const node = page.querySelector(`#${id}`)?.dom;
  if (!node) throw new Error(`#${id} is not rendered. Page: ${textOf(page).slice(0, 400)}`);
  return node;
}

const text = (page: SimComponent, id: string) => textOf(page.querySelector(`#${id}`));

/** Types into a Taro Input/Textarea: the built-in is a stub, so its `input` event is dispatched. */

const served = (h: WeappHarness, method: string, path: string | RegExp) =>
  api.servedTo(h).filter((s) => s.method === method && (typeof path === 'string' ? s.path === path : path.test(s.path)));
const urlsOf = (h: WeappHarness, wxApi: string) => h.calls.filter((c) => c.api === wxApi).map((c) => (c.options as { url: string }).url);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The message under a form field (FormField gives it the id `field-<name>-error`). */
const fieldError = (page: SimComponent, field: string) => page.querySelector(`#field-${field}-error`);
/** j-component prefixes the classes it renders (`main--app-card--overdue`). */
const hasClass = (node: Element | undefined | null, className: string) => (node?.className ?? '').split(/\s+/).some((c) => c.endsWith(`--${className}`) || c === className);

function expectAllTemplatesFound(h: WeappHarness) {
  expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
}

describe('工会业务一网通办 in the WeChat build', () => {
  test('the 办事 tab offers 入会 (not to a member), 转会 (here: the one in progress) and 补贴, and 我的办事', async () => {
    const h = boot();
    const page = h.mountPage('pages/services/index');
    await waitFor(() => text(page, 'services-mine-count') === '1 件正在办理', { message: '我的办事 count' });

    expect(text(page, 'services-join')).toContain('入会申请');
    expect(text(page, 'services-join')).toContain('您已是工会会员，无需申请');
    expect(text(page, 'services-transfer')).toContain('会员关系转接（转会）');
    expect(text(page, 'services-transfer')).toContain('您的转会申请正在办理');
    expect(text(page, 'services-subsidy')).toContain('补贴申请');
    expect(text(page, 'services-subsidy')).toContain('查看正在开展的补贴活动');
    expect(text(page, 'services-subsidy')).not.toContain('即将开放');

    // 入会 leads nowhere for this member; 转会 opens the transfer in progress.
    tap(page, '#services-join');
    tap(page, '#services-transfer');
    await waitFor(() => urlsOf(h, 'navigateTo').length > 0, { message: 'navigateTo' });
    await pause(100);
    expect(urlsOf(h, 'navigateTo')).toEqual([`/apply/application/index?id=${overdueTransfer.id}`]);

    expectAllTemplatesFound(h);

    // Without it, 转会 opens the form and names the member's union.
    h.dispose();
    api.applications.applications.get(overdueTransfer.id)!.status = 'cancelled';
    const h2 = boot();
    const again = h2.mountPage('pages/services/index');
    await waitFor(() => text(again, 'services-transfer').includes(`当前工会：${ownUnion.name}`), { message: 'transfer entry' });
    tap(again, '#services-transfer');
    await waitFor(() => urlsOf(h2, 'navigateTo').length > 0, { message: 'to the form' });
    expect(urlsOf(h2, 'navigateTo')).toEqual(['/apply/transfer/index']);
    expectAllTemplatesFound(h2);
  });

  test('我的办事 lists the applications; the detail shows every step with its union, deadline, overdue mark, decision and the timeline; 撤回 withdraws it', async () => {
    const h = boot();
    const list = h.mountPage('pages/applications/index');
    await waitFor(() => list.querySelectorAll('.app-card').length === 2, { message: 'two applications' });
    const card = byId(list, `application-${overdueTransfer.id}`);
    expect(hasClass(card, 'app-card--overdue')).toBe(true);
    expect(textOf(card)).toContain('已超期');
    expect(textOf(card)).toContain(`当前环节：转入工会接收 · ${hotelUnion.name}`);
    expect(textOf(card)).toMatch(/已超期：应于(\d{4}年)?\d{1,2}月\d{1,2}日（周[日一二三四五六]）前办结/);
    expect(textOf(list.querySelectorAll('.app-card')[1])).toContain('未通过');
    tap(list, `#application-${overdueTransfer.id}`);
    await waitFor(() => urlsOf(h, 'navigateTo').length > 0, { message: 'to the detail' });
    expect(urlsOf(h, 'navigateTo')).toEqual([`/apply/application/index?id=${overdueTransfer.id}`]);

    const page = h.mountPage('apply/application/index', { id: overdueTransfer.id });
    await waitFor(() => page.querySelector('#application-steps'), { message: 'steps' });
    expect(text(page, 'application-kind')).toBe('会员关系转接');
    expect(text(page, 'application-status')).toContain('办理中');
    expect(text(page, 'application-overdue')).toContain('超过办理期限');
    expect(text(page, 'application-from')).toBe(ownUnion.name);
    expect(text(page, 'application-to')).toBe(hotelUnion.name);

    const first = text(page, 'step-s1');
    expect(first).toContain('转出工会审核');
    expect(first).toContain('已同意');
    expect(first).toContain(ownUnion.name);
    expect(first).toMatch(/海口市总工会（上级工会） · \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(first).toContain('意见：同意转出');
    const second = byId(page, 'step-s2');
    expect(hasClass(second.querySelector('[class*="app-step__due"]'), 'app-step__due--overdue')).toBe(true);
    expect(textOf(second)).toContain('转入工会接收');
    expect(textOf(second)).toContain(hotelUnion.name);
    expect(textOf(second)).toMatch(/已超期：应于.+前办结/);
    const timeline = page.querySelectorAll('.app-timeline__entry').map(textOf);
    expect(timeline).toHaveLength(2);
    expect(timeline[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} ?申请人 提交申请$/);
    expect(timeline[1]).toMatch(/海口市总工会（上级工会） 同意：同意转出$/);

    // 撤回 is a secondary action: a quiet link below the case, not one of the main buttons.
    expect(hasClass(byId(page, 'application-cancel'), 'app-secondary-action')).toBe(true);
    expect(page.querySelectorAll('.app-actions .nut-button').map(textOf)).not.toContain('撤回申请');
    tap(page, '#application-cancel');
    await waitFor(() => served(h, 'POST', `/api/applications/${overdueTransfer.id}/cancel`).length === 1, { message: 'cancel sent' });
    expect(h.calls.some((c) => c.api === 'showModal')).toBe(true);
    await waitFor(() => text(page, 'application-notice') === '已撤回', { message: '已撤回' });
    expect(text(page, 'application-status')).toContain('已撤回');
    expect(page.querySelector('#application-cancel')).toBeUndefined();
    expect(text(page, 'application-again')).toBe('重新申请');
    expect(page.querySelectorAll('.app-timeline__entry').map(textOf).at(-1)).toMatch(/申请人 撤回申请$/);
    expectAllTemplatesFound(h);
  });

  test('a closed application is rated once: a level is required, 不满意 says who calls back, then the rating and its 回访 show', async () => {
    const h = boot();
    const list = h.mountPage('pages/applications/index');
    await waitFor(() => text(list, `application-${rejectedJoin.id}`).includes('待评价'), { message: '待评价 on the card' });

    const page = h.mountPage('apply/application/index', { id: rejectedJoin.id });
    await waitFor(() => page.querySelector('#rating-form'), { message: 'rating form' });
    expect(page.querySelectorAll('.app-rating__level').map(textOf)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(text(page, 'application-again')).toBe('重新申请');

    tap(page, '#rating-submit');
    await waitFor(() => text(page, 'rating-error').startsWith('请选择评价等级'), { message: 'level required' });
    expect(served(h, 'POST', /\/rating$/)).toEqual([]);

    tap(page, '#rating-level-2');
    await waitFor(() => page.querySelector('#rating-bad-note'), { message: '差评 note' });
    expect(text(page, 'rating-bad-note')).toBe('海口椰城公共交通有限公司工会将在15个工作日内核实处理并回访答复您。');
    type(page, 'rating-comment', '等了很久才处理');
    tap(page, '#rating-submit');
    await waitFor(() => page.querySelector('#application-rating'), { message: 'rated' });
    expect(served(h, 'POST', `/api/applications/${rejectedJoin.id}/rating`).map((s) => s.body)).toEqual([{ level: 2, comment: '等了很久才处理' }]);
    expect(page.querySelector('#rating-form')).toBeUndefined();
    expect(text(page, 'application-rating')).toContain('不满意');
    expect(text(page, 'application-rating')).toContain('等了很久才处理');
    expect(text(page, 'application-follow-up')).toMatch(/^待回访：海口椰城公共交通有限公司工会应于.+前答复$/);
    expect(text(page, 'application-notice')).toBe('感谢您的评价');
    expect(page.querySelectorAll('.app-timeline__entry').map(textOf).at(-1)).toMatch(/申请人 评价：等了很久才处理$/);
    expectAllTemplatesFound(h);
  });

  test('the transfer form checks inline, searches unions by name (not the member’s own) and files the transfer', async () => {
    api.applications.applications.get(overdueTransfer.id)!.status = 'cancelled';
    const h = boot();
    const page = h.mountPage('apply/transfer/index');
    await waitFor(() => page.querySelector('#transfer-form'), { message: 'the form' });
    expect(text(page, 'transfer-current')).toBe(ownUnion.name);

    // Nothing is sent while the form is incomplete: each field says what is missing.
    tap(page, '#transfer-submit');
    await waitFor(() => fieldError(page, 'reason'), { message: 'reason error' });
    expect(textOf(fieldError(page, 'toOrgId'))).toBe('请选择要转入的基层工会');
    expect(textOf(fieldError(page, 'reason'))).toBe('请填写转会原因');
    expect(served(h, 'POST', '/api/applications')).toEqual([]);

    // The member's own union shows up in a search but cannot be chosen.
    type(page, 'transfer-target-input', '新埠岛');
    await waitFor(() => page.querySelector(`#transfer-target-option-${ownUnion.id}`), { message: 'own union listed' });
    expect(text(page, `transfer-target-option-${ownUnion.id}`)).toContain('您当前所在的工会');
    tap(page, `#transfer-target-option-${ownUnion.id}`);
    await pause(100);
    expect(page.querySelector('#transfer-target-chosen')).toBeUndefined();

    type(page, 'transfer-target-input', '三亚');
    await waitFor(() => page.querySelector(`#transfer-target-option-${hotelUnion.id}`), { message: '三亚 unions' });
    expect(served(h, 'GET', '/api/orgs').at(-1)?.query).toBe(`?q=${encodeURIComponent('三亚')}`);
    expect(text(page, `transfer-target-option-${hotelUnion.id}`)).toContain('三亚市总工会');
    tap(page, `#transfer-target-option-${hotelUnion.id}`);
    await waitFor(() => text(page, 'transfer-target-chosen') === hotelUnion.name, { message: 'chosen' });
    expect(fieldError(page, 'toOrgId')).toBeUndefined();

    // Checked as typed: emptied again, the message comes back.
    type(page, 'transfer-reason', '已调入三亚鹿岭度假酒店工作');
    await waitFor(() => !fieldError(page, 'reason'), { message: 'reason accepted' });
    type(page, 'transfer-reason', '  ');
    await waitFor(() => textOf(fieldError(page, 'reason')) === '请填写转会原因', { message: 'reason missing again' });
    type(page, 'transfer-reason', '已调入三亚鹿岭度假酒店工作');
    await waitFor(() => !fieldError(page, 'reason'), { message: 'reason accepted again' });
    expect(text(page, 'field-reason')).toContain('13/200');
    tap(page, '#transfer-submit');
    await waitFor(() => urlsOf(h, 'redirectTo').length > 0, { message: 'redirected to the new application' });
    const [filed] = served(h, 'POST', '/api/applications');
    expect(filed?.body).toEqual({ kind: 'transfer', form: { toOrgId: hotelUnion.id, reason: '已调入三亚鹿岭度假酒店工作' } });
    expect(filed?.status).toBe(201);
    const { application } = filed!.answer as { application: { id: string } };
    expect(urlsOf(h, 'redirectTo')).toEqual([`/apply/application/index?id=${application.id}`]);
    expectAllTemplatesFound(h);
  });

  test('审核办理 (staff subpackage): overdue first with its mark, filtered by kind and status', async () => {
    const h = boot();
    const page = h.mountPage('staff/applications/index');
    await waitFor(() => page.querySelectorAll('.app-card').length === 3, { message: 'three pending' });
    expect(served(h, 'GET', '/api/admin/applications')[0]?.query).toBe('?status=pending');
    const cards = page.querySelectorAll('.app-card').map((c) => textOf(c));
    expect(cards.map((c) => /申请人：(\S+?)\s?当前环节/.exec(c)?.[1])).toEqual([overdueTransfer.applicant.name, contestedTransfer.applicant.name, '陈美玲']);
    expect(cards.map((c) => c.includes('已超期'))).toEqual([true, false, false]);
    expect(text(page, 'queue-summary')).toBe('共 3 件待办，其中 1 件已超期（排在最前）');
    expect(text(page, `application-${overdueTransfer.id}`)).toContain('已超期');
    expect(text(page, `application-${pendingJoin.id}`)).toContain('申请人：陈美玲');
    expect(text(page, `application-${pendingJoin.id}`)).not.toContain('已超期');

    tap(page, '#queue-kind-join');
    await waitFor(() => page.querySelectorAll('.app-card').length === 1, { message: 'joins only' });
    expect(served(h, 'GET', '/api/admin/applications').at(-1)?.query).toBe('?status=pending&kind=join');
    tap(page, '#scrollIntoView2');
    await waitFor(() => served(h, 'GET', '/api/admin/applications').at(-1)?.query === '?status=rejected&kind=join', { message: '未通过' });
    await waitFor(() => text(page, 'queue-list').includes('未通过'), { message: 'the rejected join' });

    tap(page, `#application-${rejectedJoin.id}`);
    await waitFor(() => urlsOf(h, 'navigateTo').length > 0, { message: 'to the application' });
    expect(urlsOf(h, 'navigateTo')).toEqual([`/staff/application/index?id=${rejectedJoin.id}`]);
    expectAllTemplatesFound(h);
  });

  test('申请审核 (staff subpackage): a reason is required to reject or forward, 同意 decides the open step, ALREADY_DECIDED is shown in Chinese', async () => {
    const h = boot();
    const page = h.mountPage('staff/application/index', { id: pendingJoin.id });
    await waitFor(() => page.querySelector('#decision-panel'), { message: 'decision panel' });
    expect(page.querySelectorAll('#decision-buttons .nut-button').map(textOf)).toEqual(['同意', '驳回', '转交其他工会']);
    expect(text(page, 'application-applicant')).toBe('陈美玲');

    tap(page, '#decision-reject');
    await waitFor(() => fieldError(page, 'comment'), { message: 'reason required' });
    expect(textOf(fieldError(page, 'comment'))).toBe('请填写驳回原因');
    tap(page, '#decision-forward');
    await waitFor(() => fieldError(page, 'toOrgId'), { message: 'union required' });
    expect(textOf(fieldError(page, 'comment'))).toBe('请填写转交原因');
    expect(textOf(fieldError(page, 'toOrgId'))).toBe('请选择转交的工会');
    expect(served(h, 'POST', /\/decisions$/)).toEqual([]);

    // The decision comes below the case it decides; a reason template fills the comment.
    const [applicant, panel] = ['#application-applicant', '#decision-panel'].map((id) => page.querySelector(id)!.dom as Node);
    expect(applicant!.compareDocumentPosition(panel!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(text(page, 'decision-templates')).toContain('材料不全，请补充后重新提交。');
    tap(page, '#decision-template-0');
    await waitFor(() => (page.querySelector('#decision-template-0')?.dom?.getAttribute('class') ?? '').includes('benefit-chip--active'), { message: 'template chosen' });
    tap(page, '#decision-approve');
    await waitFor(() => text(page, 'decision-notice') === '已同意', { message: 'approved' });
    expect(served(h, 'POST', `/api/applications/${pendingJoin.id}/decisions`).map((s) => s.body)).toEqual([
      { step: 's1', decision: 'approve', comment: '材料齐全，同意。' },
    ]);
    expect(h.calls.filter((c) => c.api === 'showModal')).toHaveLength(1);
    expect(text(page, 'application-status')).toContain('已通过');
    expect(page.querySelector('#decision-panel')).toBeUndefined();
    expect(text(page, 'step-s1')).toContain('意见：材料齐全，同意。');

    expectAllTemplatesFound(h);

    // Another official decided this one first: the page says so in Chinese and shows their decision.
    h.dispose();
    const h2 = boot();
    const contested = h2.mountPage('staff/application/index', { id: contestedTransfer.id });
    await waitFor(() => contested.querySelector('#decision-panel'), { message: 'decision panel' });
    expect(contested.querySelectorAll('#decision-buttons .nut-button').map(textOf)).toEqual(['同意', '驳回']);
    tap(contested, '#decision-approve');
    await waitFor(() => text(contested, 'decision-notice') === '该审核环节已经处理过了，请刷新查看最新进度', { message: 'ALREADY_DECIDED' });
    await waitFor(() => !contested.querySelector('#decision-panel'), { message: 'reloaded' });
    expect(text(contested, 'step-s1')).toContain('三亚市总工会（上级工会）');
    expect(served(h2, 'POST', `/api/applications/${contestedTransfer.id}/decisions`).map((s) => s.status)).toEqual([409]);
    expectAllTemplatesFound(h2);
  });
});

/**
 * 困难帮扶's pages (the `hardship` subpackage) in the WeChat build (WXML compiled by wcc, the Taro
 * runtime booted from dist/weapp/app.js) against a stand-in of functions/hardship that parses every
 * request with the shared contracts: the self-check before log-in with the arithmetic shown, the form
 * in five steps (draft kept, bank card check digit, proofs per cause through the uploads, the
 * family-finance consent with its version), progress with the aid paid and the re-check, 公示 with
 * an objection, and the officials' 入户核查, decision, queue, files with search and export, a file's
 * re-check and payment, and the 低保 standards. Also: the tiles on 首页 and 办事 open the self-check.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { bankCardProblem } from '../../functions/applications/contracts/payouts';
import { FINANCE_CHECK_CONSENT_VERSION, submitCaseRequest } from '../../functions/hardship/contracts/hardship';
import { SESSION_TOKEN, me } from './fixtures/api';
import { startHardshipFake, type HardshipFake } from './fixtures/hardship';
import { bootWeapp, missingTemplates, tap, textOf, waitFor, type SimComponent, type WeappHarness, typeInto as type } from './harness';

let api: HardshipFake;
let harness: WeappHarness | undefined;

beforeAll(async () => {
  api = await startHardshipFake();
});
afterAll(() => api.close());
beforeEach(() => api.reset());
afterEach(() => {
  harness?.dispose();
  harness = undefined;
});

type Callbacks = { success?: (res: unknown) => void; fail?: (res: unknown) => void; complete?: (res: unknown) => void };

/** A launch (signed in or not) with wx's picture APIs standing in for the album and S3. */
function boot(signedIn = true): { h: WeappHarness; picks: Array<Array<{ path: string; size: number }>>; uploads: string[] } {
  harness = bootWeapp({
    apiOrigin: api.origin,
    storage: signedIn ? { 'puhui.session': { token: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } } : {},
  });
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const picks: Array<Array<{ path: string; size: number }>> = [];
  const uploads: string[] = [];
  const answer = (opts: Callbacks, ok: boolean, res: Record<string, unknown>) =>
    setTimeout(() => {
      (ok ? opts.success : opts.fail)?.(res);
      opts.complete?.(res);
    });
  wx.chooseImage = (opts: Callbacks & { count: number }) => {
    const files = (picks.shift() ?? []).slice(0, opts.count);
    if (files.length === 0) answer(opts, false, { errMsg: 'chooseImage:fail cancel' });
    else answer(opts, true, { tempFilePaths: files.map((f) => f.path), tempFiles: files, errMsg: 'chooseImage:ok' });
  };
  wx.uploadFile = (opts: Callbacks & { filePath: string }) => {
    uploads.push(opts.filePath);
    answer(opts, true, { statusCode: 204, data: '', errMsg: 'uploadFile:ok' });
    return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };
  return { h: harness, picks, uploads };
}

const text = (page: SimComponent, id: string) => textOf(page.querySelector(`#${id}`));
/** Lets the page render what was typed or tapped (Taro batches updates) before the next tap reads it. */
const settle = () => new Promise((r) => setTimeout(r, 30));
async function press(page: SimComponent, selector: string) {
  await settle();
  tap(page, selector);
}
const served = (h: WeappHarness, method: string, path: string | RegExp) =>
  api.servedTo(h).filter((s) => s.method === method && (typeof path === 'string' ? s.path === path : path.test(s.path)));
const urls = (h: WeappHarness, wxApi: string) => h.calls.filter((c) => c.api === wxApi).map((c) => (c.options as { url: string }).url);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 18 digits with a valid GB 11643 check character (Hainan, fictitious). */
const ID_SELF = '460106199707187236';
const ID_SPOUSE = '460203199110203244';
/** 19 digits with a valid Luhn check digit (and one with the last digit wrong). */
const CARD = '6222021234567890128';
const CARD_TYPO = '6222021234567890123';

describe('entries', () => {
  test('首页 and 办事 open the self-check (no log-in needed)', async () => {
    const { h } = boot(false);
    const home = h.mountPage('pages/home/index');
    await waitFor(() => home.querySelector('#home-service-aid'), { message: 'the tile' });
    expect(text(home, 'home-service-aid')).not.toContain('即将上线');
    await press(home, '#home-service-aid');
    const services = h.mountPage('pages/services/index');
    await waitFor(() => services.querySelector('#services-hardship'), { message: 'the entry' });
    expect(text(services, 'services-hardship')).toContain('无需登录即可自测');
    await press(services, '#services-hardship');
    await waitFor(() => urls(h, 'navigateTo').length === 2);
    expect(urls(h, 'navigateTo')).toEqual(['/hardship/self-check/index', '/hardship/self-check/index']);
    expect(served(h, 'GET', '/api/me')).toEqual([]);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

describe('自测 (before log-in)', () => {
  test("the household's incomes, rigid expenses and city → the category with the arithmetic; nothing sent with a session", async () => {
    const { h } = boot(false);
    const page = h.mountPage('hardship/self-check/index');
    await waitFor(() => page.querySelector('#hardship-region'), { message: 'the standards' });
    expect(text(page, 'hardship-region')).toBe('海口市 ▾');
    expect(text(page, 'field-region')).toContain('每人每月 ¥1080');
    expect(text(page, 'hardship-paths')).toContain('意外致困');
    expect(text(page, 'hardship-paths')).toContain('困难农民工');

    type(page, 'hardship-income-0', '3万');
    await press(page, '#hardship-income-add');
    await waitFor(() => page.querySelector('#hardship-income-1'));
    type(page, 'hardship-income-1', '0');
    type(page, 'hardship-medical', '6000');
    await press(page, '#hardship-check');
    await waitFor(() => page.querySelector('#field-income-0-error'), { message: 'not an amount' });
    expect(served(h, 'POST', '/api/hardship/self-check')).toEqual([]);

    type(page, 'hardship-income-0', '30000');
    await waitFor(() => !page.querySelector('#field-income-0-error'), { message: 'the error goes as it is retyped' });
    expect(text(page, 'hardship-household-size')).toBe('家庭人口：2 人');
    await press(page, '#hardship-check');
    await waitFor(() => page.querySelector('#hardship-result'), { message: 'the result' });
    const [sent] = served(h, 'POST', '/api/hardship/self-check');
    expect(sent!.body).toEqual({ householdSize: 2, annualIncomeFen: 3_000_000, rigidExpensesFen: 600_000, regionCode: '01' });
    expect(h.requests.find((r) => r.url.endsWith('/api/hardship/self-check'))!.header.Authorization).toBeUndefined();
    // (30000 − 6000) ÷ 12 ÷ 2 = 1000 a month, below 海口's 1080: 深度困难.
    expect(text(page, 'hardship-result-category')).toBe('深度困难');
    expect(text(page, 'hardship-arithmetic')).toContain('÷ 12 ÷ 2 人 = 月人均 1000.00元');
    expect(text(page, 'hardship-result-standard')).toContain('海口市');

    // Another city: the result goes until checked again; 三亚's 980 makes it 相对困难.
    page.querySelector('#hardship-region-picker')!.dispatchEvent('change', { detail: { value: '1' } });
    await waitFor(() => text(page, 'hardship-region') === '三亚市 ▾', { message: '三亚' });
    expect(page.querySelector('#hardship-result')).toBeFalsy();
    await press(page, '#hardship-check');
    await waitFor(() => text(page, 'hardship-result-category') === '相对困难', { message: '相对困难' });

    await press(page, '#hardship-apply');
    await waitFor(() => urls(h, 'navigateTo').length === 1);
    expect(urls(h, 'navigateTo')).toEqual(['/pages/login/index']);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

describe('申请 (a bound member)', () => {
  test('five steps checked with the contract, the draft kept, proofs per cause uploaded, the consent with its version; filed, then its progress', async () => {
    const { h, picks, uploads } = boot();
    const page = h.mountPage('hardship/apply/index');
    await waitFor(() => page.querySelector('#hardship-member-0'), { message: 'the form' });
    expect(text(page, 'hardship-steps')).toContain('家庭成员');

    await press(page, '#hardship-next');
    await waitFor(() => page.querySelector('#field-members-0-idNumber-error'), { message: 'the step is checked' });
    expect(text(page, 'hardship-form-error')).toBe('请按提示修改标红的内容');

    type(page, 'hardship-member-0-idNumber', ID_SELF.slice(0, 17) + '0');
    await press(page, '#hardship-member-0-health-chronic');
    type(page, 'hardship-member-0-income', '2800');
    await press(page, '#hardship-member-add');
    await waitFor(() => page.querySelector('#hardship-member-1'));
    type(page, 'hardship-member-1-name', '李秀梅');
    await press(page, '#hardship-member-1-relation-spouse');
    type(page, 'hardship-member-1-idNumber', ID_SPOUSE);
    await press(page, '#hardship-member-1-health-serious');
    type(page, 'hardship-member-1-income', '0');
    await press(page, '#hardship-next');
    await waitFor(() => text(page, 'field-members-0-idNumber-error') !== '', { message: 'wrong check character' });
    expect(text(page, 'field-members-0-idNumber-error')).toBe('身份证号的出生日期或校验位不正确，请核对');
    type(page, 'hardship-member-0-idNumber', ID_SELF);
    await press(page, '#hardship-next');
    await waitFor(() => page.querySelector('#hardship-housing'), { message: 'step 2' });
    await waitFor(() => served(h, 'POST', '/api/hardship/draft').length === 1, { message: 'the draft kept' });
    const kept = served(h, 'POST', '/api/hardship/draft')[0]!.body as { form: { members: Array<{ idNumber: string }> } };
    expect(kept.form.members.map((m) => m.idNumber)).toEqual([ID_SELF, ID_SPOUSE]);

    await press(page, '#hardship-housing-rented');
    type(page, 'hardship-housing-area', '45');
    type(page, 'hardship-address', '海口市美兰区海甸岛五西路');
    page.querySelector('#hardship-apply-region-picker')!.dispatchEvent('change', { detail: { value: '0' } });
    await press(page, '#hardship-main-cause-6');
    await press(page, '#hardship-secondary-cause-9');
    await press(page, '#hardship-migrant-no');
    type(page, 'hardship-statement', '配偶患尿毒症长期透析，孩子上高中。');
    await waitFor(() => text(page, 'hardship-apply-region') === '海口市 ▾');
    await press(page, '#hardship-next');
    await waitFor(() => page.querySelector('#hardship-aid'), { message: 'step 3' });

    await press(page, '#hardship-aid-medical');
    type(page, 'hardship-rigid', '36000');
    type(page, 'hardship-other-income', '0');
    type(page, 'hardship-bank', '中国工商银行海口分行');
    expect(bankCardProblem(CARD)).toBeNull();
    type(page, 'hardship-account', CARD_TYPO);
    await waitFor(() => text(page, 'field-payee-accountNumber-error').includes('校验'), { message: 'the check digit hinted as typed' });
    type(page, 'hardship-account', CARD);
    await waitFor(() => !page.querySelector('#field-payee-accountNumber-error'), { message: 'the card accepted' });
    await press(page, '#hardship-next');
    await waitFor(() => page.querySelector('#hardship-proofs-income'), { message: 'step 4' });

    // Illness (6) and schooling (9): income, diagnosis, bills, fee receipts, admission letter.
    expect(text(page, 'hardship-form')).toContain('本年度诊断证明（必传）');
    expect(text(page, 'hardship-form')).toContain('录取通知书（必传）');
    expect(text(page, 'hardship-form')).not.toContain('一年以上劳动合同');
    await press(page, '#hardship-next');
    await waitFor(() => page.querySelector('#field-proofs-error'), { message: 'proofs required' });
    expect(text(page, 'field-proofs-error')).toBe('请上传：收入证明、诊断证明、医疗票据、学费票据、录取通知书');
    for (const kind of ['income', 'diagnosis', 'medical-bills', 'school-fees', 'admission']) {
      picks.push([{ path: `http://tmp/${kind}.jpg`, size: 120_000 }]);
      await press(page, `#hardship-proofs-${kind}-add`);
      await waitFor(() => page.querySelectorAll(`#hardship-proofs-${kind} .proof-upload__tile--done`).length === 1, { message: `${kind} uploaded` });
    }
    expect(uploads).toHaveLength(5);
    await press(page, '#hardship-next');
    await waitFor(() => page.querySelector('#hardship-consent'), { message: 'step 5' });
    expect(text(page, 'hardship-summary')).toContain('2 人');
    expect(text(page, 'hardship-consent')).toContain(FINANCE_CHECK_CONSENT_VERSION);

    await press(page, '#hardship-submit');
    await waitFor(() => text(page, 'hardship-form-error') === '请阅读并同意家庭经济状况核对授权');
    expect(served(h, 'POST', '/api/hardship/cases')).toEqual([]);
    await press(page, '#hardship-consent');
    await press(page, '#hardship-submit');
    await waitFor(() => urls(h, 'redirectTo').length === 1, { message: 'filed' });
    const [filed] = served(h, 'POST', '/api/hardship/cases');
    expect(filed!.status).toBe(201);
    const body = submitCaseRequest.parse(filed!.body);
    expect(body.financeCheckConsent).toEqual({ agreed: true, version: FINANCE_CHECK_CONSENT_VERSION });
    expect(body.form.members).toEqual([
      { name: me.member!.name, relation: 'self', idNumber: ID_SELF, health: 'chronic', monthlyIncomeFen: 280_000, schoolOrEmployer: '' },
      { name: '李秀梅', relation: 'spouse', idNumber: ID_SPOUSE, health: 'serious', monthlyIncomeFen: 0, schoolOrEmployer: '' },
    ]);
    expect(body.form).toMatchObject({
      housing: { type: 'rented', areaM2: 45, address: '海口市美兰区海甸岛五西路' },
      regionCode: '01',
      mainCause: '6',
      secondaryCauses: ['9'],
      migrantWorker: false,
      aid: ['medical'],
      rigidExpensesFen: 3_600_000,
      otherIncomeFen: 0,
      payee: { bankName: '中国工商银行海口分行', accountNumber: CARD },
    });
    expect(body.form.proofs.map((p) => p.kind)).toEqual(['income', 'diagnosis', 'medical-bills', 'school-fees', 'admission']);
    expect(urls(h, 'redirectTo')).toEqual([`/hardship/case/index?id=${api.current!.id}`]);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);

    // Its progress: five steps, the first open with its deadline; 撤回 offered.
    const progress = h.mountPage('hardship/case/index', { id: api.current!.id });
    await waitFor(() => progress.querySelector('#hardship-case-steps'), { message: 'progress' });
    expect(progress.querySelectorAll('#hardship-case-steps .app-step')).toHaveLength(5);
    expect(text(progress, 'hardship-step-review')).toMatch(/^1基层工会初审办理中海口市美兰区新埠岛社区工会\d+月\d+日（周.）前办结$/);
    expect(text(progress, 'hardship-step-visit')).toBe('2入户核查未开始海口市美兰区新埠岛社区工会');
    expect(text(progress, 'hardship-case-status')).toBe('办理中');
    expect(text(progress, 'hardship-household')).toContain('46**************36');
    expect(text(progress, 'hardship-household')).not.toContain(ID_SELF);
    expect(progress.querySelector('#hardship-case-cancel')).toBeTruthy();
    expect(progress.querySelector('#hardship-decision')).toBeFalsy();
  });

  test('a draft kept on the server comes back; with a case open the form says so instead', async () => {
    const { h } = boot();
    const page = h.mountPage('hardship/apply/index');
    await waitFor(() => page.querySelector('#hardship-member-0'));
    type(page, 'hardship-member-0-idNumber', ID_SELF);
    await press(page, '#hardship-member-0-health-healthy');
    type(page, 'hardship-member-0-income', '1500');
    await press(page, '#hardship-next');
    await waitFor(() => served(h, 'POST', '/api/hardship/draft').length === 1);
    harness!.dispose();

    const again = boot().h;
    const back = again.mountPage('hardship/apply/index');
    await waitFor(() => text(back, 'hardship-draft-note') === '已恢复您上次保存的草稿', { message: 'restored' });
    // What was typed last time passes step 1 again without typing, and is kept again.
    await press(back, '#hardship-next');
    await waitFor(() => back.querySelector('#hardship-housing'), { message: 'step 2 from the draft' });
    await waitFor(() => served(again, 'POST', '/api/hardship/draft').length === 1);
    expect(served(again, 'POST', '/api/hardship/draft')[0]!.body).toMatchObject({ form: { members: [{ idNumber: ID_SELF, health: 'healthy', monthlyIncomeFen: 150_000 }] } });
    harness!.dispose();

    api.seedCase('center');
    const third = boot().h;
    const open = third.mountPage('hardship/apply/index');
    await waitFor(() => open.querySelector('#hardship-apply-open'), { message: 'one open case per household' });
    await press(open, '#hardship-apply-open .nut-button');
    await waitFor(() => urls(third, 'navigateTo').length === 1);
    expect(urls(third, 'navigateTo')).toEqual([`/hardship/case/index?id=${api.current!.id}`]);
  });
});

describe('办理进度 and 我的帮扶 after approval', () => {
  test('the category, the aid paid and the yearly re-check', async () => {
    api.seedCase('approved');
    const { h } = boot();
    const page = h.mountPage('hardship/case/index', { id: api.current!.id });
    await waitFor(() => page.querySelector('#hardship-my-file'), { message: 'the file' });
    expect(text(page, 'hardship-case-status')).toBe('已建档');
    expect(text(page, 'hardship-my-file')).toContain('深度困难');
    expect(text(page, 'hardship-my-payments')).toContain('医疗救助 ¥3000');
    expect(text(page, 'hardship-my-payments')).toContain('已发放');
    expect(text(page, 'hardship-my-recheck')).toMatch(/^\d{4}年\d+月\d+日前，工会将上门或电话复核家庭情况$/);
    expect(page.querySelectorAll('#hardship-case-steps .app-step--done')).toHaveLength(5);

    const mine = h.mountPage('hardship/mine/index');
    await waitFor(() => mine.querySelector('#hardship-mine-file'), { message: '我的帮扶' });
    expect(text(mine, 'hardship-mine-payments')).toContain('¥3000');
    expect(text(mine, 'hardship-mine-cases')).toContain('患重特大疾病');
    expect(mine.querySelector('#hardship-mine-apply')).toBeTruthy();
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

describe('好差评 of the decided case', () => {
  test('the applicant picks a level, sends it once, and sees the rating given', async () => {
    api.seedCase('approved');
    const { h } = boot();
    const page = h.mountPage('hardship/case/index', { id: api.current!.id });
    await waitFor(() => page.querySelector('#rating-form'), { message: 'the rating form' });
    expect(page.querySelector('#hardship-case-rating')).toBeFalsy();
    await press(page, '#rating-submit');
    await waitFor(() => page.querySelector('#rating-error'), { message: 'no level chosen' });
    await press(page, '#rating-level-2');
    await settle();
    // No 回访 is promised for a hardship case.
    expect(page.querySelector('#rating-bad-note')).toBeFalsy();
    type(page, 'rating-comment', '等待时间太长');
    await settle();
    await press(page, '#rating-submit');
    await waitFor(() => page.querySelector('#hardship-case-rating'), { message: 'the rating given' });
    expect(text(page, 'hardship-case-rating')).toContain('不满意');
    expect(text(page, 'hardship-case-rating')).toContain('等待时间太长');
    expect(text(page, 'hardship-case-notice')).toBe('感谢您的评价');
    expect(page.querySelector('#rating-form')).toBeFalsy();
    expect(api.current!.rating).toMatchObject({ level: 2, comment: '等待时间太长' });
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

describe('公示 (public) with an objection', () => {
  test('masked names and the category before log-in; an objection from a logged-in account pauses the case', async () => {
    api.seedCase('publicity');
    const anonymous = boot(false).h;
    const list = anonymous.mountPage('hardship/publicity/index');
    await waitFor(() => list.querySelector('#hardship-publicity-list'), { message: 'the list' });
    const row = text(list, `hardship-publicity-${api.current!.id}`);
    expect(row).toContain('王*生');
    expect(row).not.toContain(me.member!.name);
    expect(row).toContain('深度困难');
    expect(row).toContain('患重特大疾病');
    await press(list, `#hardship-publicity-${api.current!.id}-object`);
    await waitFor(() => urls(anonymous, 'navigateTo').length === 1);
    expect(urls(anonymous, 'navigateTo')).toEqual(['/pages/login/index']);
    harness!.dispose();

    const { h } = boot();
    const page = h.mountPage('hardship/publicity/index');
    await waitFor(() => page.querySelector(`#hardship-publicity-${api.current!.id}-object`));
    await press(page, `#hardship-publicity-${api.current!.id}-object`);
    await waitFor(() => page.querySelector('#hardship-objection-send'));
    await press(page, '#hardship-objection-send');
    await waitFor(() => text(page, 'field-reason-error') === '请填写异议内容');
    type(page, 'hardship-objection-reason', '该户家中有两套住房');
    await press(page, '#hardship-objection-send');
    await waitFor(() => page.querySelector(`#hardship-publicity-${api.current!.id}-sent`), { message: 'sent' });
    expect(served(h, 'POST', /\/objections$/).map((s) => s.body)).toEqual([{ reason: '该户家中有两套住房', contact: '' }]);
    expect(api.current!.status).toBe('paused');
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

describe('officials (帮扶 role)', () => {
  test('queue → the case: 入户核查 required before deciding the visit step; recorded from the phone with photos; then decided', async () => {
    api.seedCase('visit');
    api.viewer = 'official';
    const { h, picks } = boot();
    const queue = h.mountPage('hardship/queue/index');
    await waitFor(() => queue.querySelector(`#hardship-queue-${api.current!.id}`), { message: 'the queue' });
    expect(text(queue, `hardship-queue-${api.current!.id}`)).toContain('入户核查');
    await press(queue, '#hardship-queue-step-publicity');
    await waitFor(() => queue.querySelector('#hardship-queue-empty'), { message: 'none in 公示' });
    expect(served(h, 'GET', '/api/admin/hardship/cases').at(-1)!.query).toBe('?status=pending&step=publicity');

    const page = h.mountPage('hardship/case/index', { id: api.current!.id });
    await waitFor(() => page.querySelector('#hardship-decision'), { message: 'the decision panel' });
    expect(text(page, 'hardship-decision')).toContain('办理：入户核查');
    await press(page, '#hardship-decision-approve');
    await waitFor(() => text(page, 'hardship-case-notice').includes('请先录入入户核查记录'), { message: 'visit required' });
    await press(page, '#hardship-case-visit-record');
    await waitFor(() => urls(h, 'navigateTo').includes(`/hardship/visit/index?id=${api.current!.id}`));

    const visit = h.mountPage('hardship/visit/index', { id: api.current!.id });
    await waitFor(() => visit.querySelector('#hardship-visit-form'));
    await press(visit, '#hardship-visit-submit');
    await waitFor(() => visit.querySelector('#field-met-error'), { message: 'checked with the contract' });
    expect(text(visit, 'field-signedApplicationKeys-error')).toBe('请拍摄签字的帮扶申请书');
    type(visit, 'hardship-visit-met', '申请人本人、配偶李秀梅');
    type(visit, 'hardship-visit-notes', '租住45平方米，配偶每周透析三次');
    picks.push([{ path: 'http://tmp/signed.jpg', size: 90_000 }], [{ path: 'http://tmp/auth.jpg', size: 90_000 }]);
    await press(visit, '#hardship-visit-signed-add');
    await waitFor(() => visit.querySelectorAll('#hardship-visit-signed .proof-upload__tile--done').length === 1);
    await press(visit, '#hardship-visit-authorisation-add');
    await waitFor(() => visit.querySelectorAll('#hardship-visit-authorisation .proof-upload__tile--done').length === 1);
    await press(visit, '#hardship-visit-submit');
    await waitFor(() => served(h, 'POST', /\/visit$/).length === 1, { message: 'recorded' });
    const sent = served(h, 'POST', /\/visit$/)[0]!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ met: '申请人本人、配偶李秀梅', notes: '租住45平方米，配偶每周透析三次' });
    expect(sent.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((sent.signedApplicationKeys as string[]).length).toBe(1);
    expect((sent.authorisationKeys as string[]).length).toBe(1);

    // Back on the case (the same page): now the visit step is decided.
    const again = page;
    type(again, 'hardship-decision-comment', '入户核查属实');
    await press(again, '#hardship-decision-approve');
    await waitFor(() => text(again, 'hardship-case-notice') === '已同意', { message: 'decided' });
    expect(text(again, 'hardship-case-visit')).toContain('申请人本人、配偶李秀梅');
    expect(served(h, 'POST', /\/decisions$/).at(-1)!.body).toEqual({ step: 'visit', decision: 'approve', comment: '入户核查属实' });
    await waitFor(() => text(again, 'hardship-decision').includes('帮扶中心审核'), { message: 'next step' });
    await press(again, '#hardship-decision-category-relative');
    await press(again, '#hardship-decision-approve');
    await waitFor(() => served(h, 'POST', /\/decisions$/).length === 3);
    expect(served(h, 'POST', /\/decisions$/).at(-1)!.body).toEqual({ step: 'center', decision: 'approve', category: 'relative' });
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });

  test('an objection in 公示 is resolved on the case page', async () => {
    api.seedCase('publicity');
    api.current!.status = 'paused';
    api.current!.objections.push({ id: 'OBJ0000000000000000000009', reason: '家中有车', status: 'open', at: new Date().toISOString(), resolvedAt: null, comment: null });
    api.viewer = 'official';
    const { h } = boot();
    const page = h.mountPage('hardship/case/index', { id: api.current!.id });
    await waitFor(() => page.querySelector('#hardship-objections'), { message: 'objections' });
    expect(text(page, 'hardship-case-paused')).toContain('收到异议');
    await press(page, '#hardship-objection-OBJ0000000000000000000009-dismiss');
    await waitFor(() => text(page, 'hardship-case-notice') === '请填写核查结论');
    type(page, 'hardship-objection-OBJ0000000000000000000009-comment', '经核查车辆已于去年出售');
    await press(page, '#hardship-objection-OBJ0000000000000000000009-dismiss');
    await waitFor(() => text(page, 'hardship-case-notice') === '异议不成立，继续公示');
    expect(served(h, 'POST', /\/resolve$/).map((s) => s.body)).toEqual([{ outcome: 'dismissed', comment: '经核查车辆已于去年出售' }]);
    expect(text(page, 'hardship-objections')).toContain('异议不成立');
  });

  test('files: 加载更多 reads the next page with the cursor the API gave and keeps the rows read', async () => {
    api.seedCase('approved');
    api.viewer = 'official';
    api.pageFiles = true;
    const { h } = boot();
    const files = h.mountPage('hardship/files/index');
    await waitFor(() => files.querySelector('#hardship-files-more'), { message: 'a next page offered' });
    expect(text(files, 'hardship-files-list')).toContain('46**************17');
    expect(text(files, 'hardship-files-list')).not.toContain('李四');
    await press(files, '#hardship-files-more');
    await waitFor(() => text(files, 'hardship-files-list').includes('李四'), { message: 'the second page' });
    expect(text(files, 'hardship-files-list')).toContain('46**************17');
    expect(served(h, 'GET', '/api/admin/hardship/files').at(-1)!.query).toBe('?status=active&cursor=page-2');
    expect(files.querySelector('#hardship-files-more')).toBeFalsy();
  });

  test('files: search, export, a file with its aid history, a payment confirmed by a second person, the re-check', async () => {
    api.seedCase('approved');
    api.viewer = 'official';
    const { h } = boot();
    const files = h.mountPage('hardship/files/index');
    await waitFor(() => text(files, 'hardship-files-list').includes('46**************17'), { message: 'the files' });
    type(files, 'hardship-files-q', '张三');
    await press(files, '#hardship-files-search');
    await waitFor(() => files.querySelector('#hardship-files-empty'), { message: 'nothing found' });
    expect(served(h, 'GET', '/api/admin/hardship/files').at(-1)!.query).toBe(`?status=active&q=${encodeURIComponent('张三')}`);
    await press(files, '#hardship-files-due');
    await waitFor(() => served(h, 'GET', '/api/admin/hardship/files').at(-1)!.query.includes('due=1'));
    await press(files, '#hardship-files-export');
    await waitFor(() => text(files, 'hardship-files-note').startsWith('已导出 1 户'), { message: 'exported' });
    const [saved] = [...h.files.entries()];
    expect(saved![0]).toMatch(/困难职工档案-.+\.csv$/);
    expect(saved![1]).toContain('职工编号,困难类别,姓名');
    expect(h.calls.some((c) => c.api === 'shareFileMessage')).toBe(true);

    const file = h.mountPage('hardship/file/index', { id: api.file!.id });
    await waitFor(() => file.querySelector('#hardship-file-payments'), { message: 'the file' });
    expect(text(file, 'hardship-file-category')).toBe('深度困难');
    expect(text(file, 'hardship-file-payments')).toContain('医疗救助 ¥3000');
    await press(file, '#hardship-payment-aid-living');
    type(file, 'hardship-payment-amount', '500');
    await press(file, '#hardship-payment-record');
    await waitFor(() => text(file, 'hardship-file-notice') === '已登记，须由另一位工作人员确认发放');
    expect(served(h, 'POST', /\/payments$/).map((s) => s.body)).toEqual([{ aid: 'living', amountFen: 50_000, note: '' }]);
    const pending = api.file!.payments.at(-1)!;
    await press(file, `#hardship-payment-${pending.id}-confirm`);
    await waitFor(() => text(file, 'hardship-file-notice') === '已确认发放', { message: 'confirmed' });

    await press(file, '#hardship-recheck-action-close');
    await waitFor(() => file.querySelector('#hardship-recheck-close'));
    type(file, 'hardship-recheck-reason', '本人已退休');
    await press(file, '#hardship-recheck-submit');
    await waitFor(() => text(file, 'hardship-file-notice') === '请选择销档原因');
    await press(file, '#hardship-recheck-close-retired');
    await press(file, '#hardship-recheck-submit');
    await waitFor(() => text(file, 'hardship-file-notice') === '已销档', { message: 'closed' });
    expect(served(h, 'POST', /\/recheck$/).map((s) => s.body)).toEqual([{ action: 'close', reason: '本人已退休', closeReason: 'retired' }]);
    expect(text(file, 'hardship-file-status')).toMatch(/已销档（退休），\d{4}年.+后删除/);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });

  test('低保标准: each city for the year, and a standard set with its document', async () => {
    const { h } = boot();
    const page = h.mountPage('hardship/standards/index');
    await waitFor(() => page.querySelector('#hardship-standards-list'), { message: 'the standards' });
    expect(text(page, 'hardship-standard-01')).toBe('海口市¥1080/人·月');
    expect(text(page, 'hardship-standard-03')).toBe('三沙市未公布');
    type(page, 'hardship-standard-monthly', '1100');
    await press(page, '#hardship-standard-save');
    await waitFor(() => text(page, 'hardship-standard-note') === '请填写依据文件');
    type(page, 'hardship-standard-source', '海府〔2026〕8号');
    await press(page, '#hardship-standard-save');
    await waitFor(() => text(page, 'hardship-standard-note').startsWith('已保存：海口市'), { message: 'saved' });
    await waitFor(() => text(page, 'hardship-standard-01') === '海口市¥1100/人·月', { message: 'the list read again' });
    expect(served(h, 'POST', '/api/admin/hardship/standards')[0]!.body).toMatchObject({ regionCode: '01', monthlyFen: 110_000, source: '海府〔2026〕8号' });
    await pause(0);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });
});

/**
 * Members' privacy rights in the WeChat build (WXML compiled by wcc, the Taro runtime booted from
 * dist/weapp/app.js) against the fake API: 我的 ›「隐私与个人信息」, the readers of the 隐私政策 and
 * the 会员信息授权说明, 导出我的数据 (saved with the file system manager, sent to a chat), 注销账号
 * (typed word, modal, POST, session gone) and WeChat's privacy guide in front of wx.chooseImage.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { MEMBER_CONSENT, PRIVACY_POLICY } from '../../functions/membership/contracts/privacy';
import { KEPT_AFTER_CLOSING } from '../../functions/privacy/contracts/data-subject';
import { SESSION_TOKEN, me, startFakeApi, type FakeApi } from './fixtures/api';
import { MY_DATA_FILE, myData } from './fixtures/privacy';
import { USER_DATA_PATH, bootWeapp, missingTemplates, tap, textOf, waitFor, type SimComponent, type WeappHarness, typeInto as type } from './harness';
import { chainingSelectorQuery } from './selector-query';

let api: FakeApi;
let harness: WeappHarness | undefined;

beforeAll(async () => {
  api = await startFakeApi({ qrTtlMs: 60_000 });
});
afterAll(() => api.close());
afterEach(() => {
  harness?.dispose();
  harness = undefined;
});

const SESSION_KEY = 'puhui.session';
const session = () => ({ [SESSION_KEY]: { token: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } });

function boot(options: { loggedIn: boolean; privacyAgreed?: boolean }): WeappHarness {
  harness = bootWeapp({ apiOrigin: api.origin, storage: options.loggedIn ? session() : {}, privacyAgreed: options.privacyAgreed });
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.createSelectorQuery = chainingSelectorQuery;
  return harness;
}

const text = (page: SimComponent, id: string) => textOf(page.querySelector(`#${id}`));
const urlsOf = (h: WeappHarness, wxApi: string) => h.calls.filter((c) => c.api === wxApi).map((c) => (c.options as { url: string }).url);
const served = (h: WeappHarness, method: string, path: string) => api.servedTo(h).filter((s) => s.method === method && s.path === path);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));


function expectAllTemplatesFound(h: WeappHarness) {
  expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
}

describe('「隐私与个人信息」 and the readers', () => {
  test('logged out: 我的 links to the page, which lists both texts with version and date and asks no log-in', async () => {
    const h = boot({ loggedIn: false });
    const mePage = h.mountPage('pages/me/index');
    await waitFor(() => mePage.querySelector('#me-privacy-link'), { message: 'privacy link for a visitor' });
    tap(mePage, '#me-privacy-link');
    await waitFor(() => urlsOf(h, 'navigateTo').length > 0, { message: 'to the privacy page' });
    expect(urlsOf(h, 'navigateTo')).toEqual(['/privacy/index']);

    const page = h.mountPage('privacy/index');
    await waitFor(() => page.querySelector('#privacy-documents'), { message: 'the texts' });
    expect(text(page, 'privacy-doc-privacy-policy')).toContain(`《隐私政策》版本 ${PRIVACY_POLICY.version} · ${PRIVACY_POLICY.updatedAt} 起施行`);
    expect(text(page, 'privacy-doc-member-consent')).toContain(`《会员信息授权说明》版本 ${MEMBER_CONSENT.version} · ${MEMBER_CONSENT.updatedAt} 起施行`);
    expect(text(page, 'privacy-anonymous')).toContain('登录后');
    expect(page.querySelector('#privacy-export')).toBeFalsy();
    expect(page.querySelector('#privacy-close')).toBeFalsy();
    expect(served(h, 'GET', '/api/privacy').map((s) => s.authorization)).toEqual([undefined]);

    tap(page, '#privacy-doc-member-consent');
    await waitFor(() => urlsOf(h, 'navigateTo').length === 2, { message: 'to the reader' });
    expect(urlsOf(h, 'navigateTo')[1]).toBe('/privacy/document/index?id=member-consent');
    expectAllTemplatesFound(h);
  });

  test('the reader renders every section of the text it is opened with', async () => {
    const h = boot({ loggedIn: false });
    const page = h.mountPage('privacy/document/index', { id: 'member-consent' });
    await waitFor(() => page.querySelector('#privacy-document'), { message: 'the document' });
    expect(text(page, 'privacy-document-title')).toBe('会员信息授权说明');
    expect(text(page, 'privacy-document-version')).toBe(`版本 ${MEMBER_CONSENT.version} · ${MEMBER_CONSENT.updatedAt} 起施行`);
    expect(page.querySelectorAll('.privacy-doc__heading').map(textOf)).toEqual(MEMBER_CONSENT.sections.map((s) => s.heading));
    expect(page.querySelectorAll('.privacy-doc__paragraph')).toHaveLength(MEMBER_CONSENT.sections.flatMap((s) => s.paragraphs).length);
    expect(h.calls.find((c) => c.api === 'setNavigationBarTitle')?.options).toMatchObject({ title: '会员信息授权说明' });
    expectAllTemplatesFound(h);
  });

  test('the reader says so when opened with an id it does not know', async () => {
    const h = boot({ loggedIn: false });
    const page = h.mountPage('privacy/document/index', { id: 'nothing' });
    await waitFor(() => page.querySelector('#privacy-document-missing'), { message: 'unknown id' });
    expect(page.querySelector('#privacy-document')).toBeFalsy();
    expectAllTemplatesFound(h);
  });

  test('logged in: 我的 has the entry; the page offers 导出我的数据 and 注销账号', async () => {
    const h = boot({ loggedIn: true });
    const mePage = h.mountPage('pages/me/index');
    await waitFor(() => mePage.querySelector('#me-privacy'), { message: 'entry in 我的' });
    expect(text(mePage, 'me-privacy')).toContain('隐私与个人信息');
    tap(mePage, '#me-privacy');
    await waitFor(() => urlsOf(h, 'navigateTo').includes('/privacy/index'), { message: 'to the privacy page' });

    const page = h.mountPage('privacy/index');
    await waitFor(() => page.querySelector('#privacy-rights'), { message: 'the rights' });
    tap(page, '#privacy-export');
    tap(page, '#privacy-close');
    await waitFor(() => urlsOf(h, 'navigateTo').length === 3, { message: 'both entries open their pages' });
    expect(urlsOf(h, 'navigateTo').slice(1)).toEqual(['/privacy/export/index', '/privacy/closing/index']);
    expectAllTemplatesFound(h);
  });

  test('the binding form’s consent links to the 会员信息授权说明 without ticking the box', async () => {
    const h = boot({ loggedIn: true });
    const page = h.mountPage('pages/binding/index');
    await waitFor(() => page.querySelector('#binding-consent-link'), { message: 'consent link' });
    tap(page, '#binding-consent-link');
    await waitFor(() => urlsOf(h, 'navigateTo').length > 0, { message: 'to the reader' });
    expect(urlsOf(h, 'navigateTo')).toEqual(['/privacy/document/index?id=member-consent']);
    await pause(100);
    // The tap stopped at the link: the box it sits in is still unticked.
    expect(textOf(page.querySelector('.binding-form__tick'))).toBe('');
    expect(page.querySelector('#binding-consent')?.dom?.className ?? '').not.toContain('binding-form__consent--given');
    // …and a tap on the box itself still ticks it.
    tap(page, '#binding-consent');
    await waitFor(() => textOf(page.querySelector('.binding-form__tick')) === '✓', { message: 'ticked' });
    expectAllTemplatesFound(h);
  });
});

describe('WeChat’s privacy guide before wx.chooseImage', () => {
  test('picking a photo asks first: refused, the album is never opened; agreed, it is', async () => {
    const h = boot({ loggedIn: true, privacyAgreed: false });
    const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
    const chosen: unknown[] = [];
    wx.chooseImage = (opts: { count: number; fail?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      chosen.push(opts);
      setTimeout(() => {
        opts.fail?.({ errMsg: 'chooseImage:fail cancel' });
        opts.complete?.({ errMsg: 'chooseImage:fail cancel' });
      });
    };

    const page = h.mountPage('apply/subsidy/index');
    await waitFor(() => page.querySelector('#subsidy-proofs-add'), { message: 'the add tile' });
    expect(page.querySelector('#privacy-popup')).toBeFalsy();

    tap(page, '#subsidy-proofs-add');
    await waitFor(() => page.querySelector('#privacy-popup'), { message: 'the privacy popup' });
    expect(h.privacy.requests).toBe(1);
    expect(text(page, 'privacy-popup')).toContain('《隐私政策》');
    const agree = page.querySelector('#privacy-agree')?.dom;
    expect(agree?.tagName.toLowerCase()).toBe('wx-button');
    expect(chosen).toEqual([]);

    tap(page, '#privacy-disagree');
    await waitFor(() => text(page, 'subsidy-proofs-pick-error') === '需要您同意隐私保护指引后才能选择图片', { message: 'refusal explained' });
    expect(page.querySelector('#privacy-popup')).toBeFalsy();
    await pause(200);
    expect(chosen).toEqual([]);
    expect(h.privacy.resolutions).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);

    // The popup's link opens the 隐私政策 in the reader.
    tap(page, '#subsidy-proofs-add');
    await waitFor(() => page.querySelector('#privacy-popup'), { message: 'asked again' });
    tap(page, '#privacy-popup-policy');
    await waitFor(() => urlsOf(h, 'navigateTo').length > 0, { message: 'to the policy' });
    expect(urlsOf(h, 'navigateTo')).toEqual(['/privacy/document/index?id=privacy-policy']);

    // 同意 is WeChat's agreePrivacyAuthorization button: its event lets the held call go on.
    page.querySelector('#privacy-agree')!.dispatchEvent('agreeprivacyauthorization', { detail: { errMsg: 'agreePrivacyAuthorization:ok' } });
    await waitFor(() => chosen.length === 1, { message: 'wx.chooseImage after agreeing' });
    expect(h.privacy.resolutions.at(-1)).toEqual({ buttonId: 'privacy-agree', event: 'agree' });
    expect(page.querySelector('#privacy-popup')).toBeFalsy();

    // Agreed once, the next pick goes straight to the album.
    tap(page, '#subsidy-proofs-add');
    await waitFor(() => chosen.length === 2, { message: 'second pick' });
    expect(page.querySelector('#privacy-popup')).toBeFalsy();
    expectAllTemplatesFound(h);
  });
});

describe('导出我的数据 and 注销账号', () => {
  test('the export is saved in the user folder under the API’s file name, summarised, and can be sent to a chat', async () => {
    const h = boot({ loggedIn: true });
    const page = h.mountPage('privacy/export/index');
    await waitFor(() => page.querySelector('#privacy-export-start'), { message: 'export button' });
    tap(page, '#privacy-export-start');
    await waitFor(() => page.querySelector('#privacy-export-done'), { message: 'exported' });

    expect(served(h, 'GET', '/api/me/data')).toHaveLength(1);
    const filePath = `${USER_DATA_PATH}/${MY_DATA_FILE}`;
    expect([...h.files.keys()]).toEqual([filePath]);
    expect(JSON.parse(h.files.get(filePath)!)).toEqual(myData(me));
    expect(text(page, 'privacy-export-file')).toBe(`已保存到小程序的本地文件：${MY_DATA_FILE}`);
    expect(text(page, 'privacy-export-member')).toBe(`会员信息${me.member!.name} · ${me.member!.union.name}`);
    expect(text(page, 'privacy-export-id')).toBe(`身份证号${me.member!.idNumberMasked}`);
    expect(text(page, 'privacy-export-coupons')).toBe('普惠券2 张');
    expect(text(page, 'privacy-export-applications')).toBe('办事申请1 件');
    expect(text(page, 'privacy-export-checks')).toBe('会员卡核验记录1 条');

    tap(page, '#privacy-export-share');
    await waitFor(() => h.calls.find((c) => c.api === 'shareFileMessage'), { message: 'shareFileMessage' });
    expect(h.calls.find((c) => c.api === 'shareFileMessage')!.options).toMatchObject({ filePath, fileName: MY_DATA_FILE });
    expectAllTemplatesFound(h);
  });

  test('closing: says what stays, needs the typed word, confirms, posts {confirm: 注销}, drops the session and goes home', async () => {
    const h = boot({ loggedIn: true });
    const page = h.mountPage('privacy/closing/index');
    await waitFor(() => page.querySelector('#closing-submit'), { message: 'closing form' });
    for (const kept of KEPT_AFTER_CLOSING) expect(text(page, 'closing-kept')).toContain(kept);

    // Not yet typed: tapping does nothing.
    tap(page, '#closing-submit');
    type(page, 'closing-confirm', '注');
    await pause(50);
    tap(page, '#closing-submit');
    await pause(200);
    expect(h.calls.filter((c) => c.api === 'showModal')).toEqual([]);
    expect(served(h, 'POST', '/api/me/deletion')).toEqual([]);

    // A refusal is shown and the session stays.
    api.refuseDeletion(503, 'BUSY', '系统繁忙，请稍后重试');
    type(page, 'closing-confirm', '注销');
    await pause(50);
    tap(page, '#closing-submit');
    await waitFor(() => text(page, 'closing-error') === '系统繁忙，请稍后重试', { message: 'refusal shown' });
    expect(h.storage.has(SESSION_KEY)).toBe(true);

    tap(page, '#closing-submit');
    await waitFor(() => urlsOf(h, 'reLaunch').length > 0, { message: 'back home' });
    expect(h.calls.filter((c) => c.api === 'showModal')).toHaveLength(2);
    expect(served(h, 'POST', '/api/me/deletion').map((s) => s.body)).toEqual([{ confirm: '注销' }, { confirm: '注销' }]);
    expect(h.storage.has(SESSION_KEY)).toBe(false);
    expect(urlsOf(h, 'reLaunch')).toEqual(['/pages/home/index']);
    await waitFor(() => h.calls.find((c) => c.api === 'showToast'), { message: 'toast' });
    expect(h.calls.find((c) => c.api === 'showToast')!.options).toMatchObject({ title: '账号已注销' });
    expectAllTemplatesFound(h);
  });
});

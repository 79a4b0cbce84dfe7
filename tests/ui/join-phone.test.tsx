import { act, useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flush, mount, type Mounted } from './render';

/**
 * 入会申请 (apply/join) takes the phone WeChat verified (issue 13, item 6), as binding
 * does: in the mini-program the submit button becomes WeChat's 手机号快速验证 (getPhoneNumber) once the
 * typed fields are valid and the code it gives is sent as `phoneCode`; in H5 and the local stages a
 * demo number stands in (`dev-phone:<number>`). No typed phone is ever sent.
 */
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => import('./nutui-stub'));
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = { ...actual, useDidShow: (fn: () => void) => useEffect(() => fn(), []), useDidHide: () => undefined, redirectTo: async () => undefined, navigateTo: async () => undefined };
  return { ...taro, default: taro };
});
vi.mock('../../src/components/privacy-popup', () => ({ PrivacyPopup: () => null }));
vi.mock('../../src/components/org-picker', () => ({
  OrgPicker: ({ onSelect }: { onSelect: (org: unknown) => void }) => (
    <button type='button' id='pick-union' onClick={() => onSelect({ id: 'org-g-hk-bus', name: '海口椰城公共交通有限公司工会', workUnit: null, parent: null })}>
      选择
    </button>
  ),
}));
const api = vi.hoisted(() => ({ getMe: vi.fn() }));
const applications = vi.hoisted(() => ({ listMyApplications: vi.fn(), createApplication: vi.fn(), searchOrgs: vi.fn() }));
vi.mock('../../src/services/api', () => api);
vi.mock('../../src/services/applications', () => applications);
vi.mock('../../src/services/session', () => ({ readSession: () => ({ token: 't', expiresAt: '2999-01-01T00:00:00Z' }), clearSession: () => undefined }));

const ID = '46040019980331307X'.slice(0, 17);
/** A valid ID number (check character per GB 11643 MOD 11-2) of a man born 1998-03-31. */
function validId(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...ID].reduce((acc, d, i) => acc + Number(d) * (weights[i] as number), 0);
  return ID + '10X98765432'[sum % 11];
}

let mounted: Mounted | undefined;
beforeEach(() => {
  api.getMe.mockReset().mockResolvedValue({ roles: [], member: null });
  applications.listMyApplications.mockReset().mockResolvedValue({ items: [], nextCursor: null });
  applications.createApplication.mockReset().mockResolvedValue({ application: { id: 'app-1' } });
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

const q = <T extends Element = HTMLElement>(selector: string) => mounted!.container.querySelector<T>(selector);
async function until(selector: string) {
  for (let i = 0; i < 50 && !q(selector); i += 1) await flush();
}
async function type(id: string, value: string) {
  await until(`#${id} input`);
  const input = q<HTMLInputElement>(`#${id} input`)!;
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush();
}
async function click(selector: string) {
  await act(async () => {
    q(selector)!.click();
  });
  await flush();
  await flush();
}
/** Step 1 (个人信息) with the ID number's consent given. */
async function fillPersonal() {
  await type('join-name', '邢志强');
  await type('join-idNumber', validId());
  await click('#join-id-consent');
  await click('#join-ethnicity-common-0');
  await click('#join-politicalStatus-masses');
}
/** All three steps (`personal` fills the first), then the union on the last. */
async function fillTyped(personal: () => Promise<void> = fillPersonal, migrant: 'yes' | 'no' = 'yes') {
  await personal();
  await click('#join-next');
  for (const chip of ['employmentStatus-platform', 'education-vocational', 'skillLevel-none', `migrantWorker-${migrant}`]) await click(`#join-${chip}`);
  await type('join-workUnit', '海口某同城配送站');
  await type('join-householdRegistration', '海南省儋州市那大镇');
  await type('join-residence', '海口市美兰区');
  await click('#join-next');
  await click('#pick-union');
}
const stepShown = () => q('#join-steps')!.getAttribute('data-value');
async function show(phoneVerification: 'wechat' | 'dev') {
  const { default: JoinPage } = await import('../../src/apply/join/index');
  mounted = await mount(<JoinPage phoneVerification={phoneVerification} />);
  await until('#join-form');
  if (!q('#join-form')) throw new Error(`the join form did not show: ${mounted!.container.innerHTML.slice(0, 300)}`);
}

describe('the join form’s phone (review, item 6)', () => {
  it('in the mini-program: no phone field; the submit button becomes getPhoneNumber once the typed fields are valid, and sends its code', async () => {
    await show('wechat');
    expect(q('#join-mobile')).toBeNull();
    expect(q('#join-submit')?.getAttribute('open-type') ?? '').not.toBe('getPhoneNumber');
    await fillTyped();
    const submit = q('#join-submit')!;
    expect(submit.getAttribute('open-type')).toBe('getPhoneNumber');
    await act(async () => {
      submit.dispatchEvent(new CustomEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:fail user deny' }, bubbles: true }));
    });
    await flush();
    expect(applications.createApplication).not.toHaveBeenCalled();
    expect(q('#join-form')?.textContent).toContain('需要验证您本人的手机号');
    await act(async () => {
      submit.dispatchEvent(new CustomEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'wx-phone-code-1' }, bubbles: true }));
    });
    for (let i = 0; i < 10 && applications.createApplication.mock.calls.length === 0; i += 1) await flush();
    const [request] = applications.createApplication.mock.calls[0] as [{ kind: string; form: Record<string, unknown> }];
    expect(request.kind).toBe('join');
    expect(request.form).toMatchObject({ phoneCode: 'wx-phone-code-1', targetOrgId: 'org-g-hk-bus', name: '邢志强' });
    expect(request.form).not.toHaveProperty('mobile');
  }, 60_000);

  it('in H5 and the local stages: a demo number stands in as dev-phone:<number>', async () => {
    await show('dev');
    await fillTyped();
    await type('join-mobile', '1372397');
    await click('#join-submit');
    expect(applications.createApplication).not.toHaveBeenCalled();
    expect(q('#join-form')?.textContent).toContain('演示手机号应为11位大陆手机号');
    await type('join-mobile', '13723972705');
    await click('#join-submit');
    for (let i = 0; i < 10 && applications.createApplication.mock.calls.length === 0; i += 1) await flush();
    expect(applications.createApplication.mock.calls[0]?.[0]).toMatchObject({ kind: 'join', form: { phoneCode: 'dev-phone:13723972705' } });
  }, 60_000);
});

describe('the join form in steps (issue 15, item 7)', () => {
  it('goes on only when the step is right: fields marked, the ID number’s consent required, then the next step; 上一步 keeps what was typed', async () => {
    await show('dev');
    expect(stepShown()).toBe('1');
    expect([...mounted!.container.querySelectorAll('.join-step__title')].map((n) => n.textContent)).toEqual(['个人信息', '工作与住址', '选择工会']);
    expect(q('#join-workUnit')).toBeNull();
    await click('#join-next');
    expect(stepShown()).toBe('1');
    expect(q('#join-form-error')?.textContent).toBe('请按提示修改标红的内容');
    expect(q('#field-name-error')?.textContent).toBeTruthy();
    expect(q('#join-id-consent-error')?.textContent).toBe('请先阅读并同意身份证号的使用说明');

    await type('join-name', '邢志强');
    await type('join-idNumber', validId());
    await click('#join-ethnicity-common-1');
    await click('#join-politicalStatus-masses');
    expect(q('#join-id-consent')!.textContent).toContain('仅用于核验会员身份、办理入会和发放电子会员卡');
    await click('#join-next');
    // Everything right but the consent: still on the first step.
    expect(stepShown()).toBe('1');
    expect(q('#join-id-consent-error')).not.toBeNull();
    await click('#join-id-consent');
    expect(q('#join-id-consent')!.getAttribute('aria-checked')).toBe('true');
    await click('#join-next');
    expect(stepShown()).toBe('2');
    expect(q('#join-name')).toBeNull();
    expect(q('#join-workUnit')).not.toBeNull();
    await click('#join-prev');
    expect(stepShown()).toBe('1');
    await until('#join-name input');
    await until('#join-name input[value="邢志强"]');
    expect(q<HTMLInputElement>('#join-name input')!.value).toBe('邢志强');
    expect(q('#join-ethnicity-common-1')!.getAttribute('aria-checked')).toBe('true');
  }, 60_000);

  it('picks 民族 from the 56 groups (the common ones one tap each) and sends it', async () => {
    const { ETHNIC_GROUPS } = await import('../../src/components/application-form/ethnic-groups');
    expect(ETHNIC_GROUPS).toHaveLength(56);
    expect(new Set(ETHNIC_GROUPS).size).toBe(56);
    await show('dev');
    await fillTyped(async () => {
      await fillPersonal();
      const picker = q('#join-ethnicity-picker')!;
      await act(async () => {
        picker.dispatchEvent(new CustomEvent('change', { detail: { value: ETHNIC_GROUPS.indexOf('土家族') } }));
      });
      await flush();
      expect(q('#join-ethnicity')!.textContent).toContain('土家族');
    }, 'no');
    await type('join-mobile', '13723972705');
    await click('#join-submit');
    for (let i = 0; i < 10 && applications.createApplication.mock.calls.length === 0; i += 1) await flush();
    expect(applications.createApplication.mock.calls[0]?.[0]).toMatchObject({ kind: 'join', form: { ethnicity: '土家族', migrantWorker: false, idConsentVersion: 'join-id-2026-12' } });
  }, 60_000);
});

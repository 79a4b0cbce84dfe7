/**
 * 入会申请 in steps (subpackage `apply`) in the WeChat build against the fake API, for an account not
 * bound to a member: the steps drawn, the ID number's own consent (its text says what the number is
 * used for), 下一步 refused with the fields and the consent marked until they are right, then the
 * second step.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { makeIdNumber } from '../support/ids';
import { SESSION_TOKEN, me, startFakeApi, type FakeApi } from './fixtures/api';
import { bootWeapp, missingTemplates, tap, textOf, waitFor, type WeappHarness, typeInto as type } from './harness';

let api: FakeApi;
let harness: WeappHarness | undefined;
const boundMember = me.member;

beforeAll(async () => {
  api = await startFakeApi({ qrTtlMs: 60_000 });
  // An account with no member bound: the one who files a join.
  me.member = null;
});
afterAll(async () => {
  me.member = boundMember;
  await api.close();
});
afterEach(() => {
  harness?.dispose();
  harness = undefined;
});


describe('入会申请 (WeChat build)', () => {
  test('in steps: 下一步 needs the first step’s fields and the ID number’s own consent', async () => {
    harness = bootWeapp({
      apiOrigin: api.origin,
      storage: { 'puhui.session': { token: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
    });
    const page = harness.mountPage('apply/join/index');
    await waitFor(() => page.querySelector('#join-steps'), { message: 'the join form' });
    expect(missingTemplates(harness.wxmlRuntimeLines)).toEqual([]);
    expect(textOf(page.querySelector('#join-steps'))).toContain('个人信息');
    expect(textOf(page.querySelector('#join-id-consent'))).toContain('仅用于核验会员身份、办理入会和发放电子会员卡');
    // No promise of an SMS the system does not send.
    expect(textOf(page)).not.toContain('短信');

    tap(page, '#join-next');
    await waitFor(() => page.querySelector('#join-id-consent-error'), { message: 'refused' });
    expect(textOf(page.querySelector('#join-id-consent-error'))).toBe('请先阅读并同意身份证号的使用说明');
    expect(textOf(page.querySelector('#join-form-error'))).toBe('请按提示修改标红的内容');
    expect(textOf(page.querySelector('#field-name-error'))).toBe('请填写姓名');

    type(page, 'join-name', '符小梅');
    type(page, 'join-idNumber', makeIdNumber('female'));
    tap(page, '#join-ethnicity-common-0');
    tap(page, '#join-politicalStatus-masses');
    await waitFor(() => !page.querySelector('#field-name-error'), { message: 'the name taken' });
    // Still no consent: the fields are right, the step is not.
    tap(page, '#join-next');
    await waitFor(() => page.querySelector('#join-id-consent-error'), { message: 'the consent still missing' });
    expect(page.querySelector('#field-idNumber-error')).toBeFalsy();

    tap(page, '#join-id-consent');
    await waitFor(() => !page.querySelector('#join-id-consent-error'), { message: 'consent given' });
    tap(page, '#join-next');
    await waitFor(() => page.querySelector('#join-workUnit'), { message: 'the second step' });
    expect(page.querySelector('#join-id-consent')).toBeFalsy();
    expect(page.querySelector('#join-form-error')).toBeFalsy();
  });
});

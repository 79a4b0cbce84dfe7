/**
 * Silent session renewal in the WeChat build: a session the API no longer accepts (or one expired on
 * the device) is renewed with wx.login → POST /api/auth/login and the request sent once more, without
 * showing the log-in page; a refused renewal still ends there.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { me, SESSION_TOKEN, startFakeApi, type FakeApi } from './fixtures/api';
import { bootWeapp, missingTemplates, textOf, waitFor, type BootOptions, type WeappHarness } from './harness';

const SESSION_KEY = 'puhui.session';
const inTwoHours = () => new Date(Date.now() + 2 * 3600_000).toISOString();

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

function boot(session: { token: string; expiresAt: string }, options: Partial<BootOptions> = {}): WeappHarness {
  harness = bootWeapp({ apiOrigin: api.origin, storage: { [SESSION_KEY]: session }, ...options });
  return harness;
}

const trace = (h: WeappHarness) => api.servedTo(h).map((s) => `${s.method} ${s.path} ${s.status}`);
const wentToLogin = (h: WeappHarness) =>
  h.calls.some((c) => ['navigateTo', 'redirectTo', 'reLaunch'].includes(c.api) && JSON.stringify(c.options).includes('/pages/login/index'));

describe('an expired session in the WeChat build', () => {
  test('refused by the API: renewed with wx.login, the request retried once, the card shown, no log-in page', async () => {
    const h = boot({ token: 'a-token-the-api-no-longer-accepts', expiresAt: inTwoHours() });
    const page = h.mountPage('pages/me/index');

    await waitFor(() => page.querySelector('#card-number'), { message: 'card after a silent renewal' });
    expect(textOf(page)).toContain(me.member!.name);
    expect(h.loginCodes).toHaveLength(1);
    const served = api.servedTo(h);
    expect(trace(h).slice(0, 3)).toEqual(['GET /api/me 401', 'POST /api/auth/login 200', 'GET /api/me 200']);
    expect(served[2]!.authorization).toBe(`Bearer ${SESSION_TOKEN}`);
    expect(served.find((s) => s.path === '/api/auth/login')!.body).toEqual({ code: h.loginCodes[0] });
    expect((h.storage.get(SESSION_KEY) as { token: string }).token).toBe(SESSION_TOKEN);
    expect(wentToLogin(h)).toBe(false);
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });

  test('expired on the device: renewed before anything is asked', async () => {
    const h = boot({ token: 'an-expired-token', expiresAt: new Date(Date.now() - 60_000).toISOString() });
    const page = h.mountPage('pages/me/index');

    await waitFor(() => page.querySelector('#card-number'), { message: 'card after a silent renewal' });
    expect(h.loginCodes).toHaveLength(1);
    expect(trace(h).slice(0, 2)).toEqual(['POST /api/auth/login 200', 'GET /api/me 200']);
    expect(api.servedTo(h).some((s) => s.authorization === 'Bearer an-expired-token')).toBe(false);
    expect(wentToLogin(h)).toBe(false);
  });

  test('a refused renewal ends at the log-in page, with the session cleared and no second retry', async () => {
    // The fake API refuses codes that do not start with `test-code-` (WECHAT_CODE_INVALID).
    const h = boot({ token: 'a-token-the-api-no-longer-accepts', expiresAt: inTwoHours() }, { loginCode: (n) => `revoked-${n}` });
    h.mountPage('pages/me/index');

    await waitFor(() => wentToLogin(h), { message: 'log-in page after a refused renewal' });
    expect(h.loginCodes).toHaveLength(1);
    expect(trace(h)).toEqual(['GET /api/me 401', 'POST /api/auth/login 400']);
    expect(h.storage.has(SESSION_KEY)).toBe(false);
  });
});

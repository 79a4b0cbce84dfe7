import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createDevWeChatLogin,
  createDevWeChatPhone,
  createDevWeChatSubscribe,
  createWeChatClient,
  createWeChatPhoneClient,
  createWeChatSubscribeClient,
} from '../../functions/kernel/wechat';
import { AppError } from '../../functions/kernel/errors';
import { FAKE_WECHAT_TIMEOUT_MS, startFakeWeChat, type FakeWeChat, type FakeWeChatState } from '../support/fake-wechat';

/** A local stand-in for api.weixin.qq.com (tests/support/fake-wechat.ts). */
let wx: FakeWeChat;
let base: string;
let fake: FakeWeChatState;
let seen: URLSearchParams[];

beforeAll(async () => {
  wx = await startFakeWeChat();
  ({ base, state: fake, seen } = wx);
});
afterAll(() => wx.close());

/**
 * Captures the log lines of each test of the calling describe (with a fresh fake WeChat) and fails a
 * test whose logs carry one of `secrets`.
 */
function capturedLogs(secrets: readonly string[]): () => string {
  let lines: string[] = [];
  beforeEach(() => {
    wx.reset();
    lines = [];
    const keep = (line: string) => void lines.push(line);
    vi.spyOn(console, 'error').mockImplementation(keep);
    vi.spyOn(console, 'log').mockImplementation(keep);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    for (const secret of secrets) expect(lines.join('\n')).not.toContain(secret);
  });
  return () => lines.join('\n');
}

const client = () => createWeChatClient({ appId: 'wx-app', appSecret: 'app-secret', apiBase: base, timeoutMs: FAKE_WECHAT_TIMEOUT_MS });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    return err instanceof AppError ? `${err.code}/${err.status}` : String(err);
  }
}

describe('code2Session client', () => {
  it('exchanges a code for the openid and keeps the session_key to itself', async () => {
    const identity = await client().exchange('good');
    expect(identity).toEqual({ openid: 'o-123', unionid: 'u-9' });
    expect(JSON.stringify(identity)).not.toContain('SECRET-SESSION-KEY');
    const last = seen.at(-1) as URLSearchParams;
    expect(Object.fromEntries(last)).toEqual({
      appid: 'wx-app',
      secret: 'app-secret',
      js_code: 'good',
      grant_type: 'authorization_code',
    });
  });

  it("maps WeChat's error codes to refusals a member understands", async () => {
    expect(await codeOf(client().exchange('bad'))).toBe('WECHAT_CODE_INVALID/401');
    expect(await codeOf(client().exchange('used'))).toBe('WECHAT_CODE_INVALID/401');
    expect(await codeOf(client().exchange('busy-user'))).toBe('WECHAT_RATE_LIMITED/429');
    expect(await codeOf(client().exchange('risky'))).toBe('WECHAT_USER_BLOCKED/403');
    expect(await codeOf(client().exchange('system'))).toBe('WECHAT_UNAVAILABLE/503');
    expect(await codeOf(client().exchange('other'))).toBe('WECHAT_UNAVAILABLE/503');
  });

  it('treats HTTP failures and time-outs as WeChat being unavailable', async () => {
    expect(await codeOf(client().exchange('http500'))).toBe('WECHAT_UNAVAILABLE/503');
    expect(await codeOf(client().exchange('slow'))).toBe('WECHAT_UNAVAILABLE/503');
  });
});

describe('development log-in adapter', () => {
  it('maps dev:<name> to dev-<name> and refuses anything else', async () => {
    expect(await createDevWeChatLogin().exchange('dev:wang')).toEqual({ openid: 'dev-wang', unionid: null });
    expect(await createDevWeChatLogin().exchange('dev:张三')).toEqual({ openid: 'dev-张三', unionid: null });
    expect(await codeOf(createDevWeChatLogin().exchange('dev:'))).toBe('WECHAT_CODE_INVALID/401');
    expect(await codeOf(createDevWeChatLogin().exchange('dev:a b'))).toBe('WECHAT_CODE_INVALID/401');
    expect(await codeOf(createDevWeChatLogin().exchange('081abcRealWeChatCode'))).toBe('WECHAT_CODE_INVALID/401');
    expect(await codeOf(createDevWeChatLogin().exchange('dev:../../etc'))).toBe('WECHAT_CODE_INVALID/401');
  });
});

describe('phone-number client (手机号快速验证)', () => {
  const phoneClient = () =>
    createWeChatPhoneClient({ appId: 'wx-app', appSecret: 'app-secret', apiBase: base, timeoutMs: FAKE_WECHAT_TIMEOUT_MS });
  const tokenFetches = () => fake.tokenRequests.length;
  // Logs never carry the phone number, the code, the access token or the secret.
  const logs = capturedLogs(['13800138000', '2025550123', 'phone-', 'token-', 'app-secret']);

  it('fetches the stable access token, then asks for the phone number with it', async () => {
    expect(await phoneClient().verifiedPhone('phone-ok')).toBe('13800138000');
    expect(fake.tokenRequests).toEqual([
      {
        contentType: 'application/json',
        body: { grant_type: 'client_credential', appid: 'wx-app', secret: 'app-secret', force_refresh: false },
      },
    ]);
    expect(fake.phoneRequests).toEqual([
      { path: '/wxa/business/getuserphonenumber', query: { access_token: 'token-1' }, body: { code: 'phone-ok' } },
    ]);
  });

  it('keeps the token until five minutes before it expires, and shares one fetch between concurrent callers', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const wechat = phoneClient();
    const first = await Promise.all([1, 2, 3, 4, 5].map(() => wechat.verifiedPhone('phone-ok')));
    expect(first).toEqual(Array(5).fill('13800138000'));
    expect(tokenFetches()).toBe(1);
    for (const _ of [1, 2, 3]) await wechat.verifiedPhone('phone-ok');
    vi.setSystemTime(Date.now() + (7200 - 300 - 1) * 1000);
    await wechat.verifiedPhone('phone-ok');
    expect(tokenFetches()).toBe(1);
    vi.setSystemTime(Date.now() + 2000);
    await wechat.verifiedPhone('phone-ok');
    expect(tokenFetches()).toBe(2);
    expect(fake.phoneRequests.at(-1)?.query).toEqual({ access_token: 'token-2' });
  });

  it('on a rejected token (40001, 42001, 40014) fetches a new one once and retries', async () => {
    for (const errcode of [40001, 42001, 40014]) {
      const wechat = phoneClient();
      const before = tokenFetches();
      await wechat.verifiedPhone('phone-ok');
      fake.revoked = new Set([`token-${fake.tokensIssued}`]);
      fake.rejection = errcode;
      expect(await wechat.verifiedPhone('phone-ok')).toBe('13800138000');
      expect(tokenFetches() - before).toBe(2);
      expect(fake.phoneRequests.slice(-2).map((r) => r.query.access_token)).toEqual([
        `token-${fake.tokensIssued - 1}`,
        `token-${fake.tokensIssued}`,
      ]);
    }
    expect(logs()).toContain('"errcode":42001');
  });

  it('gives up after the second rejected token instead of looping', async () => {
    fake.revoked = 'all';
    expect(await codeOf(phoneClient().verifiedPhone('phone-ok'))).toBe('WECHAT_UNAVAILABLE/503');
    expect(tokenFetches()).toBe(2);
    expect(fake.phoneRequests).toHaveLength(2);
  });

  it('does not cache a failed token fetch', async () => {
    fake.tokenFailures = 1;
    const wechat = phoneClient();
    expect(await codeOf(wechat.verifiedPhone('phone-ok'))).toBe('WECHAT_UNAVAILABLE/503');
    expect(fake.phoneRequests).toHaveLength(0);
    expect(await wechat.verifiedPhone('phone-ok')).toBe('13800138000');
    expect(tokenFetches()).toBe(2);
    expect(logs()).toContain('"errcode":40013');
  });

  it("maps WeChat's error codes to refusals a member understands", async () => {
    const wechat = phoneClient();
    expect(await codeOf(wechat.verifiedPhone('phone-used'))).toBe('PHONE_CODE_INVALID/400');
    expect(await codeOf(wechat.verifiedPhone('phone-busy'))).toBe('PHONE_VERIFY_RATE_LIMITED/429');
    expect(await codeOf(wechat.verifiedPhone('phone-system'))).toBe('WECHAT_UNAVAILABLE/503');
    expect(await codeOf(wechat.verifiedPhone('phone-other'))).toBe('WECHAT_UNAVAILABLE/503');
    expect(tokenFetches()).toBe(1);
  });

  it('treats HTTP failures, invalid JSON and a server that never answers as WeChat being unavailable', async () => {
    const wechat = phoneClient();
    expect(await codeOf(wechat.verifiedPhone('phone-http500'))).toBe('WECHAT_UNAVAILABLE/503');
    expect(await codeOf(wechat.verifiedPhone('phone-garbage'))).toBe('WECHAT_UNAVAILABLE/503');
    const started = Date.now();
    expect(await codeOf(wechat.verifiedPhone('phone-silent'))).toBe('WECHAT_UNAVAILABLE/503');
    expect(Date.now() - started).toBeLessThan(FAKE_WECHAT_TIMEOUT_MS * 2);
  });

  it('refuses a number verified for another app, and a number outside the mainland', async () => {
    const wechat = phoneClient();
    expect(await codeOf(wechat.verifiedPhone('phone-other-app'))).toBe('WECHAT_UNAVAILABLE/503');
    expect(logs()).toContain('wx-other');
    expect(await codeOf(wechat.verifiedPhone('phone-foreign'))).toBe('PHONE_NOT_MAINLAND/400');
  });
});

describe('development phone adapter', () => {
  it('maps dev-phone:<mainland mobile> to that number and refuses anything else', async () => {
    expect(await createDevWeChatPhone().verifiedPhone('dev-phone:13800138000')).toBe('13800138000');
    for (const code of ['dev-phone:123', '13800138000', 'dev:abc', 'dev-phone:12345678901', 'dev-phone:13800138000 ']) {
      expect(await codeOf(createDevWeChatPhone().verifiedPhone(code))).toBe('PHONE_CODE_INVALID/400');
    }
  });
});

describe('subscription-message client (订阅消息)', () => {
  const subscribe = () => createWeChatSubscribeClient({ appId: 'wx-app', appSecret: 'app-secret', apiBase: base, timeoutMs: FAKE_WECHAT_TIMEOUT_MS });
  const message = (touser: string) => ({
    touser,
    templateId: 'tpl-progress',
    page: 'apply/application/index?id=01A',
    data: { thing1: '会员关系转接', time4: '2026-05-11 10:00' },
  });
  const logs = capturedLogs(['token-', 'app-secret']);

  it('sends with the stable access token: template, page, and each keyword as {value}', async () => {
    expect(await subscribe().send(message('o-member'))).toEqual({ status: 'sent' });
    expect(fake.subscribeRequests).toEqual([
      {
        query: { access_token: 'token-1' },
        body: {
          touser: 'o-member',
          template_id: 'tpl-progress',
          page: 'apply/application/index?id=01A',
          data: { thing1: { value: '会员关系转接' }, time4: { value: '2026-05-11 10:00' } },
          lang: 'zh_CN',
        },
      },
    ]);
  });

  it('answers 43101 (not subscribed) as refused for good, with the reason', async () => {
    expect(await subscribe().send(message('unsubscribed-1'))).toEqual({
      status: 'refused',
      errcode: 43101,
      reason: 'user has not subscribed to this template (43101)',
    });
  });

  it('throws WECHAT_UNAVAILABLE, to be retried, on -1, other codes, HTTP errors and a server that never answers', async () => {
    const wechat = subscribe();
    expect(await codeOf(wechat.send(message('busy-1')))).toBe('WECHAT_UNAVAILABLE/503');
    expect(await codeOf(wechat.send(message('nobody')))).toBe('WECHAT_UNAVAILABLE/503');
    expect(await codeOf(wechat.send(message('http500-1')))).toBe('WECHAT_UNAVAILABLE/503');
    const started = Date.now();
    expect(await codeOf(wechat.send(message('silent-1')))).toBe('WECHAT_UNAVAILABLE/503');
    expect(Date.now() - started).toBeLessThan(FAKE_WECHAT_TIMEOUT_MS * 2);
    expect(logs()).toContain('"errcode":-1');
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('on a rejected token fetches a new one once and sends again; gives up after a second rejection', async () => {
    const wechat = subscribe();
    await wechat.send(message('o-1'));
    fake.revoked = new Set(['token-1']);
    expect(await wechat.send(message('o-2'))).toEqual({ status: 'sent' });
    expect(fake.subscribeRequests.map((r) => r.query.access_token)).toEqual(['token-1', 'token-1', 'token-2']);
    fake.revoked = 'all';
    expect(await codeOf(wechat.send(message('o-3')))).toBe('WECHAT_UNAVAILABLE/503');
    expect(fake.tokenRequests).toHaveLength(3);
  });

  it('development adapter: logs the message instead of sending it', async () => {
    expect(await createDevWeChatSubscribe().send(message('dev-member'))).toEqual({ status: 'sent' });
    expect(fake.subscribeRequests).toEqual([]);
    expect(logs()).toContain('"touser":"dev-member"');
    expect(logs()).toContain('会员关系转接');
  });
});

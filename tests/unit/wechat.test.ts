import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createDevWeChatLogin,
  createDevWeChatPhone,
  createWeChatClient,
  createWeChatPhoneClient,
} from '../../functions/kernel/wechat';
import { AppError } from '../../functions/kernel/errors';

/**
 * A local stand-in for api.weixin.qq.com that answers jscode2session, stable_token and
 * getuserphonenumber like WeChat does.
 */
let server: Server;
let base: string;
const seen: URLSearchParams[] = [];
const silent: ServerResponse[] = [];

/** What the fake WeChat knows about access tokens and which phone-number requests it saw. */
const fake = {
  tokensIssued: 0,
  /** The next n stable_token calls fail with 40013. */
  tokenFailures: 0,
  /** Tokens WeChat no longer accepts ('all': none is accepted), and the errcode it answers then. */
  revoked: new Set<string>() as Set<string> | 'all',
  rejection: 40001,
  tokenRequests: [] as { contentType: string | undefined; body: unknown }[],
  phoneRequests: [] as { path: string; query: Record<string, string>; body: unknown }[],
};

type Reply = (body: unknown, status?: number) => void;

function answerCode2Session(url: URL, reply: Reply) {
  seen.push(url.searchParams);
  const code = url.searchParams.get('js_code');
  if (code === 'good') return reply({ openid: 'o-123', session_key: 'SECRET-SESSION-KEY', unionid: 'u-9' });
  if (code === 'bad') return reply({ errcode: 40029, errmsg: 'invalid code' });
  if (code === 'used') return reply({ errcode: 40163, errmsg: 'code been used' });
  if (code === 'busy-user') return reply({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
  if (code === 'risky') return reply({ errcode: 40226, errmsg: 'high risk user' });
  if (code === 'system') return reply({ errcode: -1, errmsg: 'system error' });
  if (code === 'http500') return reply({}, 500);
  if (code === 'slow') return void setTimeout(() => reply({ openid: 'late' }), 500);
  return reply({ errcode: 40013, errmsg: 'invalid appid' });
}

function answerStableToken(req: IncomingMessage, body: unknown, reply: Reply) {
  fake.tokenRequests.push({ contentType: req.headers['content-type'], body });
  if (fake.tokenFailures > 0) {
    fake.tokenFailures -= 1;
    return reply({ errcode: 40013, errmsg: 'invalid appid' });
  }
  fake.tokensIssued += 1;
  return reply({ access_token: `token-${fake.tokensIssued}`, expires_in: 7200 });
}

const phoneInfo = (pure: string, countryCode = '86', appid = 'wx-app') => ({
  phoneNumber: countryCode === '86' ? pure : `+${countryCode}${pure}`,
  purePhoneNumber: pure,
  countryCode,
  watermark: { timestamp: 1_700_000_000, appid },
});

function answerPhoneNumber(url: URL, body: unknown, res: ServerResponse, reply: Reply) {
  const query = Object.fromEntries(url.searchParams);
  fake.phoneRequests.push({ path: url.pathname, query, body });
  const token = query.access_token ?? '';
  const { revoked } = fake;
  if (!/^token-\d+$/.test(token) || revoked === 'all' || revoked.has(token)) {
    return reply({ errcode: fake.rejection, errmsg: 'access_token is invalid or not latest' });
  }
  const code = (body as { code?: string }).code;
  if (code === 'phone-ok') return reply({ errcode: 0, errmsg: 'ok', phone_info: phoneInfo('13800138000') });
  if (code === 'phone-used') return reply({ errcode: 40029, errmsg: 'invalid code' });
  if (code === 'phone-busy') return reply({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
  if (code === 'phone-system') return reply({ errcode: -1, errmsg: 'system error' });
  if (code === 'phone-other-app') return reply({ errcode: 0, phone_info: phoneInfo('13800138000', '86', 'wx-other') });
  if (code === 'phone-foreign') return reply({ errcode: 0, phone_info: phoneInfo('2025550123', '1') });
  if (code === 'phone-http500') return reply({}, 500);
  if (code === 'phone-garbage') return void res.end('<html>13800138000</html>');
  if (code === 'phone-silent') return void silent.push(res);
  return reply({ errcode: 40013, errmsg: 'invalid appid' });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const reply: Reply = (body, status = 200) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const body: unknown = req.method === 'POST' ? JSON.parse(raw) : undefined;
      if (url.pathname === '/sns/jscode2session' && req.method === 'GET') return answerCode2Session(url, reply);
      if (url.pathname === '/cgi-bin/stable_token' && req.method === 'POST') return answerStableToken(req, body, reply);
      if (url.pathname === '/wxa/business/getuserphonenumber' && req.method === 'POST') {
        return answerPhoneNumber(url, body, res, reply);
      }
      return reply({ errcode: 404 }, 404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  for (const res of silent) res.destroy();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const client = () => createWeChatClient({ appId: 'wx-app', appSecret: 'app-secret', apiBase: base, timeoutMs: 200 });

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
    createWeChatPhoneClient({ appId: 'wx-app', appSecret: 'app-secret', apiBase: base, timeoutMs: 200 });
  const tokenFetches = () => fake.tokenRequests.length;
  let logLines: string[];

  beforeEach(() => {
    Object.assign(fake, { tokensIssued: 0, tokenFailures: 0, revoked: new Set(), rejection: 40001 });
    fake.tokenRequests.length = 0;
    fake.phoneRequests.length = 0;
    logLines = [];
    const keep = (line: string) => void logLines.push(line);
    vi.spyOn(console, 'error').mockImplementation(keep);
    vi.spyOn(console, 'log').mockImplementation(keep);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    // Logs never carry the phone number, the code, the access token or the secret.
    for (const secret of ['13800138000', '2025550123', 'phone-', 'token-', 'app-secret']) {
      expect(logLines.join('\n')).not.toContain(secret);
    }
  });

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
    expect(logLines.join('\n')).toContain('"errcode":42001');
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
    expect(logLines.join('\n')).toContain('"errcode":40013');
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
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a number verified for another app, and a number outside the mainland', async () => {
    const wechat = phoneClient();
    expect(await codeOf(wechat.verifiedPhone('phone-other-app'))).toBe('WECHAT_UNAVAILABLE/503');
    expect(logLines.join('\n')).toContain('wx-other');
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

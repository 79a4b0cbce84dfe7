import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevWeChatLogin, createWeChatClient } from '../../functions/kernel/wechat';
import { AppError } from '../../functions/kernel/errors';

/** A local stand-in for api.weixin.qq.com that answers jscode2session like WeChat does. */
let server: Server;
let base: string;
const seen: URLSearchParams[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(url.searchParams);
    const code = url.searchParams.get('js_code');
    const reply = (body: unknown, status = 200) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') return reply({ errcode: 404 }, 404);
    if (code === 'good') return reply({ openid: 'o-123', session_key: 'SECRET-SESSION-KEY', unionid: 'u-9' });
    if (code === 'bad') return reply({ errcode: 40029, errmsg: 'invalid code' });
    if (code === 'used') return reply({ errcode: 40163, errmsg: 'code been used' });
    if (code === 'busy-user') return reply({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
    if (code === 'risky') return reply({ errcode: 40226, errmsg: 'high risk user' });
    if (code === 'system') return reply({ errcode: -1, errmsg: 'system error' });
    if (code === 'http500') return reply({}, 500);
    if (code === 'slow') return void setTimeout(() => reply({ openid: 'late' }), 500);
    return reply({ errcode: 40013, errmsg: 'invalid appid' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

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

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The client timeout the tests give the WeChat clients against this server: long enough for a
 * loaded 2-core machine to answer a loopback request, while `slow` answers only after three times it.
 */
export const FAKE_WECHAT_TIMEOUT_MS = 1_500;

/**
 * A local stand-in for api.weixin.qq.com that answers jscode2session, stable_token,
 * getuserphonenumber and subscribe.send like WeChat does. What a request asks for (the code, the
 * touser) picks the answer; `state` holds what it knows about access tokens and what it saw.
 */
export interface FakeWeChatState {
  tokensIssued: number;
  /** The next n stable_token calls fail with 40013. */
  tokenFailures: number;
  /** Tokens WeChat no longer accepts ('all': none is accepted), and the errcode it answers then. */
  revoked: Set<string> | 'all';
  rejection: number;
  tokenRequests: { contentType: string | undefined; body: unknown }[];
  phoneRequests: { path: string; query: Record<string, string>; body: unknown }[];
  subscribeRequests: { query: Record<string, string>; body: Record<string, unknown> }[];
}

export interface FakeWeChat {
  base: string;
  state: FakeWeChatState;
  /** The query strings jscode2session was called with. */
  seen: URLSearchParams[];
  /** Forgets the tokens issued and the requests seen. */
  reset(): void;
  close(): Promise<void>;
}

type Reply = (body: unknown, status?: number) => void;

function answerCode2Session(url: URL, seen: URLSearchParams[], reply: Reply) {
  seen.push(url.searchParams);
  const code = url.searchParams.get('js_code');
  if (code === 'good') return reply({ openid: 'o-123', session_key: 'SECRET-SESSION-KEY', unionid: 'u-9' });
  if (code === 'bad') return reply({ errcode: 40029, errmsg: 'invalid code' });
  if (code === 'used') return reply({ errcode: 40163, errmsg: 'code been used' });
  if (code === 'busy-user') return reply({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
  if (code === 'risky') return reply({ errcode: 40226, errmsg: 'high risk user' });
  if (code === 'system') return reply({ errcode: -1, errmsg: 'system error' });
  if (code === 'http500') return reply({}, 500);
  if (code === 'slow') return void setTimeout(() => reply({ openid: 'late' }), FAKE_WECHAT_TIMEOUT_MS * 3);
  return reply({ errcode: 40013, errmsg: 'invalid appid' });
}

const phoneInfo = (pure: string, countryCode = '86', appid = 'wx-app') => ({
  phoneNumber: countryCode === '86' ? pure : `+${countryCode}${pure}`,
  purePhoneNumber: pure,
  countryCode,
  watermark: { timestamp: 1_700_000_000, appid },
});

/** The access token check of the token-authenticated APIs; false when it answered a rejection. */
function tokenAccepted(state: FakeWeChatState, query: Record<string, string>, reply: Reply): boolean {
  const token = query.access_token ?? '';
  const { revoked } = state;
  if (/^token-\d+$/.test(token) && revoked !== 'all' && !revoked.has(token)) return true;
  reply({ errcode: state.rejection, errmsg: 'access_token is invalid or not latest' });
  return false;
}

function answerPhoneNumber(state: FakeWeChatState, url: URL, body: unknown, res: ServerResponse, silent: ServerResponse[], reply: Reply) {
  const query = Object.fromEntries(url.searchParams);
  state.phoneRequests.push({ path: url.pathname, query, body });
  if (!tokenAccepted(state, query, reply)) return;
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

/**
 * subscribe.send by touser: `o-…` is sent, `unsubscribed-…` has not accepted the template (43101),
 * `busy-…` meets a busy system (-1), `silent-…` never gets an answer, `http500-…` an HTTP 500.
 */
function answerSubscribe(state: FakeWeChatState, url: URL, body: unknown, res: ServerResponse, silent: ServerResponse[], reply: Reply) {
  const query = Object.fromEntries(url.searchParams);
  state.subscribeRequests.push({ query, body: body as Record<string, unknown> });
  if (!tokenAccepted(state, query, reply)) return;
  const touser = String((body as { touser?: unknown }).touser ?? '');
  if (touser.startsWith('o-')) return reply({ errcode: 0, errmsg: 'ok', msgid: 1000 + state.subscribeRequests.length });
  if (touser.startsWith('unsubscribed-')) return reply({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
  if (touser.startsWith('busy-')) return reply({ errcode: -1, errmsg: 'system error' });
  if (touser.startsWith('silent-')) return void silent.push(res);
  if (touser.startsWith('http500-')) return reply({}, 500);
  return reply({ errcode: 40003, errmsg: 'invalid openid' });
}

export async function startFakeWeChat(): Promise<FakeWeChat> {
  const seen: URLSearchParams[] = [];
  const silent: ServerResponse[] = [];
  const state: FakeWeChatState = {
    tokensIssued: 0,
    tokenFailures: 0,
    revoked: new Set(),
    rejection: 40001,
    tokenRequests: [],
    phoneRequests: [],
    subscribeRequests: [],
  };
  const answerStableToken = (req: IncomingMessage, body: unknown, reply: Reply) => {
    state.tokenRequests.push({ contentType: req.headers['content-type'], body });
    if (state.tokenFailures > 0) {
      state.tokenFailures -= 1;
      return reply({ errcode: 40013, errmsg: 'invalid appid' });
    }
    state.tokensIssued += 1;
    return reply({ access_token: `token-${state.tokensIssued}`, expires_in: 7200 });
  };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const reply: Reply = (body, status = 200) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const body: unknown = req.method === 'POST' ? JSON.parse(raw) : undefined;
      if (url.pathname === '/sns/jscode2session' && req.method === 'GET') return answerCode2Session(url, seen, reply);
      if (url.pathname === '/cgi-bin/stable_token' && req.method === 'POST') return answerStableToken(req, body, reply);
      if (url.pathname === '/wxa/business/getuserphonenumber' && req.method === 'POST') {
        return answerPhoneNumber(state, url, body, res, silent, reply);
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') return answerSubscribe(state, url, body, res, silent, reply);
      return reply({ errcode: 404 }, 404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    seen,
    reset() {
      Object.assign(state, { tokensIssued: 0, tokenFailures: 0, revoked: new Set(), rejection: 40001 });
      state.tokenRequests.length = 0;
      state.phoneRequests.length = 0;
      state.subscribeRequests.length = 0;
    },
    close() {
      for (const res of silent) res.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { AppError } from './errors';
import { log } from './logger';

/** What the API keeps from a WeChat log-in. The session_key stays inside this module. */
export interface WeChatIdentity {
  openid: string;
  unionid: string | null;
}

export interface WeChatLogin {
  exchange(code: string): Promise<WeChatIdentity>;
}

interface Code2SessionAnswer {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

/** WeChat's error codes for jscode2session, as the member should hear them. */
function refusalFor(errcode: number): AppError {
  switch (errcode) {
    case 40029: // invalid code
    case 40163: // code already used
      return new AppError('WECHAT_CODE_INVALID');
    case 45011: // API minute quota reached for this user
      return new AppError('WECHAT_RATE_LIMITED');
    case 40226: // high-risk user, blocked by WeChat
      return new AppError('WECHAT_USER_BLOCKED');
    default: // -1 system busy, 40013 invalid appid, …
      return new AppError('WECHAT_UNAVAILABLE');
  }
}

/** How to reach WeChat's server API (api.weixin.qq.com, or a local fake in tests). */
interface WeChatApiOptions {
  appId: string;
  appSecret: string;
  apiBase: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * One call to WeChat's API: a GET, or a JSON POST when a body is given. Anything but a JSON object
 * in time (network, HTTP status, time-out, invalid JSON) is WECHAT_UNAVAILABLE. URLs and bodies carry
 * secrets, tokens and codes, so they are never logged.
 */
async function askWeChat<T extends object>(
  call: string,
  url: URL,
  options: WeChatApiOptions,
  body?: object,
): Promise<T> {
  try {
    const signal = AbortSignal.timeout(options.timeoutMs ?? 3000);
    const init: RequestInit = body
      ? { signal, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : { signal };
    const response = await (options.fetchImpl ?? fetch)(url, init);
    if (!response.ok) throw new Error(`${call} HTTP ${response.status}`);
    const answer: unknown = await response.json();
    if (typeof answer !== 'object' || answer === null) throw new Error(`${call} answered no JSON object`);
    return answer as T;
  } catch (err) {
    // A SyntaxError quotes the body it could not parse: log its name only.
    log.warn(`${call} unreachable`, { error: err instanceof SyntaxError ? 'invalid JSON' : err });
    throw new AppError('WECHAT_UNAVAILABLE', { cause: err });
  }
}

/** The real client: GET {apiBase}/sns/jscode2session. */
export function createWeChatClient(options: WeChatApiOptions): WeChatLogin {
  return {
    async exchange(code) {
      const url = new URL('/sns/jscode2session', options.apiBase);
      url.search = new URLSearchParams({
        appid: options.appId,
        secret: options.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();
      const answer = await askWeChat<Code2SessionAnswer>('code2Session', url, options);
      if (answer.errcode && answer.errcode !== 0) {
        log.warn('code2Session refused', { errcode: answer.errcode, errmsg: answer.errmsg });
        throw refusalFor(answer.errcode);
      }
      if (typeof answer.openid !== 'string' || answer.openid === '') {
        log.warn('code2Session answered without openid');
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      return { openid: answer.openid, unionid: answer.unionid ?? null };
    },
  };
}

const DEV_CODE = /^dev:([\p{L}\p{N}_-]{1,40})$/u;

/**
 * Local stand-in for code2Session: `dev:<name>` → openid `dev-<name>`. config.ts refuses to select it
 * outside the local and test stages.
 */
export function createDevWeChatLogin(): WeChatLogin {
  return {
    async exchange(code) {
      const match = DEV_CODE.exec(code);
      if (!match) throw new AppError('WECHAT_CODE_INVALID');
      return { openid: `dev-${match[1]}`, unionid: null };
    },
  };
}

/** 手机号快速验证: the mainland mobile number WeChat verified for the member who tapped 获取手机号. */
export interface WeChatPhone {
  verifiedPhone(code: string): Promise<string>;
}

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
/** errcodes meaning the access token is invalid or expired: refresh it once and retry. */
const TOKEN_REJECTED = new Set([40001, 42001, 40014]);
const tokenRejected = (answer: { errcode?: number }) => TOKEN_REJECTED.has(answer.errcode ?? 0);
/** A cached access token is replaced this long before WeChat says it expires. */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

interface StableTokenAnswer {
  access_token?: string;
  expires_in?: number;
  errcode?: number;
  errmsg?: string;
}

interface PhoneNumberAnswer {
  errcode?: number;
  errmsg?: string;
  phone_info?: {
    purePhoneNumber?: string;
    countryCode?: string;
    watermark?: { appid?: string };
  };
}

/**
 * The app's access token from POST /cgi-bin/stable_token, cached per container until shortly before
 * it expires (the stable token is the same in every container). Concurrent callers share one fetch;
 * a failed fetch is not cached.
 */
function accessTokens(options: WeChatApiOptions): { current(): Promise<string>; drop(token: string): void } {
  let cached: { token: string; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const url = new URL('/cgi-bin/stable_token', options.apiBase);
    const answer = await askWeChat<StableTokenAnswer>('stable_token', url, options, {
      grant_type: 'client_credential',
      appid: options.appId,
      secret: options.appSecret,
      force_refresh: false,
    });
    const { errcode, access_token: token, expires_in: expiresIn } = answer;
    if (errcode || typeof token !== 'string' || token === '' || typeof expiresIn !== 'number') {
      log.warn('stable_token refused', { errcode, errmsg: answer.errmsg });
      throw new AppError('WECHAT_UNAVAILABLE');
    }
    cached = { token, refreshAt: Date.now() + expiresIn * 1000 - TOKEN_REFRESH_MARGIN_MS };
    return token;
  }

  return {
    current() {
      if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    /** Forgets a token WeChat rejected, unless another caller has replaced it already. */
    drop(token) {
      if (cached?.token === token) cached = null;
    },
  };
}

/** WeChat's error codes for getuserphonenumber, as the member should hear them. */
function phoneRefusalFor(errcode: number): AppError {
  switch (errcode) {
    case 40029: // invalid code (single use, valid 5 minutes)
      return new AppError('PHONE_CODE_INVALID');
    case 45011: // API minute quota reached
      return new AppError('PHONE_VERIFY_RATE_LIMITED');
    default: // -1 system busy, …
      return new AppError('WECHAT_UNAVAILABLE');
  }
}

/**
 * A JSON POST to {apiBase}{path}?access_token=… with the app's access token. When WeChat rejects
 * the token (40001, 42001, 40014) it is dropped and the call made once more with a fresh one; a
 * second rejection is WECHAT_UNAVAILABLE (never a loop).
 */
function tokenCaller(options: WeChatApiOptions) {
  const tokens = accessTokens(options);
  const ask = async <T extends { errcode?: number; errmsg?: string }>(call: string, path: string, body: object) => {
    const token = await tokens.current();
    const url = new URL(path, options.apiBase);
    url.search = new URLSearchParams({ access_token: token }).toString();
    const answer = await askWeChat<T>(call, url, options, body);
    if (tokenRejected(answer)) {
      log.warn(`${call} rejected the access token`, { errcode: answer.errcode, errmsg: answer.errmsg });
      tokens.drop(token);
    }
    return answer;
  };
  return async <T extends { errcode?: number; errmsg?: string }>(call: string, path: string, body: object): Promise<T> => {
    const answer = await ask<T>(call, path, body);
    if (!tokenRejected(answer)) return answer;
    const again = await ask<T>(call, path, body); // once, with a fresh token; never loop
    if (tokenRejected(again)) throw new AppError('WECHAT_UNAVAILABLE');
    return again;
  };
}

/** The real client: POST {apiBase}/wxa/business/getuserphonenumber with the app's access token. */
export function createWeChatPhoneClient(options: WeChatApiOptions): WeChatPhone {
  const call = tokenCaller(options);
  return {
    async verifiedPhone(code) {
      const answer = await call<PhoneNumberAnswer>('getuserphonenumber', '/wxa/business/getuserphonenumber', { code });
      if (answer.errcode && answer.errcode !== 0) {
        log.warn('getuserphonenumber refused', { errcode: answer.errcode, errmsg: answer.errmsg });
        throw phoneRefusalFor(answer.errcode);
      }
      const info = answer.phone_info;
      if (info?.watermark?.appid !== options.appId) {
        log.warn('getuserphonenumber answered for another app', { appid: info?.watermark?.appid ?? null });
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      const phone = info.purePhoneNumber ?? '';
      if (info.countryCode !== '86' || !MAINLAND_MOBILE.test(phone)) {
        log.info('getuserphonenumber: not a mainland mobile number', { countryCode: info.countryCode ?? null });
        throw new AppError('PHONE_NOT_MAINLAND');
      }
      return phone;
    },
  };
}

const DEV_PHONE_CODE = /^dev-phone:(1[3-9]\d{9})$/;

/**
 * Local stand-in for getuserphonenumber: `dev-phone:<mainland mobile>` → that number. Selected exactly
 * when the development log-in adapter is (config.ts refuses it outside the local and test stages).
 */
export function createDevWeChatPhone(): WeChatPhone {
  return {
    async verifiedPhone(code) {
      const match = DEV_PHONE_CODE.exec(code);
      if (!match) throw new AppError('PHONE_CODE_INVALID');
      return match[1] as string;
    },
  };
}

/**
 * 订阅消息: one message of a template the user accepted in the mini-program
 * (wx.requestSubscribeMessage). `data` maps the template's keywords (thing1, time2, …) to values.
 */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** The mini-program page the message opens, e.g. apply/application/index?id=… */
  page: string;
  data: Record<string, string>;
}

/**
 * sent; or refused for good (43101: the user has not accepted this template, or has used up what
 * they accepted) — not worth a retry. Anything passing (-1 system busy, time-outs, HTTP errors,
 * other codes) throws WECHAT_UNAVAILABLE: the caller retries later.
 */
export type SubscribeOutcome = { status: 'sent' } | { status: 'refused'; errcode: number; reason: string };

export interface WeChatSubscribe {
  send(message: SubscribeMessage): Promise<SubscribeOutcome>;
}

/** errcodes that a retry cannot change, with the reason kept on the notice. */
const SUBSCRIBE_REFUSALS: Record<number, string> = {
  43101: 'user has not subscribed to this template (43101)',
};

/** The real client: POST {apiBase}/cgi-bin/message/subscribe/send with the app's access token. */
export function createWeChatSubscribeClient(options: WeChatApiOptions): WeChatSubscribe {
  const call = tokenCaller(options);
  return {
    async send(message) {
      const data = Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }]));
      const answer = await call<{ errcode?: number; errmsg?: string }>('subscribe.send', '/cgi-bin/message/subscribe/send', {
        touser: message.touser,
        template_id: message.templateId,
        page: message.page,
        data,
        lang: 'zh_CN',
      });
      const errcode = answer.errcode ?? 0;
      if (errcode === 0) return { status: 'sent' };
      const reason = SUBSCRIBE_REFUSALS[errcode];
      if (reason) return { status: 'refused', errcode, reason };
      log.warn('subscribe.send refused', { errcode, errmsg: answer.errmsg });
      throw new AppError('WECHAT_UNAVAILABLE');
    },
  };
}

/**
 * Local stand-in for subscribe.send: logs the message instead of sending it (selected with the
 * development log-in adapter, on the local and test stages only).
 */
export function createDevWeChatSubscribe(): WeChatSubscribe {
  return {
    async send(message) {
      log.info('subscription message (development adapter: logged, not sent)', { ...message });
      return { status: 'sent' };
    },
  };
}

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

/** The real client: GET {apiBase}/sns/jscode2session. */
export function createWeChatClient(options: {
  appId: string;
  appSecret: string;
  apiBase: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}): WeChatLogin {
  const fetchImpl = options.fetchImpl ?? fetch;
  return {
    async exchange(code) {
      const url = new URL('/sns/jscode2session', options.apiBase);
      url.search = new URLSearchParams({
        appid: options.appId,
        secret: options.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();
      let answer: Code2SessionAnswer;
      try {
        const response = await fetchImpl(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 3000) });
        if (!response.ok) throw new Error(`code2Session HTTP ${response.status}`);
        answer = (await response.json()) as Code2SessionAnswer;
      } catch (err) {
        log.warn('code2Session unreachable', { error: err });
        throw new AppError('WECHAT_UNAVAILABLE', { cause: err });
      }
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

import Taro from '@tarojs/taro';
import {
  pathOf,
  type BodyInput,
  type EndpointDeclaration,
  type PathParams,
  type QueryInput,
  type ResponseOf,
} from '../../functions/kernel/contracts/endpoint';
import type { ErrorBody, ErrorCode } from '../../functions/kernel/contracts/errors';
import { authLogin } from '../../functions/membership/contracts/auth';
import { clearSession, isExpired, readSession, saveSession } from './session';

/** A refusal or failure of the API, carrying the server's stable code and its Chinese message. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'THROTTLED';
  readonly status: number;
  /** Per-field messages (INVALID_INPUT), keyed by field name. */
  readonly fields: Record<string, string>;

  constructor(
    code: ApiError['code'],
    message: string,
    status: number,
    fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.fields = fields;
  }

  get isUnauthenticated(): boolean {
    return this.code === 'UNAUTHENTICATED' || this.code === 'TOKEN_EXPIRED';
  }
}

/** Base URL of the API: '' in H5 (same origin), an absolute https URL in WeChat. */
export const API_BASE = (process.env.TARO_APP_API ?? '').replace(/\/+$/, '');

const LOGIN_PAGE = '/pages/login/index';

type UnauthenticatedHandler = () => void;

/** Where the app goes when the API no longer accepts the session: the log-in page. */
let onUnauthenticated: UnauthenticatedHandler = () => {
  const pages = Taro.getCurrentPages?.() ?? [];
  const current = pages[pages.length - 1]?.route ?? '';
  if (`/${current}`.startsWith(LOGIN_PAGE)) return;
  void Taro.navigateTo({ url: LOGIN_PAGE }).catch(() => undefined);
};

export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

function isErrorBody(data: unknown): data is ErrorBody {
  if (!data || typeof data !== 'object') return false;
  const error = (data as { error?: unknown }).error;
  return (
    !!error &&
    typeof error === 'object' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data === '') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/**
 * In WeChat a session that expired (on the device or at the API) is renewed silently: wx.login gives
 * a fresh code, the API exchanges it, and the request is sent once more. Only for an app that had a
 * session: someone who never logged in still goes through the log-in page. H5 has no wx.login.
 */
const RENEWS_SILENTLY = process.env.TARO_ENV === 'weapp';

/** One renewal at a time: requests refused together wait for the same wx.login. */
let renewal: Promise<boolean> | null = null;

function renewSession(): Promise<boolean> {
  renewal ??= (async () => {
    try {
      const { code } = await Taro.login();
      if (!code) return false;
      const session = await send<ResponseOf<typeof authLogin>>(pathOf(authLogin), { method: authLogin.method, body: { code }, auth: false });
      saveSession({ token: session.token, expiresAt: session.expiresAt });
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    renewal = null;
  });
  return renewal;
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Send the stored token (default true). */
  auth?: boolean;
  /** Receives the response headers of a 2xx (e.g. a download's Content-Disposition). */
  onHeader?: (header: Record<string, string>) => void;
}

/** `?a=1&b=2` from the values that are set, '' when none is (no URLSearchParams in WeChat). */
function queryString(query: object): string {
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

type ParamsPart<E extends EndpointDeclaration> = unknown extends PathParams<E['path']> ? unknown : { params: PathParams<E['path']> };
type BodyPart<E extends EndpointDeclaration> = [BodyInput<E>] extends [undefined] ? unknown : { body: BodyInput<E> };
type QueryPart<E extends EndpointDeclaration> = [QueryInput<E>] extends [undefined]
  ? unknown
  : object extends QueryInput<E>
    ? { query?: QueryInput<E> }
    : { query: QueryInput<E> };

/** What a call of `E` needs: its path parameters, its body and its query, as its declaration types them. */
export type CallInput<E extends EndpointDeclaration> = ParamsPart<E> &
  BodyPart<E> &
  QueryPart<E> & {
    /** Receives the response headers of a 2xx (e.g. a download's Content-Disposition). */
    onHeader?: (header: Record<string, string>) => void;
  };

/**
 * Calls an endpoint through its declaration (functions/<capability>/contracts): its method and path
 * (parameters filled in and encoded), the query string, the body, and the session unless the
 * endpoint is public. Resolves with the declared response; throws ApiError otherwise.
 */
export function call<E extends EndpointDeclaration>(
  endpoint: E,
  ...[input]: object extends CallInput<E> ? [CallInput<E>?] : [CallInput<E>]
): Promise<ResponseOf<E>> {
  const { params, query, body, onHeader } = (input ?? {}) as {
    params?: Record<string, string>;
    query?: object;
    body?: unknown;
    onHeader?: RequestOptions['onHeader'];
  };
  const path = `${pathOf(endpoint, params)}${queryString(query ?? {})}`;
  return request<ResponseOf<E>>(path, { method: endpoint.method, body, auth: endpoint.auth !== 'public', onHeader });
}

/**
 * The one place that talks HTTP. Resolves with the JSON body of a 2xx, throws ApiError otherwise.
 * A refused session is renewed silently in WeChat (see RENEWS_SILENTLY) and the request retried
 * once; when that fails too the session is cleared and the app goes to the log-in page.
 */
async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const session = (options.auth ?? true) && RENEWS_SILENTLY ? readSession() : null;
  if (!session) return send<T>(path, options).catch(unauthenticated);
  // Expired on the device: renew before asking (the API would only refuse it).
  const renewedFirst = isExpired(session);
  if (renewedFirst && !(await renewSession())) {
    return unauthenticated(new ApiError('TOKEN_EXPIRED', '登录已过期，请重新登录', 401));
  }
  try {
    return await send<T>(path, options);
  } catch (err) {
    if (renewedFirst || !(err instanceof ApiError) || !err.isUnauthenticated) return unauthenticated(err);
    if (!(await renewSession())) return unauthenticated(err);
    return send<T>(path, options).catch(unauthenticated);
  }
}

/** A refusal of the session ends it: the stored token is dropped and the log-in page shown. */
function unauthenticated(err: unknown): never {
  if (err instanceof ApiError && err.isUnauthenticated) {
    clearSession();
    onUnauthenticated();
  }
  throw err;
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const { method = 'GET', body, auth = true } = options;
  const header: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) header['Content-Type'] = 'application/json';
  if (auth) {
    const session = readSession();
    if (session) header.Authorization = `Bearer ${session.token}`;
  }

  let response: Taro.request.SuccessCallbackResult<string>;
  try {
    response = await Taro.request<string>({
      url: `${API_BASE}${path}`,
      method,
      header,
      data: body === undefined ? undefined : JSON.stringify(body),
      dataType: 'text',
      responseType: 'text',
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0);
  }

  const status = response.statusCode;
  const data = parseBody(response.data);
  if (status >= 200 && status < 300) {
    options.onHeader?.((response.header ?? {}) as Record<string, string>);
    return data as T;
  }

  if (isErrorBody(data)) throw new ApiError(data.error.code, data.error.message, status, data.error.fields ?? {});
  if (status === 401) throw new ApiError('UNAUTHENTICATED', '登录已失效，请重新登录', status);
  // API Gateway's own stage throttling answers 429 {"message":"Too Many Requests"}, not our body.
  if (status === 429) throw new ApiError('THROTTLED', '请求过于频繁，请稍后再试', status);
  throw new ApiError('BAD_RESPONSE', '服务暂时不可用，请稍后再试', status);
}

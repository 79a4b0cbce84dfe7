import Taro from '@tarojs/taro';
import type { ErrorBody, ErrorCode } from '../../functions/kernel/contracts/errors';
import { clearSession, readSession } from './session';

/** A refusal or failure of the API, carrying the server's stable code and its Chinese message. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'NETWORK_ERROR' | 'BAD_RESPONSE';
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

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Send the stored token (default true). */
  auth?: boolean;
}

/** The one place that talks HTTP. Resolves with the JSON body of a 2xx, throws ApiError otherwise. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
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
  if (status >= 200 && status < 300) return data as T;

  if (isErrorBody(data)) {
    const error = new ApiError(data.error.code, data.error.message, status, data.error.fields ?? {});
    if (error.isUnauthenticated) {
      clearSession();
      onUnauthenticated();
    }
    throw error;
  }
  if (status === 401) {
    clearSession();
    onUnauthenticated();
    throw new ApiError('UNAUTHENTICATED', '登录已失效，请重新登录', status);
  }
  throw new ApiError('BAD_RESPONSE', '服务暂时不可用，请稍后再试', status);
}

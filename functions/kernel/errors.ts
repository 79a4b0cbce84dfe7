import type { ErrorCode } from './contracts/errors';

/**
 * The catalogue of refusals: HTTP status and the Chinese message a member can act on.
 * This is the only place where a code meets a status.
 */
export const ERROR_CATALOGUE: Record<ErrorCode, { status: number; message: string }> = {
  INVALID_JSON: { status: 400, message: '请求内容不是有效的 JSON，请刷新后重试' },
  INVALID_INPUT: { status: 400, message: '填写的信息有误，请检查后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请求格式不受支持' },
  NOT_FOUND: { status: 404, message: '请求的内容不存在' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '您没有权限进行此操作' },
  WECHAT_CODE_INVALID: { status: 401, message: '微信登录凭证无效或已过期，请重新登录' },
  WECHAT_RATE_LIMITED: { status: 429, message: '登录过于频繁，请一分钟后再试' },
  WECHAT_USER_BLOCKED: { status: 403, message: '微信提示该账号存在风险，暂时无法登录' },
  WECHAT_UNAVAILABLE: { status: 503, message: '微信登录服务暂时不可用，请稍后再试' },
  ID_NUMBER_INVALID: { status: 400, message: '身份证号不正确，请核对后重新输入' },
  NOT_IN_ROSTER: {
    status: 404,
    message: '会员名册中未找到该身份证号，请确认已加入工会，或联系所在基层工会核实',
  },
  NAME_MISMATCH: { status: 400, message: '姓名与会员名册登记的不一致，请核对后重试' },
  PHONE_IN_USE: {
    status: 409,
    message: '该手机号已被其他会员使用，请更换手机号，或联系所在工会释放该号码',
  },
  ACCOUNT_ALREADY_BOUND: { status: 409, message: '当前微信已绑定其他会员，不能重复绑定' },
  MEMBER_ALREADY_BOUND: {
    status: 409,
    message: '该会员已绑定其他微信账号，如需更换请联系所在工会',
  },
  NOT_BOUND: { status: 403, message: '请先完成会员实名绑定' },
  TOO_MANY_ATTEMPTS: { status: 429, message: '尝试次数过多，请一小时后再试' },
  CARD_TOKEN_INVALID: { status: 400, message: '会员码无效，请让会员刷新后重新出示' },
  CARD_TOKEN_EXPIRED: { status: 400, message: '会员码已过期，请让会员刷新后重新出示' },
  INTERNAL: { status: 500, message: '服务暂时不可用，请稍后再试' },
};

/** A refusal the API explains to the member. Anything else that is thrown becomes a plain 500. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, options: { message?: string; fields?: Record<string, string>; cause?: unknown } = {}) {
    const entry = ERROR_CATALOGUE[code];
    super(options.message ?? entry.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = entry.status;
    if (options.fields) this.fields = options.fields;
  }
}

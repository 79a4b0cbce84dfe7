import { contract } from './contract';
/**
 * The one error shape every endpoint returns, and the stable codes a client may branch on.
 * Messages are written by the server in Simplified Chinese; the code never changes meaning.
 *
 * Each code lives in one catalogue, with its HTTP status and default message: the kernel's below
 * holds what several capabilities (or the kernel itself) refuse with; a capability's own codes live
 * in its contracts/errors.ts. A catalogue made with defineErrors() adds itself to ErrorCatalogues
 * (declaration merging), so ErrorCode is the union of every catalogue's codes while the kernel
 * imports no capability.
 */

/** A refusal: its stable code, its HTTP status and the Chinese message a member can act on. */
export interface ErrorEntry<C extends string = string> {
  readonly code: C;
  readonly status: number;
  readonly message: string;
}

type Entries = Record<string, { status: number; message: string }>;

/** A catalogue of refusals by code, as defineErrors() makes it. */
export type Catalogue<T extends Entries = Entries> = { readonly [K in keyof T & string]: ErrorEntry<K> };

/** Every entry of every catalogue loaded in this process, by code (for AppError). */
const loaded = new Map<string, ErrorEntry>();

/** A catalogue from `{ CODE: { status, message } }`; its entries become known to AppError once loaded. */
export function defineErrors<const T extends Entries>(entries: T): Catalogue<T> {
  const catalogue: Record<string, ErrorEntry> = {};
  for (const [code, { status, message }] of Object.entries(entries)) {
    const entry: ErrorEntry = { code, status, message };
    catalogue[code] = entry;
    loaded.set(code, entry);
  }
  return catalogue as Catalogue<T>;
}

/** The entry of `code` in the catalogues loaded so far. */
export function errorEntry(code: string): ErrorEntry | undefined {
  return loaded.get(code);
}

/**
 * Picks the entries an endpoint declares (its `errors`) from the catalogues given, by code: a code of
 * none of them does not compile. Each capability makes one from the kernel's catalogue and its own.
 */
export function errorsFrom<const C extends readonly Catalogue[]>(...catalogues: C) {
  type Code = { [I in keyof C]: keyof C[I] & string }[number];
  return <const K extends Code>(...codes: K[]): ReadonlyArray<ErrorEntry<K>> =>
    codes.map((code) => {
      const entry = catalogues.find((catalogue) => Object.prototype.hasOwnProperty.call(catalogue, code))?.[code];
      if (!entry) throw new Error(`error code ${code} is in none of the catalogues given`);
      return entry as ErrorEntry<K>;
    });
}

/** The refusals shared by the capabilities, or raised by the kernel itself (http, tokens, WeChat). */
export const KERNEL_ERRORS = /* @__PURE__ */ contract(() =>
  defineErrors({
    // The request itself (kernel/http.ts)
    INVALID_JSON: { status: 400, message: '请求内容不是有效的 JSON，请刷新后重试' },
    INVALID_INPUT: { status: 400, message: '填写的信息有误，请检查后重试' },
    PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
    UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请求格式不受支持' },
    NOT_FOUND: { status: 404, message: '请求的内容不存在' },
    // Sessions and roles (kernel/tokens.ts, every capability's use cases)
    UNAUTHENTICATED: { status: 401, message: '请先登录' },
    TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
    FORBIDDEN: { status: 403, message: '您没有权限进行此操作' },
    // WeChat (kernel/wechat.ts)
    WECHAT_CODE_INVALID: { status: 401, message: '微信登录凭证无效或已过期，请重新登录' },
    WECHAT_RATE_LIMITED: { status: 429, message: '登录过于频繁，请一分钟后再试' },
    WECHAT_USER_BLOCKED: { status: 403, message: '微信提示该账号存在风险，暂时无法登录' },
    WECHAT_UNAVAILABLE: { status: 503, message: '微信服务暂时不可用，请稍后再试' },
    PHONE_CODE_INVALID: { status: 400, message: '手机号验证已过期，请重新点击“获取手机号”' },
    PHONE_VERIFY_RATE_LIMITED: { status: 429, message: '手机号验证过于频繁，请一分钟后再试' },
    PHONE_NOT_MAINLAND: { status: 400, message: '仅支持中国大陆手机号，请使用在工会登记的大陆手机号' },
    // QR codes (kernel/tokens.ts verifies them; membership and benefits refuse with them too)
    CARD_TOKEN_INVALID: { status: 400, message: '会员码无效，请让会员刷新后重新出示' },
    CARD_TOKEN_EXPIRED: { status: 400, message: '会员码已过期，请让会员刷新后重新出示' },
    COUPON_TOKEN_INVALID: { status: 400, message: '券码无效，请让会员在“我的券”中刷新后重新出示' },
    COUPON_TOKEN_EXPIRED: { status: 400, message: '券码已过期，请让会员刷新后重新出示' },
    /** Short numeric codes (kernel/data/short-codes.ts resolveCounted): too many wrong ones this hour. */
    CODE_LOOKUPS_LIMITED: { status: 429, message: '输错数字码的次数过多，请改用扫码，或一小时后再试' },
    // A member's standing, refused by membership, benefits and applications alike
    NOT_BOUND: { status: 403, message: '请先完成会员实名绑定' },
    MEMBERSHIP_ENDED: { status: 403, message: '该会员已办理退会，会员卡和会员权益已停用；如需重新入会，请联系所在工会' },
    NOT_ELIGIBLE: { status: 403, message: '该权益仅面向指定工会的会员，您暂不在领取范围内' },
    // Paid places (functions/payments): claims, draws and payments refuse with these. The ban's
    // message names its end date when it is answered.
    BENEFIT_BANNED: { status: 403, message: '您有已支付的券码逾期未使用，暂停参加该工会的普惠活动' },
    PAYMENT_LAPSED_TODAY: { status: 409, message: '您今天有中签名额未在规定时间内支付，今天不能再参加该活动，请明天再来' },
    // Limits and load
    TOO_MANY_ATTEMPTS: { status: 429, message: '尝试次数过多，请一小时后再试' },
    BUSY: { status: 503, message: '领取的人太多了，请稍后再试' },
    INTERNAL: { status: 500, message: '服务暂时不可用，请稍后再试' },
    /**
     * Local and test stages only: a use case refused with a code its endpoint does not declare
     * (kernel/http.ts). Deployed stages answer the code itself and log the omission.
     */
    UNDECLARED_ERROR: { status: 500, message: '服务暂时不可用，请稍后再试' },
  }),
);

/**
 * The catalogues, by owner. Each capability's contracts/errors.ts adds its own here:
 *   declare module '../../kernel/contracts/errors' { interface ErrorCatalogues { benefits: typeof BENEFITS_ERRORS } }
 */
export interface ErrorCatalogues {
  kernel: typeof KERNEL_ERRORS;
}

/** Every stable code: the union of the catalogues' codes. */
export type ErrorCode = { [Owner in keyof ErrorCatalogues]: keyof ErrorCatalogues[Owner] & string }[keyof ErrorCatalogues];

/** Upper bound for any JSON request body, in bytes (checked before parsing). */
export const MAX_BODY_BYTES = 16 * 1024;

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** Per-field messages for INVALID_INPUT, keyed by the field's path (e.g. "idNumber"). */
    fields?: Record<string, string>;
  };
}

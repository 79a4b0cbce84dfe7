/**
 * The one error shape every endpoint returns, and the stable codes a client may branch on.
 * Messages are written by the server in Simplified Chinese; the code never changes meaning.
 */
export type ErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_INPUT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'TOKEN_EXPIRED'
  | 'FORBIDDEN'
  | 'WECHAT_CODE_INVALID'
  | 'WECHAT_RATE_LIMITED'
  | 'WECHAT_USER_BLOCKED'
  | 'WECHAT_UNAVAILABLE'
  | 'ID_NUMBER_INVALID'
  | 'NOT_IN_ROSTER'
  | 'NAME_MISMATCH'
  | 'PHONE_IN_USE'
  | 'ACCOUNT_ALREADY_BOUND'
  | 'MEMBER_ALREADY_BOUND'
  | 'NOT_BOUND'
  | 'TOO_MANY_ATTEMPTS'
  | 'CARD_TOKEN_INVALID'
  | 'CARD_TOKEN_EXPIRED'
  | 'INTERNAL';

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

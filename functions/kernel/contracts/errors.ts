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
  | 'PHONE_CODE_INVALID'
  | 'PHONE_VERIFY_RATE_LIMITED'
  | 'PHONE_NOT_MAINLAND'
  | 'ID_NUMBER_INVALID'
  | 'IDENTITY_NOT_MATCHED'
  | 'ACCOUNT_ALREADY_BOUND'
  | 'MEMBER_ALREADY_BOUND'
  | 'NOT_BOUND'
  | 'TOO_MANY_ATTEMPTS'
  | 'PROOF_INVALID'
  | 'CARD_TOKEN_INVALID'
  | 'CARD_TOKEN_EXPIRED'
  | 'COUPON_TOKEN_INVALID'
  | 'COUPON_TOKEN_EXPIRED'
  | 'NOT_ELIGIBLE'
  | 'CLAIM_NOT_STARTED'
  | 'CLAIM_ENDED'
  | 'BENEFIT_PAUSED'
  | 'SOLD_OUT'
  | 'REGION_QUOTA_EXHAUSTED'
  | 'CLAIM_LIMIT_REACHED'
  | 'BUSY'
  | 'COUPON_ALREADY_REDEEMED'
  | 'COUPON_WRONG_MERCHANT'
  | 'COUPON_EXPIRED'
  | 'BENEFIT_STATUS_INVALID'
  | 'BENEFIT_NOT_DRAFT'
  | 'STOCK_BELOW_CLAIMED'
  | 'ALREADY_DECIDED'
  | 'STEP_NOT_OPEN'
  | 'APPLICATION_NOT_PENDING'
  | 'APPLICATION_ALREADY_OPEN'
  | 'ALREADY_MEMBER'
  | 'APPLICANT_PHONE_IN_USE'
  | 'APPLICATION_STALE'
  | 'ALREADY_RATED'
  | 'NOT_RATABLE'
  | 'NO_FOLLOW_UP'
  | 'FOLLOW_UP_ALREADY_DONE'
  | 'SUBSIDY_NOT_STARTED'
  | 'SUBSIDY_ENDED'
  | 'SUBSIDY_QUOTA_EXHAUSTED'
  | 'SUBSIDY_ALREADY_PAID'
  | 'SUBSIDY_ALREADY_EXTENDED'
  | 'IMPORT_FILE_MISSING'
  | 'IMPORT_FILE_TOO_LARGE'
  | 'IMPORT_NOT_FINISHED'
  | 'MEMBERSHIP_ENDED'
  | 'MEMBER_SEARCH_TOO_BROAD'
  | 'ORG_NAME_TAKEN'
  | 'ORG_PARENT_INVALID'
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

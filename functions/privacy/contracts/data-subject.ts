import * as z from 'zod/mini';
import type { PrivacyResponse } from '../../membership/contracts/privacy';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { contract } from '../../kernel/contracts/contract';

/** The word the member types to confirm closing their account (the page asks for it). */
export const DELETION_CONFIRMATION = '注销';

/** POST /api/me/deletion — the member closes their account. */
export const deletionRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    confirm: z.literal(DELETION_CONFIRMATION, { error: `请输入“${DELETION_CONFIRMATION}”二字，确认注销账号` }),
  }),
);
export type DeletionRequest = z.infer<typeof deletionRequest>;

/**
 * The answer of POST /api/me/deletion, also when the account was closed already (the request is
 * idempotent: then nothing more was voided or withdrawn). `kept` says, in the member's words, what
 * stays and why.
 */
export const deletionResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    status: z.literal('closed'),
    voidedCoupons: z.number(),
    cancelledApplications: z.number(),
    kept: z.array(z.string()),
  }),
);
export type DeletionResponse = z.infer<typeof deletionResponse>;

/** What stays after an account is closed, and why (README › Privacy (PIPL) lists the fields). */
export const KEPT_AFTER_CLOSING: readonly string[] = [
  '会员名册中的记录（姓名、加密的身份证号、手机号、所在工会、会员卡号）：工会依照《中华人民共和国工会法》和《中国工会会员会籍管理办法》保管的会籍档案',
  '已办结或已撤回的申请、补贴发放记录和评价：工会的业务档案（已与您的微信账号断开关联）',
  '已核销的券和核销记录：商户与工会结算的凭据',
  '会员卡核验记录：核验的追溯记录',
  '您同意《会员信息授权说明》的时间和版本：此前依法处理您信息的凭证',
];

/** The download's file name: `hainan-union-my-data-<YYYY-MM-DD>.json` (the date in China). */
export function exportFileName(date: string): string {
  return `hainan-union-my-data-${date}.json`;
}

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

/** The privacy texts, read before log-in and binding (no log-in, no database). */
export const privacyGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'privacyGet',
    method: 'GET',
    path: '/api/privacy',
    auth: 'public',
    response: returns<PrivacyResponse>(),
    errors: [],
  }),
);

/** Everything the platform holds about the caller, as a JSON file to save (Content-Disposition). */
export const meData = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'meData',
    method: 'GET',
    path: '/api/me/data',
    auth: 'session',
    response: returns<unknown>(),
    errors: [],
  }),
);

/** The member closes their account (idempotent). */
export const meDeletion = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'meDeletion',
    method: 'POST',
    path: '/api/me/deletion',
    auth: 'session',
    request: { body: deletionRequest },
    response: returns<DeletionResponse>(),
    errors: [],
  }),
);

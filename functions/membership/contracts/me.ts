import * as z from 'zod/mini';
import { isValidIdNumber } from '../domain/id-number';
import { orgRefSchema, roleSchema } from '../../kernel/contracts/common';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { membershipErrors } from './errors';
import { contract } from '../../kernel/contracts/contract';

const trimmed = (required: string) =>
  z.string({ error: required }).check(z.trim(), z.minLength(1, required));

/**
 * Version of the 会员信息授权说明 a member agrees to when binding. ID numbers are sensitive personal
 * information (PIPL art. 28–29): processing them needs the member's separate consent, recorded with
 * the version of the text they saw.
 */
export const BINDING_CONSENT_VERSION = '2026-12';

/** POST /api/me/binding — bind this WeChat account to a member of the union's roster. */
export const bindingRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    name: trimmed('请填写姓名').check(
      z.maxLength(30, '姓名过长，请核对'),
      z.regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/u, '姓名只能包含汉字、字母和间隔号'),
    ),
    idNumber: trimmed('请填写身份证号').check(
      z.toUpperCase(),
      z.regex(/^\d{17}[\dX]$/, '身份证号应为18位，最后一位可以是数字或X'),
      z.refine((id) => isValidIdNumber(id), '身份证号的出生日期或校验位不正确，请核对'),
    ),
    /**
     * The code of WeChat's 手机号快速验证 (`<Button openType="getPhoneNumber">`), exchanged by the server
     * for the number WeChat verified for this user: the proof of possession the roster match needs.
     */
    phoneCode: z.string({ error: '请点击“获取手机号”完成手机号验证' }).check(
      z.minLength(1, '请点击“获取手机号”完成手机号验证'),
      z.maxLength(128, '手机号验证凭证格式不正确，请重新获取'),
    ),
    consent: z.literal(true, { error: '请阅读并勾选同意《会员信息授权说明》' }),
  }),
);
export type BindingRequest = z.infer<typeof bindingRequest>;

export const cardSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    number: z.string(),
    issuedAt: z.string(),
  }),
);

export const memberProfileSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    id: z.string(),
    name: z.string(),
    sex: z.enum(['male', 'female']),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
    union: orgRefSchema,
    /** The union's ancestors from the province federation down to the union itself. */
    unionPath: z.array(orgRefSchema),
    /**
     * `left`: the member's 退会 was recorded (taking effect on `leftOn`, YYYY-MM-DD): the card (its
     * number kept as history) is stopped — the mini-program shows 会员卡已停用 — GET /api/me/card
     * issues no QR, coupons are not redeemed and benefits are refused. `active`: a member (`leftOn` null).
     */
    status: z.enum(['active', 'left']),
    leftOn: z.nullable(z.string()),
    card: cardSchema,
  }),
);
export type MemberProfile = z.infer<typeof memberProfileSchema>;

/** GET /api/me and the answer of POST /api/me/binding. */
export const meResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    roles: z.array(roleSchema),
    member: z.nullable(memberProfileSchema),
  }),
);
export type MeResponse = z.infer<typeof meResponse>;

/** GET /api/me/card — what the card page shows, with a short-lived signed QR payload. */
export const cardResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    number: z.string(),
    memberName: z.string(),
    unionName: z.string(),
    qr: z.strictObject({
      payload: z.string(),
      /** ISO-8601 instant; the page refreshes well before it. */
      expiresAt: z.string(),
      /** The 10-digit short code (starting with 8) a clerk may type or scan instead, and when it stops. */
      code: z.string(),
      codeExpiresAt: z.string(),
    }),
  }),
);
export type CardResponse = z.infer<typeof cardResponse>;

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

/** The caller's account, roles and (once bound) member profile. NOT_FOUND: a card number being issued meanwhile. */
export const meGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'meGet',
    method: 'GET',
    path: '/api/me',
    auth: 'session',
    response: returns<MeResponse>(),
    errors: membershipErrors('NOT_FOUND'),
  }),
);

/** 会员实名绑定: name, ID number and the phone WeChat verified must be one roster member. */
export const meBinding = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'meBinding',
    method: 'POST',
    path: '/api/me/binding',
    auth: 'session',
    request: { body: bindingRequest },
    response: returns<MeResponse>(),
    errors: membershipErrors(
      'IDENTITY_NOT_MATCHED',
      'ACCOUNT_ALREADY_BOUND',
      'MEMBER_ALREADY_BOUND',
      'MEMBERSHIP_ENDED',
      'TOO_MANY_ATTEMPTS',
      'PHONE_CODE_INVALID',
      'PHONE_VERIFY_RATE_LIMITED',
      'PHONE_NOT_MAINLAND',
      'WECHAT_UNAVAILABLE',
      'NOT_FOUND',
    ),
  }),
);

/** The electronic membership card with a short-lived QR payload. */
export const meCard = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'meCard',
    method: 'GET',
    path: '/api/me/card',
    auth: 'member',
    response: returns<CardResponse>(),
    errors: membershipErrors('NOT_BOUND', 'MEMBERSHIP_ENDED', 'NOT_FOUND'),
  }),
);

import * as z from 'zod/mini';
import { roleSchema } from '../../kernel/contracts/common';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { membershipErrors } from './errors';
import { contract } from '../../kernel/contracts/contract';

/** POST /api/auth/login — exchange a wx.login code for the API's own session token. */
export const loginRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    code: z.string({ error: '缺少登录凭证，请重新打开小程序' }).check(
      z.minLength(1, '缺少登录凭证，请重新打开小程序'),
      z.maxLength(128, '登录凭证格式不正确，请重新打开小程序'),
    ),
  }),
);
export type LoginRequest = z.infer<typeof loginRequest>;

export const loginResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    token: z.string(),
    /** ISO-8601 instant at which the token stops being accepted. */
    expiresAt: z.string(),
    bound: z.boolean(),
    roles: z.array(roleSchema),
  }),
);
export type LoginResponse = z.infer<typeof loginResponse>;

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

/** Exchanges a wx.login code for a session (an account is created on first log-in). */
export const authLogin = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'authLogin',
    method: 'POST',
    path: '/api/auth/login',
    auth: 'public',
    request: { body: loginRequest },
    response: returns<LoginResponse>(),
    errors: membershipErrors('WECHAT_CODE_INVALID', 'WECHAT_RATE_LIMITED', 'WECHAT_USER_BLOCKED', 'WECHAT_UNAVAILABLE'),
  }),
);

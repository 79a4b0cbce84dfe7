import * as z from 'zod/mini';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { membershipErrors } from './errors';
import { contract } from '../../kernel/contracts/contract';

/**
 * POST /api/cards/verify — a merchant clerk checks a membership card: `payload` is the scanned QR
 * (the signed token) or the card's 10-digit short code, scanned or typed (spaces ignored).
 */
export const verifyCardRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    payload: z.string({ error: '请扫描会员码或输入数字码' }).check(
      z.minLength(1, '请扫描会员码或输入数字码'),
      z.maxLength(2048, '二维码内容不正确'),
    ),
  }),
);
export type VerifyCardRequest = z.infer<typeof verifyCardRequest>;

export const verifyCardResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    valid: z.literal(true),
    number: z.string(),
    /** Masked, e.g. 张*丰. */
    memberName: z.string(),
    unionName: z.string(),
    expiresAt: z.string(),
  }),
);
export type VerifyCardResponse = z.infer<typeof verifyCardResponse>;

/** GET /api/cards/jwks — the public key(s) that sign card QR payloads, for offline checks. */
export interface CardJwks {
  keys: Array<Record<string, unknown>>;
}

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

/** A merchant clerk, or an official of the member's union or above, checks a scanned card. */
export const cardsVerify = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'cardsVerify',
    method: 'POST',
    path: '/api/cards/verify',
    auth: ['clerk', 'official'],
    request: { body: verifyCardRequest },
    response: returns<VerifyCardResponse>(),
    errors: membershipErrors('FORBIDDEN', 'CARD_TOKEN_INVALID', 'CARD_TOKEN_EXPIRED', 'CARD_CODE_NOT_FOUND', 'CODE_LOOKUPS_LIMITED', 'MEMBERSHIP_ENDED'),
  }),
);

/** The card keys' JWKS (no log-in, no database). */
export const cardsJwks = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'cardsJwks',
    method: 'GET',
    path: '/api/cards/jwks',
    auth: 'public',
    response: returns<CardJwks>(),
    errors: [],
  }),
);

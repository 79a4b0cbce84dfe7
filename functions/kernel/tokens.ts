import { createPrivateKey, createPublicKey, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, errors as joseErrors, exportJWK, jwtVerify, SignJWT } from 'jose';
import type { ErrorCode } from './contracts/errors';
import { AppError } from './errors';

const SESSION_ISSUER = 'hainan-union';
const SESSION_AUDIENCE = 'hainan-union-miniprogram';
// QR tokens (membership cards, coupons) are drawn as QR codes: every character makes the code
// denser, so names stay short. One signing key (card-signing-key), one audience per use.
const QR_ISSUER = 'hnu-card';
const CARD_AUDIENCE = 'merchant';
const COUPON_AUDIENCE = 'redeem';

/** Session lifetime: a WeChat session, re-established silently by wx.login when it runs out. */
export const SESSION_TTL_SECONDS = 2 * 60 * 60;
/** QR lifetime (cards and coupons): a screenshot of the code is useless a minute later. */
export const QR_TOKEN_TTL_SECONDS = 60;

export interface SessionClaims {
  openid: string;
}

/** What a membership-card QR proves: a card, for one minute. It names no member id. */
export interface CardClaims {
  cardNumber: string;
  /** Unique per QR, recorded with every verification. */
  jti: string;
  expiresAt: Date;
}

/** What a coupon QR proves: this coupon, shown by this member, for one minute. */
export interface CouponClaims {
  couponId: string;
  memberId: string;
  jti: string;
  expiresAt: Date;
}

export interface Tokens {
  signSession(openid: string, now?: Date): Promise<{ token: string; expiresAt: Date }>;
  verifySession(token: string): Promise<SessionClaims>;
  signCard(cardNumber: string, now?: Date): Promise<{ token: string; expiresAt: Date }>;
  verifyCard(token: string): Promise<CardClaims>;
  signCoupon(couponId: string, memberId: string, now?: Date): Promise<{ token: string; expiresAt: Date }>;
  verifyCoupon(token: string): Promise<CouponClaims>;
  cardJwks(): Promise<{ keys: Array<Record<string, unknown>> }>;
}

/** Short random token ids (QR payloads stay small): 12 bytes, base64url. */
const newJti = () => randomBytes(12).toString('base64url');

/** Clock skew tolerated between the signing and the verifying container. */
const CLOCK_TOLERANCE_SECONDS = 5;

export function createTokens(sessionSecretB64: string, cardSigningKeyPem: string): Tokens {
  const sessionKey: KeyObject = createSecretKey(Buffer.from(sessionSecretB64, 'base64'));
  const cardPrivate = createPrivateKey(cardSigningKeyPem);
  const cardPublic = createPublicKey(cardPrivate);
  const kidPromise = exportJWK(cardPublic).then(async (jwk) => (await calculateJwkThumbprint(jwk)).slice(0, 8));

  /** ES256 QR payloads (cards and coupons): short-lived, with iat, exp and a jti. */
  async function signQr(audience: string, claims: Record<string, string>, subject: string | null, now: Date) {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + QR_TOKEN_TTL_SECONDS;
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: await kidPromise })
      .setIssuer(QR_ISSUER)
      .setAudience(audience)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(newJti());
    if (subject !== null) jwt.setSubject(subject);
    return { token: await jwt.sign(cardPrivate), expiresAt: new Date(exp * 1000) };
  }

  /**
   * Verifies a QR payload of one audience: signature, issuer, and `iat`, `exp` and `jti` present, with
   * a maximum age, so a token minted without an expiry (a leaked key's, say) is refused anyway.
   */
  async function verifyQr(token: string, audience: string, invalid: ErrorCode, expired: ErrorCode) {
    try {
      const { payload } = await jwtVerify(token, cardPublic, {
        issuer: QR_ISSUER,
        audience,
        algorithms: ['ES256'],
        requiredClaims: ['iat', 'exp', 'jti'],
        maxTokenAge: QR_TOKEN_TTL_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return payload as typeof payload & { exp: number; jti: string };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new AppError(expired);
      throw new AppError(invalid, { cause: err });
    }
  }

  return {
    async signSession(openid, now = new Date()) {
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + SESSION_TTL_SECONDS;
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(openid)
        .setIssuer(SESSION_ISSUER)
        .setAudience(SESSION_AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(sessionKey);
      return { token, expiresAt: new Date(exp * 1000) };
    },
    async verifySession(token) {
      try {
        const { payload } = await jwtVerify(token, sessionKey, {
          issuer: SESSION_ISSUER,
          audience: SESSION_AUDIENCE,
          algorithms: ['HS256'],
          requiredClaims: ['iat', 'exp', 'sub'],
          maxTokenAge: SESSION_TTL_SECONDS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
        if (typeof payload.sub !== 'string' || payload.sub === '') throw new AppError('UNAUTHENTICATED');
        return { openid: payload.sub };
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (err instanceof joseErrors.JWTExpired) throw new AppError('TOKEN_EXPIRED');
        throw new AppError('UNAUTHENTICATED', { cause: err });
      }
    },
    signCard: (cardNumber, now = new Date()) => signQr(CARD_AUDIENCE, { cn: cardNumber }, null, now),
    async verifyCard(token) {
      const payload = await verifyQr(token, CARD_AUDIENCE, 'CARD_TOKEN_INVALID', 'CARD_TOKEN_EXPIRED');
      if (typeof payload.cn !== 'string') throw new AppError('CARD_TOKEN_INVALID');
      return { cardNumber: payload.cn, jti: payload.jti, expiresAt: new Date(payload.exp * 1000) };
    },
    signCoupon: (couponId, memberId, now = new Date()) => signQr(COUPON_AUDIENCE, { m: memberId }, couponId, now),
    async verifyCoupon(token) {
      const payload = await verifyQr(token, COUPON_AUDIENCE, 'COUPON_TOKEN_INVALID', 'COUPON_TOKEN_EXPIRED');
      if (typeof payload.sub !== 'string' || typeof payload.m !== 'string') throw new AppError('COUPON_TOKEN_INVALID');
      return { couponId: payload.sub, memberId: payload.m, jti: payload.jti, expiresAt: new Date(payload.exp * 1000) };
    },
    async cardJwks() {
      const jwk = await exportJWK(cardPublic);
      return { keys: [{ ...jwk, kid: await kidPromise, alg: 'ES256', use: 'sig' }] };
    },
  };
}

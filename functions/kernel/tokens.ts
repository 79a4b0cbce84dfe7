import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, errors as joseErrors, exportJWK, jwtVerify, SignJWT } from 'jose';
import { AppError } from './errors';

const SESSION_ISSUER = 'hainan-union';
const SESSION_AUDIENCE = 'hainan-union-miniprogram';
// Card tokens are drawn as QR codes: every character makes the code denser, so names stay short.
const CARD_ISSUER = 'hnu-card';
const CARD_AUDIENCE = 'merchant';

/** Session lifetime: a WeChat session, re-established silently by wx.login when it runs out. */
export const SESSION_TTL_SECONDS = 2 * 60 * 60;
/** Card QR lifetime: a screenshot of the code is useless a minute later. */
export const CARD_TOKEN_TTL_SECONDS = 60;

export interface SessionClaims {
  openid: string;
}

export interface CardClaims {
  memberId: string;
  cardNumber: string;
  expiresAt: Date;
}

export interface Tokens {
  signSession(openid: string, now?: Date): Promise<{ token: string; expiresAt: Date }>;
  verifySession(token: string): Promise<SessionClaims>;
  signCard(memberId: string, cardNumber: string, now?: Date): Promise<{ token: string; expiresAt: Date }>;
  verifyCard(token: string): Promise<CardClaims>;
  cardJwks(): Promise<{ keys: Array<Record<string, unknown>> }>;
}

export function createTokens(sessionSecretB64: string, cardSigningKeyPem: string): Tokens {
  const sessionKey: KeyObject = createSecretKey(Buffer.from(sessionSecretB64, 'base64'));
  const cardPrivate = createPrivateKey(cardSigningKeyPem);
  const cardPublic = createPublicKey(cardPrivate);
  const kidPromise = exportJWK(cardPublic).then(async (jwk) => (await calculateJwkThumbprint(jwk)).slice(0, 8));

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
        });
        if (typeof payload.sub !== 'string' || payload.sub === '') throw new AppError('UNAUTHENTICATED');
        return { openid: payload.sub };
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw new AppError('TOKEN_EXPIRED');
        throw new AppError('UNAUTHENTICATED', { cause: err });
      }
    },
    async signCard(memberId, cardNumber, now = new Date()) {
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + CARD_TOKEN_TTL_SECONDS;
      const token = await new SignJWT({ cn: cardNumber })
        .setProtectedHeader({ alg: 'ES256', kid: await kidPromise })
        .setSubject(memberId)
        .setIssuer(CARD_ISSUER)
        .setAudience(CARD_AUDIENCE)
        .setExpirationTime(exp)
        .sign(cardPrivate);
      return { token, expiresAt: new Date(exp * 1000) };
    },
    async verifyCard(token) {
      try {
        const { payload } = await jwtVerify(token, cardPublic, {
          issuer: CARD_ISSUER,
          audience: CARD_AUDIENCE,
          algorithms: ['ES256'],
        });
        if (typeof payload.sub !== 'string' || typeof payload.cn !== 'string' || typeof payload.exp !== 'number') {
          throw new AppError('CARD_TOKEN_INVALID');
        }
        return { memberId: payload.sub, cardNumber: payload.cn, expiresAt: new Date(payload.exp * 1000) };
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (err instanceof joseErrors.JWTExpired) throw new AppError('CARD_TOKEN_EXPIRED');
        throw new AppError('CARD_TOKEN_INVALID', { cause: err });
      }
    },
    async cardJwks() {
      const jwk = await exportJWK(cardPublic);
      return { keys: [{ ...jwk, kid: await kidPromise, alg: 'ES256', use: 'sig' }] };
    },
  };
}

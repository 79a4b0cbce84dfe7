import { createPublicKey, createSecretKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { ErrorCode } from './contracts/errors';
import { AppError } from './errors';
import { parsePublicJwks, privateKeysOf, publicJwkOf, type PublicJwks } from './jwks';

/**
 * The tokens, one kind per key, so that a function holds only the key of what it does:
 *   sessions        HS256 with session-secret        createSessionTokens()
 *   card QR codes   ES256 with card-signing-key      createCardTokens()
 *   coupon QR codes ES256 with coupon-signing-key    createCouponTokens()
 *   the card JWKS   card-public-jwks (public keys)   createCardKeySet()
 * The functions wire them through kernel/credentials.ts, which reads each key on first use.
 *
 * Rotating a QR key (card-signing-key or coupon-signing-key). Each container reads its keys once,
 * so for a while old and new containers run side by side; a signing-key parameter may therefore hold
 * several PEM keys, one after the other: the first signs, every one verifies (the token's kid picks).
 *   1. Put OLD then NEW in the parameter (OLD still signs, NEW is accepted already); for the card
 *      key, card-public-jwks = the JWKS of both (jwks.ts › publicJwksJson of the two PEMs).
 *   2. When every container has read step 1 (the functions redeployed or their configuration
 *      updated, which starts new containers), put NEW then OLD: NEW signs, and codes signed a moment
 *      ago by a container still on step 1 verify everywhere.
 *   3. When every container has read step 2 and a QR lifetime (a minute) has passed, put NEW alone,
 *      and for the card key the JWKS of NEW alone. Offline scanners fetch the JWKS again meanwhile.
 * The session secret holds one key: replacing it ends every session (the app logs in again silently).
 */

const SESSION_ISSUER = 'hainan-union';
const SESSION_AUDIENCE = 'hainan-union-miniprogram';
// QR tokens (membership cards, coupons) are drawn as QR codes: every character makes the code
// denser, so names stay short. One audience and one signing key per use.
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

type Signed = Promise<{ token: string; expiresAt: Date }>;

/** Needs session-secret. */
export interface SessionTokens {
  signSession(openid: string, now?: Date): Signed;
  verifySession(token: string): Promise<SessionClaims>;
}

/** Needs card-signing-key. */
export interface CardTokens {
  signCard(cardNumber: string, now?: Date): Signed;
  verifyCard(token: string): Promise<CardClaims>;
}

/** Needs coupon-signing-key. */
export interface CouponTokens {
  signCoupon(couponId: string, memberId: string, now?: Date): Signed;
  verifyCoupon(token: string): Promise<CouponClaims>;
}

/** Needs card-public-jwks only (no private key). */
export interface CardKeySet {
  cardJwks(): Promise<PublicJwks>;
}

/** Every kind at once, as the use cases' ports name it; each part needs only its own key. */
export interface Tokens extends SessionTokens, CardTokens, CouponTokens, CardKeySet {}

/** Short random token ids (QR payloads stay small): 12 bytes, base64url. */
const newJti = () => randomBytes(12).toString('base64url');

/** Clock skew tolerated between the signing and the verifying container. */
const CLOCK_TOLERANCE_SECONDS = 5;

export function createSessionTokens(sessionSecretB64: string): SessionTokens {
  const sessionKey: KeyObject = createSecretKey(Buffer.from(sessionSecretB64, 'base64'));
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
  };
}

/**
 * ES256 QR payloads of one audience with one key parameter: short-lived, with iat, exp and a jti.
 * Signs with the first key; verifies with the key the token's kid names (the first when it names
 * none), so an unknown kid is refused like a bad signature.
 */
function qrTokens(keysPem: string, what: string, audience: string, invalid: ErrorCode, expired: ErrorCode) {
  const keys = privateKeysOf(keysPem, what).map((privateKey) => ({ privateKey, publicKey: createPublicKey(privateKey), kid: publicJwkOf(privateKey).kid }));
  const signing = keys[0] as (typeof keys)[number];
  return {
    async sign(claims: Record<string, string>, subject: string | null, now: Date) {
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + QR_TOKEN_TTL_SECONDS;
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: signing.kid })
        .setIssuer(QR_ISSUER)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .setJti(newJti());
      if (subject !== null) jwt.setSubject(subject);
      return { token: await jwt.sign(signing.privateKey), expiresAt: new Date(exp * 1000) };
    },
    /**
     * Signature, issuer, audience, and `iat`, `exp` and `jti` present, with a maximum age, so a token
     * minted without an expiry (a leaked key's, say) is refused anyway.
     */
    async verify(token: string): Promise<JWTPayload & { exp: number; jti: string }> {
      try {
        const keyFor = (header: { kid?: string }) => {
          const key = header.kid === undefined ? signing : keys.find((k) => k.kid === header.kid);
          if (!key) throw new AppError(invalid);
          return key.publicKey;
        };
        const { payload } = await jwtVerify(token, keyFor, {
          issuer: QR_ISSUER,
          audience,
          algorithms: ['ES256'],
          requiredClaims: ['iat', 'exp', 'jti'],
          maxTokenAge: QR_TOKEN_TTL_SECONDS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
        return payload as JWTPayload & { exp: number; jti: string };
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw new AppError(expired);
        throw new AppError(invalid, { cause: err });
      }
    },
    /** The public keys, for tests and createTokens(); the functions publish card-public-jwks instead. */
    jwks: (): PublicJwks => ({ keys: keys.map((k) => publicJwkOf(k.publicKey)) }),
  };
}

/** Membership-card QR payloads, signed and verified with card-signing-key. */
export function createCardTokens(cardSigningKeyPem: string): CardTokens & { publicJwks(): PublicJwks } {
  const qr = qrTokens(cardSigningKeyPem, 'card-signing-key', CARD_AUDIENCE, 'CARD_TOKEN_INVALID', 'CARD_TOKEN_EXPIRED');
  return {
    signCard: (cardNumber, now = new Date()) => qr.sign({ cn: cardNumber }, null, now),
    async verifyCard(token) {
      const payload = await qr.verify(token);
      if (typeof payload.cn !== 'string') throw new AppError('CARD_TOKEN_INVALID');
      return { cardNumber: payload.cn, jti: payload.jti, expiresAt: new Date(payload.exp * 1000) };
    },
    publicJwks: qr.jwks,
  };
}

/** Coupon QR payloads, signed and verified with coupon-signing-key (never the card key). */
export function createCouponTokens(couponSigningKeyPem: string): CouponTokens {
  const qr = qrTokens(couponSigningKeyPem, 'coupon-signing-key', COUPON_AUDIENCE, 'COUPON_TOKEN_INVALID', 'COUPON_TOKEN_EXPIRED');
  return {
    signCoupon: (couponId, memberId, now = new Date()) => qr.sign({ m: memberId }, couponId, now),
    async verifyCoupon(token) {
      const payload = await qr.verify(token);
      if (typeof payload.sub !== 'string' || typeof payload.m !== 'string') throw new AppError('COUPON_TOKEN_INVALID');
      return { couponId: payload.sub, memberId: payload.m, jti: payload.jti, expiresAt: new Date(payload.exp * 1000) };
    },
  };
}

/** The published card keys, from the card-public-jwks parameter alone: no private key involved. */
export function createCardKeySet(cardPublicJwksJson: string): CardKeySet {
  const jwks = parsePublicJwks(cardPublicJwksJson);
  return { cardJwks: async () => jwks };
}

/**
 * Every kind in one object from the keys themselves (tests, scripts). Without a coupon key the
 * coupons get a key of their own made up for this object (it signs and verifies only here).
 */
export function createTokens(sessionSecretB64: string, cardSigningKeyPem: string, couponSigningKeyPem?: string): Tokens {
  const coupon = couponSigningKeyPem ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const card = createCardTokens(cardSigningKeyPem);
  const jwks = card.publicJwks();
  return {
    ...createSessionTokens(sessionSecretB64),
    signCard: card.signCard,
    verifyCard: card.verifyCard,
    ...createCouponTokens(coupon),
    cardJwks: async () => jwks,
  };
}

/**
 * Every kind in one object whose parts are built on first use (kernel/credentials.ts): a function
 * that only checks sessions reads session-secret and no other key.
 */
export function lazyTokens(parts: {
  session: () => Promise<SessionTokens>;
  card: () => Promise<CardTokens>;
  coupon: () => Promise<CouponTokens>;
  cardKeys: () => Promise<CardKeySet>;
}): Tokens {
  return {
    signSession: async (openid, now) => (await parts.session()).signSession(openid, now),
    verifySession: async (token) => (await parts.session()).verifySession(token),
    signCard: async (cardNumber, now) => (await parts.card()).signCard(cardNumber, now),
    verifyCard: async (token) => (await parts.card()).verifyCard(token),
    signCoupon: async (couponId, memberId, now) => (await parts.coupon()).signCoupon(couponId, memberId, now),
    verifyCoupon: async (token) => (await parts.coupon()).verifyCoupon(token),
    cardJwks: async () => (await parts.cardKeys()).cardJwks(),
  };
}

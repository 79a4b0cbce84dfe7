import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { parsePublicJwks, publicJwksJson } from '../../functions/kernel/jwks';
import { generateLocalSecrets } from '../../functions/kernel/secrets';
import {
  QR_TOKEN_TTL_SECONDS,
  createCardKeySet,
  createCardTokens,
  createCouponTokens,
  createSessionTokens,
  createTokens,
} from '../../functions/kernel/tokens';
import { outcomeOf } from '../support/outcome';

const secrets = generateLocalSecrets();
const tokens = createTokens(secrets.sessionSecret, secrets.cardSigningKey, secrets.couponSigningKey);
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());

/** A token signed with the real keys but shaped by the caller: what someone holding a leaked key could mint. */
async function mint(kind: 'session' | 'card', claims: Record<string, unknown>, set: (jwt: SignJWT) => SignJWT, audience = 'merchant', key = secrets.cardSigningKey) {
  const jwt = set(new SignJWT(claims));
  if (kind === 'session') {
    return jwt
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('hainan-union')
      .setAudience('hainan-union-miniprogram')
      .sign(createSecretKey(Buffer.from(secrets.sessionSecret, 'base64')));
  }
  return jwt
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer('hnu-card')
    .setAudience(audience)
    .sign(createPrivateKey(key));
}

describe('session tokens', () => {
  it('round-trips the openid and expires after two hours', async () => {
    const now = new Date();
    const { token, expiresAt } = await tokens.signSession('dev-wang', now);
    expect(await tokens.verifySession(token)).toEqual({ openid: 'dev-wang' });
    expect(expiresAt.getTime() - now.getTime()).toBeCloseTo(2 * 3600 * 1000, -4);
  });

  it('refuses expired, forged and malformed tokens', async () => {
    const old = await tokens.signSession('dev-wang', new Date(Date.now() - 3 * 3600 * 1000));
    expect(await outcomeOf(tokens.verifySession(old.token))).toBe('TOKEN_EXPIRED');
    const other = generateLocalSecrets();
    const forged = await createSessionTokens(other.sessionSecret).signSession('dev-wang');
    expect(await outcomeOf(tokens.verifySession(forged.token))).toBe('UNAUTHENTICATED');
    expect(await outcomeOf(tokens.verifySession('not.a.token'))).toBe('UNAUTHENTICATED');
    // A card token is not a session token.
    const card = await tokens.signCard('4601011000000420');
    expect(await outcomeOf(tokens.verifySession(card.token))).toBe('UNAUTHENTICATED');
  });

  it('refuses a correctly signed token without exp or iat, or older than a session lives', async () => {
    const now = Math.floor(Date.now() / 1000);
    const noExp = await mint('session', {}, (j) => j.setSubject('dev-wang').setIssuedAt(now));
    const noIat = await mint('session', {}, (j) => j.setSubject('dev-wang').setExpirationTime(now + 600));
    const tooOld = await mint('session', {}, (j) => j.setSubject('dev-wang').setIssuedAt(now - 3 * 3600).setExpirationTime(now + 600));
    const fine = await mint('session', {}, (j) => j.setSubject('dev-wang').setIssuedAt(now).setExpirationTime(now + 600));
    expect(await outcomeOf(tokens.verifySession(noExp))).toBe('UNAUTHENTICATED');
    expect(await outcomeOf(tokens.verifySession(noIat))).toBe('UNAUTHENTICATED');
    expect(await outcomeOf(tokens.verifySession(tooOld))).toMatch(/TOKEN_EXPIRED|UNAUTHENTICATED/);
    expect(await tokens.verifySession(fine)).toEqual({ openid: 'dev-wang' });
  });
});

describe('card QR tokens', () => {
  it('carry the card number and a jti but no member id, expire within a minute and verify with the public key alone', async () => {
    const now = new Date();
    const { token, expiresAt } = await tokens.signCard('4601012000000011', now);
    expect(expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(QR_TOKEN_TTL_SECONDS * 1000);
    const jwks = createLocalJWKSet((await tokens.cardJwks()) as Parameters<typeof createLocalJWKSet>[0]);
    const { payload } = await jwtVerify(token, jwks);
    expect(payload).toMatchObject({ cn: '4601012000000011' });
    expect(payload.sub).toBeUndefined();
    expect(Object.keys(payload).sort()).toEqual(['aud', 'cn', 'exp', 'iat', 'iss', 'jti']);
    const again = await tokens.signCard('4601012000000011', now);
    expect(payloadOf(again.token).jti).not.toBe(payload.jti);
    expect(await tokens.verifyCard(token)).toMatchObject({ cardNumber: '4601012000000011', jti: payload.jti });
    expect(JSON.stringify(await tokens.cardJwks())).not.toMatch(/"d"/); // no private part published
  });

  it('refuses expired, tampered, expiry-less and jti-less card tokens', async () => {
    const old = await tokens.signCard('4601011000000420', new Date(Date.now() - 70_000));
    expect(await outcomeOf(tokens.verifyCard(old.token))).toBe('CARD_TOKEN_EXPIRED');
    const fresh = await tokens.signCard('4601011000000420');
    const [h, , s] = fresh.token.split('.') as [string, string, string];
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payloadOf(fresh.token), cn: '4601011000000439' })).toString('base64url')}.${s}`;
    expect(await outcomeOf(tokens.verifyCard(tampered))).toBe('CARD_TOKEN_INVALID');
    const session = await tokens.signSession('dev-wang');
    expect(await outcomeOf(tokens.verifyCard(session.token))).toBe('CARD_TOKEN_INVALID');
    const now = Math.floor(Date.now() / 1000);
    const noExp = await mint('card', { cn: '4601011000000420' }, (j) => j.setIssuedAt(now).setJti('x'));
    const noJti = await mint('card', { cn: '4601011000000420' }, (j) => j.setIssuedAt(now).setExpirationTime(now + 60));
    const longLived = await mint('card', { cn: '4601011000000420' }, (j) =>
      j.setIssuedAt(now - 600).setExpirationTime(now + 3600).setJti('x'),
    );
    expect(await outcomeOf(tokens.verifyCard(noExp))).toBe('CARD_TOKEN_INVALID');
    expect(await outcomeOf(tokens.verifyCard(noJti))).toBe('CARD_TOKEN_INVALID');
    expect(await outcomeOf(tokens.verifyCard(longLived))).toMatch(/CARD_TOKEN_(EXPIRED|INVALID)/);
  });
});

describe('coupon QR tokens', () => {
  it('bind a coupon to its member for one minute, and are not card tokens', async () => {
    const now = new Date();
    const { token, expiresAt } = await tokens.signCoupon('C1', 'M1', now);
    expect(expiresAt.getTime() - now.getTime()).toBeGreaterThan((QR_TOKEN_TTL_SECONDS - 1) * 1000);
    expect(expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(QR_TOKEN_TTL_SECONDS * 1000);
    expect(await tokens.verifyCoupon(token)).toMatchObject({ couponId: 'C1', memberId: 'M1' });
    expect(await outcomeOf(tokens.verifyCard(token))).toBe('CARD_TOKEN_INVALID');
    const card = await tokens.signCard('4601011000000420');
    expect(await outcomeOf(tokens.verifyCoupon(card.token))).toBe('COUPON_TOKEN_INVALID');
    const old = await tokens.signCoupon('C1', 'M1', new Date(Date.now() - 70_000));
    expect(await outcomeOf(tokens.verifyCoupon(old.token))).toBe('COUPON_TOKEN_EXPIRED');
    expect(await outcomeOf(tokens.verifyCoupon('junk'))).toBe('COUPON_TOKEN_INVALID');
  });
});

describe('one key per kind of token', () => {
  it('refuses a coupon token signed with the card key, and a card token signed with the coupon key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const shaped = (j: SignJWT) => j.setIssuedAt(now).setExpirationTime(now + 60).setJti('x');
    const couponByCardKey = await mint('card', { m: 'M1' }, (j) => shaped(j).setSubject('C1'), 'redeem', secrets.cardSigningKey);
    const cardByCouponKey = await mint('card', { cn: '4601011000000420' }, shaped, 'merchant', secrets.couponSigningKey);
    expect(await outcomeOf(tokens.verifyCoupon(couponByCardKey))).toBe('COUPON_TOKEN_INVALID');
    expect(await outcomeOf(tokens.verifyCard(cardByCouponKey))).toBe('CARD_TOKEN_INVALID');
    // The same shapes with the right keys pass: only the key made the difference.
    expect(await tokens.verifyCoupon(await mint('card', { m: 'M1' }, (j) => shaped(j).setSubject('C1'), 'redeem', secrets.couponSigningKey))).toMatchObject({
      couponId: 'C1',
      memberId: 'M1',
    });
    expect(await tokens.verifyCard(await mint('card', { cn: '4601011000000420' }, shaped))).toMatchObject({ cardNumber: '4601011000000420' });
  });

  it('keeps coupon tokens out of reach of a verifier holding only the card key, and the other way round', async () => {
    const coupons = createCouponTokens(secrets.couponSigningKey);
    const cards = createCardTokens(secrets.cardSigningKey);
    const couponsWithCardKey = createCouponTokens(secrets.cardSigningKey);
    const cardsWithCouponKey = createCardTokens(secrets.couponSigningKey);
    const coupon = await coupons.signCoupon('C1', 'M1');
    const card = await cards.signCard('4601011000000420');
    expect(await outcomeOf(couponsWithCardKey.verifyCoupon(coupon.token))).toBe('COUPON_TOKEN_INVALID');
    expect(await outcomeOf(cardsWithCouponKey.verifyCard(card.token))).toBe('CARD_TOKEN_INVALID');
    // A card key does not publish the coupon key: the JWKS names the card key alone.
    const jwks = createLocalJWKSet(cards.publicJwks());
    await expect(jwtVerify(coupon.token, jwks)).rejects.toThrow();
  });

  it('signs sessions without any QR key, and QR codes without the session secret', async () => {
    const sessions = createSessionTokens(secrets.sessionSecret);
    const { token } = await sessions.signSession('dev-wang');
    expect(await tokens.verifySession(token)).toEqual({ openid: 'dev-wang' });
    const card = await createCardTokens(secrets.cardSigningKey).signCard('4601011000000420');
    expect(await outcomeOf(sessions.verifySession(card.token))).toBe('UNAUTHENTICATED');
  });
});

describe('the published card keys (card-public-jwks)', () => {
  it('are derived with the same kid as before (RFC 7638 thumbprint, 8 characters) and verify card tokens without a private key', async () => {
    const jwk = await exportJWK(createPublicKey(createPrivateKey(secrets.cardSigningKey)));
    const kid = (await calculateJwkThumbprint(jwk)).slice(0, 8);
    const published = await createCardKeySet(secrets.cardPublicJwks).cardJwks();
    expect(published).toEqual({ keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] });
    expect(published).toEqual(await tokens.cardJwks());
    expect(secrets.cardPublicJwks).not.toMatch(/"d"|PRIVATE/);
    const card = await tokens.signCard('4601012000000011');
    const { payload, protectedHeader } = await jwtVerify(card.token, createLocalJWKSet(published));
    expect(protectedHeader.kid).toBe(kid);
    expect(payload.cn).toBe('4601012000000011');
  });

  it('refuse a JWKS holding private material, another curve, or a kid that is not its key', () => {
    const { keys } = parsePublicJwks(secrets.cardPublicJwks);
    const key = keys[0] as Record<string, unknown>;
    const withD = { keys: [{ ...key, d: 'AAAA' }] };
    expect(() => createCardKeySet(JSON.stringify(withD))).toThrow(/private/);
    expect(() => createCardKeySet(JSON.stringify({ keys: [{ ...key, crv: 'P-384' }] }))).toThrow(/P-256/);
    expect(() => createCardKeySet(JSON.stringify({ keys: [{ ...key, kid: 'other' }] }))).toThrow(/kid/);
    expect(() => createCardKeySet('{"keys":[]}')).toThrow();
    expect(() => createCardKeySet('not json')).toThrow();
  });
});

describe('rotating a QR key', () => {
  it('signs with the first key of the parameter and verifies with every key it holds, by kid', async () => {
    const OLD = secrets.cardSigningKey;
    const NEW = generateLocalSecrets().cardSigningKey;
    const oldOnly = createCardTokens(OLD);
    const step1 = createCardTokens(`${OLD}\n${NEW}`); // old still signs, new already accepted
    const step2 = createCardTokens(`${NEW}\n${OLD}`); // new signs, old still accepted
    const newOnly = createCardTokens(NEW);
    const byOld = await oldOnly.signCard('4601011000000420');
    const byStep2 = await step2.signCard('4601011000000420');
    expect(await step1.verifyCard(byStep2.token)).toMatchObject({ cardNumber: '4601011000000420' });
    expect(await step2.verifyCard(byOld.token)).toMatchObject({ cardNumber: '4601011000000420' });
    expect(await newOnly.verifyCard(byStep2.token)).toMatchObject({ cardNumber: '4601011000000420' });
    expect(await outcomeOf(newOnly.verifyCard(byOld.token))).toBe('CARD_TOKEN_INVALID');
    expect(await outcomeOf(oldOnly.verifyCard(byStep2.token))).toBe('CARD_TOKEN_INVALID');
    // The published set of step 1 and 2 names both keys; a scanner with it checks either.
    const both = createCardKeySet(publicJwksJson(`${OLD}\n${NEW}`));
    const set = createLocalJWKSet(await both.cardJwks());
    for (const token of [byOld.token, byStep2.token]) expect((await jwtVerify(token, set)).payload.cn).toBe('4601011000000420');
    // Coupons rotate the same way.
    const couponOld = secrets.couponSigningKey;
    const signedOld = await createCouponTokens(couponOld).signCoupon('C1', 'M1');
    expect(await createCouponTokens(`${NEW}\n${couponOld}`).verifyCoupon(signedOld.token)).toMatchObject({ couponId: 'C1' });
  });

  it('refuses a signing-key parameter that holds no EC P-256 private key', () => {
    expect(() => createCardTokens('')).toThrow(/no PEM/);
    expect(() => createCouponTokens('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')).toThrow(/coupon-signing-key/);
  });
});

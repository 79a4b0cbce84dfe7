import { createPrivateKey, createSecretKey } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateLocalSecrets } from '../../functions/kernel/secrets';
import { QR_TOKEN_TTL_SECONDS, createTokens } from '../../functions/kernel/tokens';
import { outcomeOf } from '../support/outcome';

const secrets = generateLocalSecrets();
const tokens = createTokens(secrets.sessionSecret, secrets.cardSigningKey);
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());

/** A token signed with the real keys but shaped by the caller: what someone holding a leaked key could mint. */
async function mint(kind: 'session' | 'card', claims: Record<string, unknown>, set: (jwt: SignJWT) => SignJWT) {
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
    .setAudience('merchant')
    .sign(createPrivateKey(secrets.cardSigningKey));
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
    const forged = await createTokens(other.sessionSecret, other.cardSigningKey).signSession('dev-wang');
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

import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateLocalSecrets } from '../../functions/kernel/secrets';
import { CARD_TOKEN_TTL_SECONDS, createTokens } from '../../functions/kernel/tokens';
import { outcomeOf } from '../support/outcome';

const secrets = generateLocalSecrets();
const tokens = createTokens(secrets.sessionSecret, secrets.cardSigningKey);


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
    const card = await tokens.signCard('M1', '4601011000000420');
    expect(await outcomeOf(tokens.verifySession(card.token))).toBe('UNAUTHENTICATED');
  });
});

describe('card QR tokens', () => {
  it('expire within a minute and verify with the published public key alone', async () => {
    const now = new Date();
    const { token, expiresAt } = await tokens.signCard('M000001', '4601012000000011', now);
    expect(expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(CARD_TOKEN_TTL_SECONDS * 1000);
    const jwks = createLocalJWKSet((await tokens.cardJwks()) as Parameters<typeof createLocalJWKSet>[0]);
    const { payload } = await jwtVerify(token, jwks);
    expect(payload).toMatchObject({ sub: 'M000001', cn: '4601012000000011' });
    expect(JSON.stringify(await tokens.cardJwks())).not.toMatch(/"d"/); // no private part published
  });

  it('refuses expired and tampered card tokens', async () => {
    const old = await tokens.signCard('M1', '4601011000000420', new Date(Date.now() - 61_000));
    expect(await outcomeOf(tokens.verifyCard(old.token))).toBe('CARD_TOKEN_EXPIRED');
    const fresh = await tokens.signCard('M1', '4601011000000420');
    const [h, p, s] = fresh.token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: 'M2' })).toString('base64url')}.${s}`;
    expect(await outcomeOf(tokens.verifyCard(tampered))).toBe('CARD_TOKEN_INVALID');
    const session = await tokens.signSession('dev-wang');
    expect(await outcomeOf(tokens.verifyCard(session.token))).toBe('CARD_TOKEN_INVALID');
  });
});

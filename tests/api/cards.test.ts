import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { call, demoMember, loginAs, unique } from './client';
import { bindingOf } from '../support/binding';

describe('membership card QR', () => {
  it('is signed for under a minute, verifiable with the published key, and checked by a clerk', async () => {
    const m = demoMember(10);
    const token = await loginAs(unique('card'));
    expect((await call('GET', '/api/me/card', { token })).body.error.code).toBe('NOT_BOUND');
    await call('POST', '/api/me/binding', { token, json: bindingOf(m) });

    const card = await call('GET', '/api/me/card', { token });
    expect(card.status).toBe(200);
    const ttl = new Date(card.body.qr.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);

    // Offline check, as a merchant's scanner would do it: only the public key.
    const jwks = await call('GET', '/api/cards/jwks');
    const { payload } = await jwtVerify(card.body.qr.payload, createLocalJWKSet(jwks.body));
    expect(payload.cn).toBe(card.body.number);

    const clerk = await loginAs('clerk');
    const verified = await call('POST', '/api/cards/verify', { token: clerk, json: { payload: card.body.qr.payload } });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ valid: true, number: card.body.number });
    expect(verified.body.memberName).not.toBe(m.name);
    expect(verified.body.memberName[0]).toBe(m.name[0]);

    const asMember = await call('POST', '/api/cards/verify', { token, json: { payload: card.body.qr.payload } });
    expect([asMember.status, asMember.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const forged = await call('POST', '/api/cards/verify', { token: clerk, json: { payload: 'eyJhbGciOiJFUzI1NiJ9.e30.AAAA' } });
    expect([forged.status, forged.body.error.code]).toEqual([400, 'CARD_TOKEN_INVALID']);
  });
});

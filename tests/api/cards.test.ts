import { readFileSync } from 'node:fs';
import { createSecretKey } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { loadDemoData } from '../../scripts/lib/demo-data';
import { orgPaths } from '../../scripts/seed';
import { call, loginAs, unique } from './client';
import { bindingOf } from '../support/binding';

/** An unbound demo roster member of Haikou (org-haikou's subtree), reserved for this file. */
function haikouMember() {
  const data = loadDemoData();
  const paths = orgPaths(data.orgs);
  const bound = new Set(data.accounts.flatMap((a) => (a.memberId ? [a.memberId] : [])));
  const inHaikou = data.members.filter((m) => !bound.has(m.id) && paths.get(m.orgId)?.includes('org-haikou'));
  const member = inHaikou.at(-1);
  if (!member) throw new Error('no free Haikou member in the demo data');
  return member;
}

describe('membership card QR', () => {
  it('is signed for under a minute, names no member, verifies with the published key, and is checked by those allowed', async () => {
    const m = haikouMember();
    const token = await loginAs(unique('card'));
    expect((await call('GET', '/api/me/card', { token })).body.error.code).toBe('NOT_BOUND');
    expect((await call('POST', '/api/me/binding', { token, json: bindingOf(m) })).status).toBe(200);

    const card = await call('GET', '/api/me/card', { token });
    expect(card.status).toBe(200);
    const ttl = new Date(card.body.qr.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);

    // Offline check, as a merchant's scanner would do it: only the public key.
    const jwks = await call('GET', '/api/cards/jwks');
    const { payload } = await jwtVerify(card.body.qr.payload, createLocalJWKSet(jwks.body));
    expect(payload.cn).toBe(card.body.number);
    expect(payload.sub).toBeUndefined();
    expect(JSON.stringify(payload)).not.toContain(m.id);
    expect(typeof payload.jti).toBe('string');

    const verify = async (who: string) =>
      call('POST', '/api/cards/verify', { token: await loginAs(who), json: { payload: card.body.qr.payload } });
    const byClerk = await verify('clerk');
    expect(byClerk.status).toBe(200);
    expect(byClerk.body).toMatchObject({ valid: true, number: card.body.number });
    expect(byClerk.body.memberName).not.toBe(m.name);
    expect(byClerk.body.memberName[0]).toBe(m.name[0]);
    expect((await verify('haikou')).status).toBe(200); // official of the member's city
    expect((await verify('province')).status).toBe(200);

    for (const who of ['sanya', 'clerk-closed']) {
      const refused = await verify(who); // an official elsewhere; a clerk of a suspended merchant
      expect([refused.status, refused.body.error.code], who).toEqual([403, 'FORBIDDEN']);
    }
    const asMember = await call('POST', '/api/cards/verify', { token, json: { payload: card.body.qr.payload } });
    expect([asMember.status, asMember.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const forged = await call('POST', '/api/cards/verify', {
      token: await loginAs('clerk'),
      json: { payload: 'eyJhbGciOiJFUzI1NiJ9.e30.AAAA' },
    });
    expect([forged.status, forged.body.error.code]).toEqual([400, 'CARD_TOKEN_INVALID']);

    // The short code beneath the QR: typed with spaces, the same answer, by the same rules.
    const code = card.body.qr.code as string;
    expect(code).toMatch(/^8\d{9}$/);
    const typed = await call('POST', '/api/cards/verify', { token: await loginAs('clerk-books'), json: { payload: `${code.slice(0, 5)} ${code.slice(5)}` } });
    expect(typed.status).toBe(200);
    expect(typed.body).toEqual({ valid: true, number: card.body.number, memberName: byClerk.body.memberName, unionName: byClerk.body.unionName, expiresAt: card.body.qr.codeExpiresAt });
    const outside = await call('POST', '/api/cards/verify', { token: await loginAs('sanya'), json: { payload: code } });
    expect([outside.status, outside.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const mistyped = await call('POST', '/api/cards/verify', { token: await loginAs('clerk-books'), json: { payload: `${code.slice(0, 9)}${(Number(code[9]) + 1) % 10}` } });
    expect([mistyped.status, mistyped.body.error.code]).toEqual([400, 'CARD_CODE_NOT_FOUND']);
    expect(mistyped.body.error.message).toMatch(/^数字码不正确/);
  });
});

describe('session tokens', () => {
  it('are refused without an expiry or issue time even when correctly signed', async () => {
    const secrets = JSON.parse(readFileSync(inject('secretsFile'), 'utf8')) as { sessionSecret: string };
    const key = createSecretKey(Buffer.from(secrets.sessionSecret, 'base64'));
    const sign = (jwt: SignJWT) =>
      jwt.setProtectedHeader({ alg: 'HS256' }).setSubject('dev-admin').setIssuer('hainan-union').setAudience('hainan-union-miniprogram').sign(key);
    const now = Math.floor(Date.now() / 1000);
    const forever = await sign(new SignJWT({}).setIssuedAt(now));
    const undated = await sign(new SignJWT({}).setExpirationTime(now + 600));
    const proper = await sign(new SignJWT({}).setIssuedAt(now).setExpirationTime(now + 600));
    for (const token of [forever, undated]) {
      const answer = await call('GET', '/api/me', { token });
      expect([answer.status, answer.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect((await call('GET', '/api/me', { token: proper })).status).toBe(200);
  });
});

import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicJwksJson } from '../../functions/kernel/jwks';
import { generateLocalSecrets, SECRET_KEYS, type Secrets } from '../../functions/kernel/secrets';
import { createCardKeySet, createCardTokens, createCouponTokens } from '../../functions/kernel/tokens';
import { ensureSecretsFile } from '../../scripts/lib/secrets-file';

const dir = mkdtempSync(join(tmpdir(), 'secrets-file-'));
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Secrets;

describe('the local secrets file', () => {
  it('is created once with every parameter: its own coupon key, and the card JWKS derived from the card key', async () => {
    const file = join(dir, 'new', 'secrets.json');
    expect(ensureSecretsFile(file)).toBe(true);
    const s = read(file);
    expect(Object.keys(s).sort()).toEqual([...SECRET_KEYS].sort());
    expect(s.couponSigningKey).not.toBe(s.cardSigningKey);
    expect(s.cardPublicJwks).toBe(publicJwksJson(s.cardSigningKey));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const card = await createCardTokens(s.cardSigningKey).signCard('4601011000000420');
    expect((await createCardKeySet(s.cardPublicJwks).cardJwks()).keys[0]?.kid).toBe(JSON.parse(Buffer.from(card.token.split('.')[0] as string, 'base64url').toString()).kid);
    expect(ensureSecretsFile(file)).toBe(false);
    expect(read(file)).toEqual(s);
  });

  it('written by an older version (no coupon key, no JWKS) is upgraded in place, keeping every key it held', async () => {
    const { couponSigningKey: _c, cardPublicJwks: _j, ...old } = generateLocalSecrets();
    const file = join(dir, 'old.json');
    writeFileSync(file, JSON.stringify(old, null, 2), { mode: 0o600 });
    expect(ensureSecretsFile(file)).toBe(false);
    const upgraded = read(file);
    expect(upgraded).toMatchObject(old);
    expect(typeof upgraded.couponSigningKey).toBe('string');
    expect(upgraded.cardPublicJwks).toBe(publicJwksJson(old.cardSigningKey));
    const coupon = await createCouponTokens(upgraded.couponSigningKey).signCoupon('C1', 'M1');
    expect(await createCouponTokens(upgraded.couponSigningKey).verifyCoupon(coupon.token)).toMatchObject({ couponId: 'C1' });
    // Nothing more to add: a second start leaves it as it is.
    const before = readFileSync(file, 'utf8');
    ensureSecretsFile(file);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('derives the card JWKS again when the card key in the file was replaced', () => {
    const s = generateLocalSecrets();
    const file = join(dir, 'replaced.json');
    const other = generateLocalSecrets().cardSigningKey;
    writeFileSync(file, JSON.stringify({ ...s, cardSigningKey: other }));
    ensureSecretsFile(file);
    expect(read(file).cardPublicJwks).toBe(publicJwksJson(other));
    expect(read(file).couponSigningKey).toBe(s.couponSigningKey);
  });
});

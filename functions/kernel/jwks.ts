import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The ES256 keys of the QR tokens (kernel/tokens.ts) and their published form, a JWKS. Synchronous
 * (node:crypto only), so that generateLocalSecrets() can derive `cardPublicJwks` from the card key.
 */

/** One public key as published at GET /api/cards/jwks. */
export type PublicJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid: string; alg: 'ES256'; use: 'sig' };
export type PublicJwks = { keys: PublicJwk[] };

export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFormatError';
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;

/**
 * The private keys of a signing-key parameter (card-signing-key, coupon-signing-key): one or more
 * PEM blocks (PKCS#8, EC P-256). The first signs; every one of them is accepted when verifying, so a
 * key can be rotated without refusing the codes signed a moment before by a container that still
 * holds the old one (see tokens.ts › rotation).
 */
export function privateKeysOf(pemText: string, what: string): KeyObject[] {
  const blocks = pemText.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new KeyFormatError(`${what}: no PEM private key`);
  return blocks.map((pem) => {
    let key: KeyObject;
    try {
      key = createPrivateKey(pem);
    } catch {
      throw new KeyFormatError(`${what}: a PEM block is not a private key`);
    }
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new KeyFormatError(`${what}: keys must be EC P-256 (ES256)`);
    }
    return key;
  });
}

/** The key id: the first 8 characters of the RFC 7638 SHA-256 thumbprint of the public key (as jose computes it). */
export function kidOf(jwk: { crv: string; kty: string; x: string; y: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical, 'utf8').digest('base64url').slice(0, 8);
}

/** A public key (or the public half of a private key) as a published JWK. */
export function publicJwkOf(key: KeyObject): PublicJwk {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const { crv, x, y } = pub.export({ format: 'jwk' });
  if (crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string') throw new KeyFormatError('keys must be EC P-256 (ES256)');
  return { kty: 'EC', crv, x, y, kid: kidOf({ crv, kty: 'EC', x, y }), alg: 'ES256', use: 'sig' };
}

/**
 * The JWKS of a signing-key parameter's keys (card-signing-key → card-public-jwks), as JSON. Locally
 * generateLocalSecrets() writes it; in AWS the operator stores it (README › key rotation):
 *   npx tsx -e "import('./functions/kernel/jwks.ts').then((m) => console.log(m.publicJwksJson(require('node:fs').readFileSync('card.pem', 'utf8'))))"
 */
export function publicJwksJson(pemText: string): string {
  return JSON.stringify({ keys: privateKeysOf(pemText, 'card-signing-key').map(publicJwkOf) } satisfies PublicJwks);
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Reads a published JWKS (the card-public-jwks parameter): EC P-256 public keys only. A key with
 * private material (`d`) or of another type refuses the whole set rather than publish it.
 */
export function parsePublicJwks(json: string, what = 'card-public-jwks'): PublicJwks {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new KeyFormatError(`${what} is not JSON`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new KeyFormatError(`${what} must be a JWKS with at least one key`);
  return {
    keys: keys.map((k: Record<string, unknown>) => {
      if (typeof k !== 'object' || k === null) throw new KeyFormatError(`${what}: a key is not an object`);
      if ('d' in k) throw new KeyFormatError(`${what} holds a private key: refused`);
      const { kty, crv, x, y } = k;
      if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string' || !B64URL.test(x) || !B64URL.test(y)) {
        throw new KeyFormatError(`${what}: keys must be EC P-256 public keys`);
      }
      const kid = kidOf({ crv, kty, x, y });
      if (k.kid !== undefined && k.kid !== kid) throw new KeyFormatError(`${what}: kid ${String(k.kid)} does not match its key (${kid})`);
      return { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' } satisfies PublicJwk;
    }),
  };
}

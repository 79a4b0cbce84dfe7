import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * ID numbers at rest: AES-256-GCM ciphertext plus a keyed HMAC-SHA256 for look-up, so the roster can
 * be searched by ID number without storing it in clear.
 *
 * The ciphertext is `<keyId>.<iv>.<tag>.<data>` (base64url parts). `keyId` names the key that
 * encrypted it (a fingerprint of the key, never the key), so that keys can rotate: new ciphertexts use
 * the current key, old ones decrypt with a previous key until scripts/reencrypt-ids.ts has moved them.
 * The member id is the AES-GCM associated data: a ciphertext copied onto another member's item does
 * not decrypt there.
 */
export interface IdCrypto {
  hash(idNumber: string): string;
  encrypt(idNumber: string, memberId: string): string;
  decrypt(cipher: string, memberId: string): string;
  /** The key id a ciphertext names. */
  keyIdOf(cipher: string): string;
  /** The key id new ciphertexts are written with. */
  readonly currentKeyId: string;
  /** Whether a key of this id is configured (current or previous). */
  knowsKey(keyId: string): boolean;
}

/** `k` + 10 base64url characters of SHA-256 over the key: names a key without revealing it. */
export function keyIdOf(keyB64: string): string {
  return `k${createHash('sha256').update(Buffer.from(keyB64, 'base64')).digest('base64url').slice(0, 10)}`;
}

export function createIdCrypto(options: {
  /** base64 of the 32-byte key new ciphertexts use. */
  encryptionKey: string;
  /** Keys of earlier rotations, still accepted for decryption. */
  previousEncryptionKeys?: string[];
  hashKey: string;
}): IdCrypto {
  const keys = new Map<string, Buffer>();
  for (const key of [options.encryptionKey, ...(options.previousEncryptionKeys ?? [])]) {
    keys.set(keyIdOf(key), Buffer.from(key, 'base64'));
  }
  const currentKeyId = keyIdOf(options.encryptionKey);
  const currentKey = keys.get(currentKeyId) as Buffer;
  const hashKey = Buffer.from(options.hashKey, 'base64');
  const parts = (text: string) => {
    const [keyId, iv, tag, data, ...rest] = text.split('.');
    if (!keyId || !iv || !tag || !data || rest.length > 0) throw new Error('unknown ID cipher format');
    return { keyId, iv, tag, data };
  };
  return {
    currentKeyId,
    hash: (id) => createHmac('sha256', hashKey).update(id.toUpperCase(), 'utf8').digest('base64url'),
    encrypt(id, memberId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(memberId, 'utf8'));
      const data = Buffer.concat([cipher.update(id.toUpperCase(), 'utf8'), cipher.final()]);
      return [currentKeyId, ...[iv, cipher.getAuthTag(), data].map((p) => p.toString('base64url'))].join('.');
    },
    decrypt(text, memberId) {
      const { keyId, iv, tag, data } = parts(text);
      const key = keys.get(keyId);
      if (!key) throw new Error(`ID cipher names key ${keyId}, which is not configured`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(memberId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
    keyIdOf: (text) => parts(text).keyId,
    knowsKey: (keyId) => keys.has(keyId),
  };
}

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * ID numbers at rest: AES-256-GCM ciphertext (`v1.<iv>.<tag>.<data>`, base64url parts) plus a keyed
 * HMAC-SHA256 for look-up, so the roster can be searched by ID number without storing it in clear.
 */
export interface IdCrypto {
  hash(idNumber: string): string;
  encrypt(idNumber: string): string;
  decrypt(cipher: string): string;
}

export function createIdCrypto(encryptionKeyB64: string, hashKeyB64: string): IdCrypto {
  const encKey = Buffer.from(encryptionKeyB64, 'base64');
  const hashKey = Buffer.from(hashKeyB64, 'base64');
  return {
    hash: (id) => createHmac('sha256', hashKey).update(id.toUpperCase(), 'utf8').digest('base64url'),
    encrypt(id) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const data = Buffer.concat([cipher.update(id.toUpperCase(), 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    decrypt(text) {
      const [version, iv, tag, data] = text.split('.');
      if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown ID cipher format');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

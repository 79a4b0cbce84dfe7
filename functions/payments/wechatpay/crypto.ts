import { createCipheriv, createDecipheriv, createPublicKey, createSign, createVerify, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';

/**
 * The four primitives of WeChat Pay API v3 (../shared/STACK.md › WeChat Pay), over node:crypto only.
 * The client (client.ts), the notification check (notifications.ts) and the local fake
 * (scripts/lib/wechatpay-fake.ts) all use these, and tests/unit/wechatpay-crypto.test.ts checks them
 * against vectors computed with `openssl`.
 */

/** The five lines a request is signed over: method, path with query, timestamp, nonce, body (each + `\n`). */
export function requestMessage(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** The three lines an answer or a notification is signed over: timestamp, nonce, body (each + `\n`). */
export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** `wx.requestPayment`'s paySign message: appId, timeStamp, nonceStr, package (signType is not signed). */
export function payMessage(appId: string, timeStamp: string, nonceStr: string, prepayPackage: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${prepayPackage}\n`;
}

/** base64 of SHA256withRSA (PKCS#1 v1.5) over `message` with a PEM private key. */
export function rsaSign(privateKeyPem: string | KeyObject, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKeyPem, 'base64');
}

/** Whether `signatureB64` is SHA256withRSA over `message` by `publicKey`; false for anything malformed. */
export function rsaVerify(publicKey: KeyObject, message: string, signatureB64: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureB64)) return false;
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

/** A public key from a PEM public key or certificate; with a certificate, also its serial (upper-case hex). */
export function publicKeyOf(pem: string): { key: KeyObject; serial: string | null } {
  if (pem.includes('BEGIN CERTIFICATE')) {
    const cert = new X509Certificate(pem);
    return { key: cert.publicKey, serial: cert.serialNumber.toUpperCase() };
  }
  return { key: createPublicKey(pem), serial: null };
}

/** The `resource` of a notification (and its encryption by the fake). */
export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
  original_type: string;
}

/**
 * Decrypts a notification's resource: AES-256-GCM, key = the 32-byte APIv3 key, nonce = `nonce` (12
 * bytes), AAD = `associated_data`, the last 16 bytes of the ciphertext are the tag. Throws when the
 * tag does not hold (tampered, or another key).
 */
export function decryptResource(apiV3Key: string, resource: Pick<EncryptedResource, 'ciphertext' | 'associated_data' | 'nonce'>): string {
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new RangeError('the APIv3 key is 32 bytes');
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 17) throw new RangeError('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

/** The encryption WeChat Pay does (for the fake and tests): ciphertext ‖ tag, base64. */
export function encryptResource(apiV3Key: string, plaintext: string, associatedData: string, nonce: string): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return body.toString('base64');
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random nonce of `length` letters and digits (nonce_str ≤ 32; a resource nonce is 12). */
export function randomNonce(length = 32): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += NONCE_ALPHABET[b % NONCE_ALPHABET.length];
  return out;
}

/** The Authorization header of a merchant request. */
export function authorizationHeader(a: { mchid: string; serial: string; nonce: string; timestamp: string; signature: string }): string {
  return `WECHATPAY2-SHA256-RSA2048 mchid="${a.mchid}",nonce_str="${a.nonce}",signature="${a.signature}",timestamp="${a.timestamp}",serial_no="${a.serial}"`;
}

/** The fields of an Authorization header (the fake checks requests with it); null when it is not one. */
export function parseAuthorization(value: string | undefined): Record<'mchid' | 'nonce_str' | 'signature' | 'timestamp' | 'serial_no', string> | null {
  const match = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(value ?? '');
  if (!match) return null;
  const fields: Record<string, string> = {};
  for (const part of (match[1] as string).matchAll(/(\w+)="([^"]*)"/g)) fields[part[1] as string] = part[2] as string;
  for (const name of ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no']) if (!fields[name]) return null;
  return fields as Record<'mchid' | 'nonce_str' | 'signature' | 'timestamp' | 'serial_no', string>;
}

import { generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * The secrets the functions need. In AWS they are SecureString parameters under SECRETS_SSM_PATH
 * (names: id-encryption-key, id-encryption-previous-keys (optional), id-hash-key, session-secret,
 * card-signing-key, wechat-app-secret);
 * on a laptop and in tests they sit in the JSON file named by LOCAL_SECRETS_FILE.
 */
export interface Secrets {
  /** base64 of 32 random bytes: AES-256-GCM key new ID ciphertexts are written with. */
  idEncryptionKey: string;
  /**
   * Comma-separated base64 keys of earlier rotations, still accepted for decryption until
   * `npm run roster:reencrypt` has moved every ciphertext to the current key (empty when none).
   */
  idEncryptionPreviousKeys: string;
  /** base64 of 32 random bytes: HMAC-SHA256 key for the ID-number look-up hash. */
  idHashKey: string;
  /** base64 of 32 random bytes: HS256 key for session tokens. */
  sessionSecret: string;
  /** PKCS#8 PEM of an EC P-256 private key: signs membership-card QR payloads (ES256). */
  cardSigningKey: string;
  /** WeChat mini-program AppSecret for code2Session (empty where the dev adapter is used). */
  wechatAppSecret: string;
}

/** Secrets that may be absent (read as ''). */
export const OPTIONAL_SECRETS: ReadonlySet<keyof Secrets> = new Set(['idEncryptionPreviousKeys']);

export const SECRET_PARAMETER_NAMES: Record<keyof Secrets, string> = {
  idEncryptionKey: 'id-encryption-key',
  idEncryptionPreviousKeys: 'id-encryption-previous-keys',
  idHashKey: 'id-hash-key',
  sessionSecret: 'session-secret',
  cardSigningKey: 'card-signing-key',
  wechatAppSecret: 'wechat-app-secret',
};

/** Fresh random secrets for a local stack or a test run. */
export function generateLocalSecrets(): Secrets {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    idEncryptionKey: randomBytes(32).toString('base64'),
    idEncryptionPreviousKeys: '',
    idHashKey: randomBytes(32).toString('base64'),
    sessionSecret: randomBytes(32).toString('base64'),
    cardSigningKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    wechatAppSecret: '',
  };
}

/** The previous ID encryption keys as a list. */
export function previousIdKeys(s: Pick<Secrets, 'idEncryptionPreviousKeys'>): string[] {
  return s.idEncryptionPreviousKeys
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
}

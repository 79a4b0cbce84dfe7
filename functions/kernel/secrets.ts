import { generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * The secrets the functions need. In AWS they are SecureString parameters under SECRETS_SSM_PATH
 * (names: id-encryption-key, id-hash-key, session-secret, card-signing-key, wechat-app-secret);
 * on a laptop and in tests they sit in the JSON file named by LOCAL_SECRETS_FILE.
 */
export interface Secrets {
  /** base64 of 32 random bytes: AES-256-GCM key for ID numbers at rest. */
  idEncryptionKey: string;
  /** base64 of 32 random bytes: HMAC-SHA256 key for the ID-number look-up hash. */
  idHashKey: string;
  /** base64 of 32 random bytes: HS256 key for session tokens. */
  sessionSecret: string;
  /** PKCS#8 PEM of an EC P-256 private key: signs membership-card QR payloads (ES256). */
  cardSigningKey: string;
  /** WeChat mini-program AppSecret for code2Session (empty where the dev adapter is used). */
  wechatAppSecret: string;
}

export const SECRET_PARAMETER_NAMES: Record<keyof Secrets, string> = {
  idEncryptionKey: 'id-encryption-key',
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
    idHashKey: randomBytes(32).toString('base64'),
    sessionSecret: randomBytes(32).toString('base64'),
    cardSigningKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    wechatAppSecret: '',
  };
}

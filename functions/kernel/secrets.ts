import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { publicJwksJson } from './jwks';

/**
 * The parameters the functions read at run time, one SSM parameter each under SECRETS_SSM_PATH
 * (names in SECRET_PARAMETER_NAMES). All are SecureString but `card-public-jwks`, a String: it holds
 * public keys only. Each function reads only those its SECRET_NAMES lists (kernel/config.ts), and
 * its IAM role may read only those (ssm:GetParameters on exactly their ARNs). On a laptop and in
 * tests they sit in the JSON file named by LOCAL_SECRETS_FILE, under the property names below.
 */
export interface Secrets {
  /** base64 of 32 random bytes: AES-256-GCM key new ID ciphertexts are written with. */
  idEncryptionKey: string;
  /**
   * Comma-separated base64 keys of earlier rotations, still accepted for decryption until
   * `npm run roster:reencrypt` has moved every ciphertext to the current key (empty when none).
   * Granted together with idEncryptionKey.
   */
  idEncryptionPreviousKeys: string;
  /** base64 of 32 random bytes: HMAC-SHA256 key for the ID-number look-up hash. */
  idHashKey: string;
  /** base64 of 32 random bytes: HS256 key for session tokens. */
  sessionSecret: string;
  /**
   * PKCS#8 PEM of an EC P-256 private key: signs membership-card QR payloads (ES256). May hold
   * several PEM keys while rotating: the first signs, all verify (kernel/tokens.ts).
   */
  cardSigningKey: string;
  /** PKCS#8 PEM of an EC P-256 private key: signs coupon QR payloads (ES256); rotates like the card key. */
  couponSigningKey: string;
  /** WeChat mini-program AppSecret for code2Session (empty where the dev adapter is used). */
  wechatAppSecret: string;
  /**
   * Not a secret: the JWKS (JSON) of the card key(s)' public halves, published at GET
   * /api/cards/jwks — so that function holds no private key. Derived from cardSigningKey
   * (kernel/jwks.ts › publicJwksJson).
   */
  cardPublicJwks: string;
  /**
   * WeChat Pay (functions/payments): PKCS#8 PEM of the merchant's API private key (apiclient_key.pem),
   * which signs every request and paySign.
   */
  wechatpayMerchantKey: string;
  /** The merchant's APIv3 key: 32 characters, the AES-256-GCM key of notifications' resources. */
  wechatpayApiV3Key: string;
  /** Not secret: the WeChat Pay public key (PEM) that signs answers and notifications (its id is WECHATPAY_PUBLIC_KEY_ID). */
  wechatpayPublicKey: string;
  /**
   * Not secret, optional: the WeChat Pay platform certificate (PEM) still signing some notifications
   * during a switch to the public key (up to 7 days); empty otherwise. Its serial is read from it.
   */
  wechatpayPlatformCertificate: string;
}

export type SecretKey = keyof Secrets;

/** Parameters that may be absent (read as ''). */
export const OPTIONAL_SECRETS: ReadonlySet<SecretKey> = new Set(['idEncryptionPreviousKeys', 'wechatpayPlatformCertificate']);

/** Parameters that are public (SSM String, no decryption). */
export const PUBLIC_PARAMETERS: ReadonlySet<SecretKey> = new Set(['cardPublicJwks', 'wechatpayPublicKey', 'wechatpayPlatformCertificate']);

export const SECRET_PARAMETER_NAMES = {
  idEncryptionKey: 'id-encryption-key',
  idEncryptionPreviousKeys: 'id-encryption-previous-keys',
  idHashKey: 'id-hash-key',
  sessionSecret: 'session-secret',
  cardSigningKey: 'card-signing-key',
  couponSigningKey: 'coupon-signing-key',
  wechatAppSecret: 'wechat-app-secret',
  cardPublicJwks: 'card-public-jwks',
  wechatpayMerchantKey: 'wechatpay-merchant-key',
  wechatpayApiV3Key: 'wechatpay-api-v3-key',
  wechatpayPublicKey: 'wechatpay-public-key',
  wechatpayPlatformCertificate: 'wechatpay-platform-certificate',
} as const satisfies Record<SecretKey, string>;

/** A parameter's name in SSM and in SECRET_NAMES, e.g. `session-secret`. */
export type SecretParameterName = (typeof SECRET_PARAMETER_NAMES)[SecretKey];

export const SECRET_KEYS = Object.keys(SECRET_PARAMETER_NAMES) as SecretKey[];

/** The property of a parameter name (`session-secret` → sessionSecret); undefined for an unknown name. */
export function secretKeyOf(name: string): SecretKey | undefined {
  return SECRET_KEYS.find((key) => SECRET_PARAMETER_NAMES[key] === name);
}

const newEcKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** Fresh random secrets for a local stack or a test run. */
export function generateLocalSecrets(): Secrets {
  const cardSigningKey = newEcKey();
  return {
    idEncryptionKey: randomBytes(32).toString('base64'),
    idEncryptionPreviousKeys: '',
    idHashKey: randomBytes(32).toString('base64'),
    sessionSecret: randomBytes(32).toString('base64'),
    cardSigningKey,
    couponSigningKey: newEcKey(),
    wechatAppSecret: '',
    cardPublicJwks: publicJwksJson(cardSigningKey),
    // A local merchant: its key and APIv3 key; the WeChat Pay public key is the local fake's
    // (scripts/lib/wechatpay-local.ts writes it here when the fake starts).
    wechatpayMerchantKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    wechatpayApiV3Key: randomBytes(24).toString('base64url').slice(0, 32),
    wechatpayPublicKey: '',
    wechatpayPlatformCertificate: '',
  };
}

/**
 * A local secrets file written by an older version, brought up to date: keys it lacks are added
 * (coupon-signing-key appeared with the split of the QR keys) and the card JWKS is derived from its
 * card key again. Keys it holds are kept: the local database's ID numbers are encrypted with them.
 * `added` names what changed (empty: nothing to write).
 */
export function upgradeLocalSecrets(existing: Partial<Record<SecretKey, unknown>>): { secrets: Secrets; added: SecretKey[] } {
  const fresh = generateLocalSecrets();
  const secrets = { ...existing } as Record<SecretKey, unknown>;
  const added: SecretKey[] = [];
  for (const key of SECRET_KEYS) {
    if (key === 'cardPublicJwks' || typeof secrets[key] === 'string') continue;
    secrets[key] = fresh[key];
    added.push(key);
  }
  const jwks = publicJwksJson(secrets.cardSigningKey as string);
  if (secrets.cardPublicJwks !== jwks) {
    secrets.cardPublicJwks = jwks;
    added.push('cardPublicJwks');
  }
  return { secrets: secrets as unknown as Secrets, added };
}

/** The previous ID encryption keys as a list. */
export function previousIdKeys(s: Pick<Secrets, 'idEncryptionPreviousKeys'>): string[] {
  return s.idEncryptionPreviousKeys
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
}

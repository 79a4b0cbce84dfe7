import { ConfigError, secretGranted, secretsOf } from './config';
import { createIdCrypto, type IdCrypto } from './id-crypto';
import { previousIdKeys, SECRET_PARAMETER_NAMES, type SecretKey } from './secrets';
import {
  createCardKeySet,
  createCardTokens,
  createCouponTokens,
  createSessionTokens,
  lazyTokens,
  type CardKeySet,
  type CardTokens,
  type CouponTokens,
  type SessionTokens,
  type Tokens,
} from './tokens';

/**
 * What the functions' secrets become, each built on first use from only the parameters it needs and
 * kept for the container's life (built again after a failure). A function's SECRET_NAMES must list
 * the parameters of what its code uses (kernel/config.ts); anything else fails loudly.
 *   sessionTokens()        session-secret
 *   cardTokens()           card-signing-key
 *   couponTokens()         coupon-signing-key
 *   cardKeySet()           card-public-jwks (public keys; no secret)
 *   wechatAppSecret()      wechat-app-secret
 *   productionIdCrypto()   id-hash-key and/or id-encryption-key + id-encryption-previous-keys
 */

/** A value built once per container on first call; a failed build is tried again on the next call. */
export function once<T>(build: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => {
    if (!promise) {
      const p = build();
      promise = p;
      p.catch(() => {
        if (promise === p) promise = undefined;
      });
    }
    return promise;
  };
}

export const sessionTokens = /* @__PURE__ */ once<SessionTokens>(async () => createSessionTokens((await secretsOf('sessionSecret')).sessionSecret));
export const cardTokens = /* @__PURE__ */ once<CardTokens>(async () => createCardTokens((await secretsOf('cardSigningKey')).cardSigningKey));
export const couponTokens = /* @__PURE__ */ once<CouponTokens>(async () => createCouponTokens((await secretsOf('couponSigningKey')).couponSigningKey));
export const cardKeySet = /* @__PURE__ */ once<CardKeySet>(async () => createCardKeySet((await secretsOf('cardPublicJwks')).cardPublicJwks));

// Annotated pure, as the `once` values above: a bundle keeps only the kinds its function uses.
const onDemand = /* @__PURE__ */ lazyTokens({ session: sessionTokens, card: cardTokens, coupon: couponTokens, cardKeys: cardKeySet });

/**
 * Every kind of token behind the use cases' `Tokens` port, each kind reading its key when first
 * used: checking a session reads session-secret only; signing a card QR, card-signing-key too.
 */
export function tokensOnDemand(): Tokens {
  return onDemand;
}

/**
 * The session kind alone, for functions that check sessions and sign no QR code: their bundles
 * carry none of the card and coupon tokens' code (applicationsCreate: ≈ 5 KB).
 */
export function sessionTokensOnDemand(): Pick<Tokens, 'signSession' | 'verifySession'> {
  return {
    signSession: async (openid, now) => (await sessionTokens()).signSession(openid, now),
    verifySession: async (token) => (await sessionTokens()).verifySession(token),
  };
}

export async function wechatAppSecret(): Promise<string> {
  return (await secretsOf('wechatAppSecret')).wechatAppSecret;
}

const refuse = (key: SecretKey) => (): never => {
  throw new ConfigError(`secret ${SECRET_PARAMETER_NAMES[key]} is not granted to this function: add it to its SECRET_NAMES and IAM role (serverless.yml)`);
};

/**
 * The ID-number crypto with the keys this function is granted. Its calls are synchronous, so the
 * keys are read when it is built, and only those granted: `hash` needs id-hash-key; `encrypt`,
 * `decrypt`, `keyIdOf`, `currentKeyId` and `knowsKey` need id-encryption-key (granted with
 * id-encryption-previous-keys). A call whose key is not granted throws a ConfigError naming it.
 * A function granted neither reads nothing here.
 */
export const productionIdCrypto = once<IdCrypto>(async () => {
  const withHash = secretGranted('idHashKey');
  const withCipher = secretGranted('idEncryptionKey');
  const s = await secretsOf(...(withHash ? (['idHashKey'] as const) : []), ...(withCipher ? (['idEncryptionKey', 'idEncryptionPreviousKeys'] as const) : []));
  const hashKey = 'idHashKey' in s ? s.idHashKey : undefined;
  const encryptionKey = 'idEncryptionKey' in s ? s.idEncryptionKey : undefined;
  const previous = 'idEncryptionPreviousKeys' in s ? previousIdKeys({ idEncryptionPreviousKeys: s.idEncryptionPreviousKeys }) : [];
  if (hashKey !== undefined && encryptionKey !== undefined) return createIdCrypto({ encryptionKey, previousEncryptionKeys: previous, hashKey });
  // One half only: the other half of this instance is never exposed (its key stands in).
  const hashing = hashKey !== undefined ? createIdCrypto({ encryptionKey: hashKey, hashKey }) : null;
  const cipher = encryptionKey !== undefined ? createIdCrypto({ encryptionKey, previousEncryptionKeys: previous, hashKey: encryptionKey }) : null;
  const noCipher = refuse('idEncryptionKey');
  return {
    hash: hashing ? hashing.hash : refuse('idHashKey'),
    encrypt: cipher ? cipher.encrypt : noCipher,
    decrypt: cipher ? cipher.decrypt : noCipher,
    keyIdOf: cipher ? cipher.keyIdOf : noCipher,
    knowsKey: cipher ? cipher.knowsKey : noCipher,
    get currentKeyId() {
      return cipher ? cipher.currentKeyId : noCipher();
    },
  };
});

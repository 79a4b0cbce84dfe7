import type { KeyObject } from 'node:crypto';
import { responseMessage, rsaVerify } from './crypto';

/**
 * The keys WeChat Pay signs with, by the serial its `Wechatpay-Serial` header names: the WeChat Pay
 * public key (`PUB_KEY_ID_…`, every merchant since 2024) and, during a switch from the platform
 * certificate (up to 7 days of mixed notifications), the certificate's key under its serial.
 */
export type VerifyKeys = ReadonlyMap<string, KeyObject>;

/** Allowed distance between a signed timestamp and our clock (the maintained SDKs use 300 s). */
export const MAX_CLOCK_OFFSET_SECONDS = 300;

export type SignatureRefusal = 'missing' | 'probe' | 'unknown_serial' | 'stale' | 'bad_signature';

/** The four headers of a signed answer or notification (lower-case names, as API Gateway passes them). */
export interface SignedHeaders {
  serial?: string;
  signature?: string;
  timestamp?: string;
  nonce?: string;
}

/** The signed headers from a header map, whatever the case of its names. */
export function signedHeaders(headers: Record<string, string | undefined> | Headers): SignedHeaders {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
    return undefined;
  };
  return {
    serial: get('wechatpay-serial'),
    signature: get('wechatpay-signature'),
    timestamp: get('wechatpay-timestamp'),
    nonce: get('wechatpay-nonce'),
  };
}

/**
 * Whether `rawBody` (exactly as received: never re-serialised) is signed by WeChat Pay: a probe
 * (signature starting `WECHATPAY/SIGNTEST/`) is refused before anything else, then the serial must
 * name a key we hold, the timestamp be within 5 minutes of `nowSeconds`, and the RSA signature over
 * `timestamp\nnonce\nbody\n` hold. null when it does.
 */
export function checkSignature(h: SignedHeaders, rawBody: string, keys: VerifyKeys, nowSeconds: number): SignatureRefusal | null {
  if (!h.serial || !h.signature || !h.timestamp || !h.nonce) return 'missing';
  if (h.signature.startsWith('WECHATPAY/SIGNTEST/')) return 'probe';
  const key = keys.get(h.serial);
  if (!key) return 'unknown_serial';
  if (!/^\d{1,12}$/.test(h.timestamp) || Math.abs(nowSeconds - Number(h.timestamp)) > MAX_CLOCK_OFFSET_SECONDS) return 'stale';
  return rsaVerify(key, responseMessage(h.timestamp, h.nonce, rawBody), h.signature) ? null : 'bad_signature';
}

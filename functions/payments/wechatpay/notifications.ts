import type { WechatRefund, WechatTransaction } from './client';
import { decryptResource, type EncryptedResource } from './crypto';
import { checkSignature, type SignatureRefusal, type SignedHeaders, type VerifyKeys } from './verify';

/** A notification WeChat Pay sent, verified and decrypted. */
export type WechatNotification =
  | { kind: 'transaction'; id: string; eventType: string; transaction: WechatTransaction }
  | { kind: 'refund'; id: string; eventType: 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED'; refund: WechatRefund };

export type NotificationRefusal = SignatureRefusal | 'malformed' | 'undecryptable';

interface Envelope {
  id?: unknown;
  event_type?: unknown;
  resource_type?: unknown;
  resource?: Partial<EncryptedResource>;
}

/**
 * Reads a payment or refund notification: the signature over the raw body first (a probe, an unknown
 * serial, a stale timestamp or a bad signature is refused before the body is even parsed), then the
 * envelope, then AES-256-GCM decryption of its resource with the APIv3 key.
 */
export function readNotification(
  headers: SignedHeaders,
  rawBody: string,
  keys: VerifyKeys,
  apiV3Key: string,
  nowSeconds: number,
): WechatNotification | { refused: NotificationRefusal } {
  const refused = checkSignature(headers, rawBody, keys, nowSeconds);
  if (refused) return { refused };
  let envelope: Envelope;
  try {
    envelope = JSON.parse(rawBody) as Envelope;
  } catch {
    return { refused: 'malformed' };
  }
  const r = envelope.resource;
  if (typeof envelope.id !== 'string' || typeof envelope.event_type !== 'string' || !r || typeof r.ciphertext !== 'string' || typeof r.nonce !== 'string') {
    return { refused: 'malformed' };
  }
  let plain: unknown;
  try {
    plain = JSON.parse(decryptResource(apiV3Key, { ciphertext: r.ciphertext, nonce: r.nonce, associated_data: typeof r.associated_data === 'string' ? r.associated_data : '' }));
  } catch {
    return { refused: 'undecryptable' };
  }
  if (!plain || typeof plain !== 'object') return { refused: 'malformed' };
  if (envelope.event_type === 'REFUND.SUCCESS' || envelope.event_type === 'REFUND.ABNORMAL' || envelope.event_type === 'REFUND.CLOSED') {
    return { kind: 'refund', id: envelope.id, eventType: envelope.event_type, refund: plain as WechatRefund };
  }
  if (envelope.event_type.startsWith('TRANSACTION.')) return { kind: 'transaction', id: envelope.id, eventType: envelope.event_type, transaction: plain as WechatTransaction };
  return { refused: 'malformed' };
}

import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWechatPayClient, rfc3339 } from '../../functions/payments/wechatpay/client';
import {
  authorizationHeader,
  decryptResource,
  encryptResource,
  parseAuthorization,
  payMessage,
  publicKeyOf,
  requestMessage,
  responseMessage,
  rsaSign,
  rsaVerify,
} from '../../functions/payments/wechatpay/crypto';
import { readNotification } from '../../functions/payments/wechatpay/notifications';
import { checkSignature } from '../../functions/payments/wechatpay/verify';

/**
 * WeChat Pay v3's primitives against vectors computed with OpenSSL and Python's `cryptography`, not
 * with this code (tests/support/wechatpay-vectors/README.md has the commands).
 */
const dir = join(__dirname, '..', 'support', 'wechatpay-vectors');
const pem = (name: string) => readFileSync(join(dir, name), 'utf8');
const merchantKey = createPrivateKey(pem('merchant-key.pem'));
const merchantPublic = createPublicKey(pem('merchant-public.pem'));
const wechatKey = createPrivateKey(pem('wechatpay-key.pem'));
const wechatPublic = createPublicKey(pem('wechatpay-public.pem'));

const REQUEST_SIGNATURE =
  'mcMd6P8qwGecXRmNajCJuqZGOYfpj9oO/RYmkIeVdnX6kXzMQ31Y+oJivr9gTYxCJ4gvfCYD8JKYW9dtF1gUyJ2FdL34zws7ktOuyLw7lY4URKhiFrvG2gVzj9Q+sniuqgwWYKCDiMXo27mhwyi4ERyXby5Eu1s349P8xAo4mkc+KDkLl0iaSzUM0//0PJmXlz20yC610opUmeI8HDLxRmYJptkPmhPx6eVn632XhfjcMPHmK93WNSs4R/2+KImq11ip7lZ5VcNLdryQ0PC9+N2onOa4lKp7FTb+vjxnmThbiIsATJsSfQBjwLaLUTZLlBRuFPPIxhQtGIAGfk0/5Q==';
const PAY_SIGN =
  'm4GqxHWdjAnbRykS8ePJWBMixK+me3KwtaP3HJXrTOOr2FZLEKijU6dDXBdpu8AxCO3H/3ryOvhDFdLwv+CeJJrA6ATU96PBvtG5l2wv/wbZ2wCF1avmvU/LpO6hdjRLRcfrzopFRQr9LAOaJ1HvsOoGIf3taDBT4rh3cWtmlGvqR7PCVFfTHonnU6a4LK0LurO+PDpWFwYIK1hOrxxtj35Tf/CfzTQYyVSZdBQJCkiMUFCRCF/Y7pqgevUa3/9uPk9v9J5QOMYNtU6eDSi6m6g4yRvuXTeynORjagMZ+ae206bkh/5N5i5864OQvh3QIelfjuN81Z2TiO4FYGcu2Q==';
const NOTIFY_SIGNATURE =
  'FkyexkITQPND88MloZPxT7XUKiFSWkBKaqc5rQuM1zLN3OmQUcjh7Hdd/1bICHx7gtr740ILiV2AsA5IevjJRqfGBAfscwlR+LvUc68X29Xp9vuqQHJYTrX2ztDgLJ1VWg4iWvGN0yqIr+CDG7pRhedAli1Wlndz7uovpKvEgHb0Xo16eGLuenW/Atyq0FeQOwHRbcwzuFseO3wJAD8s7pBqSyHlRH1v8VY9C358/+JXpi7E38eBrEsOsbdaGkaoY+kUUf3wydq/R7UkMzrVrsIs4st+ulcJIooP33rilc1chELBIKfZILQ69jLlyOl+1kyKDIfoJecDClyLJzl+JA==';
const NOTIFY_BODY = '{"id":"EV-2018022511223320873","event_type":"TRANSACTION.SUCCESS"}';
const API_V3_KEY = '0123456789abcdefghijklmnopqrstuv';
const CIPHERTEXT =
  'kdUw5hwyZ7EmqIvJoZVgiweMFRc9F2Q6cIoLiOrFN0sA6mB9KZySHr2syJWGANaMuCnN/CzYdtmIJMn1y+UaHW3uTHC/oez2DGAVhK0KNfgKePouAkKGZQnrMCPCc1hOFRhm/VCEcSKs7l113evn1Qbt2uw=';
const PLAINTEXT = '{"out_trade_no":"PAY20261207ABCDEF","trade_state":"SUCCESS","amount":{"total":100,"currency":"CNY"}}';
const PUB_ID = 'PUB_KEY_ID_0114232520002025120700000000000001';

describe('signing (merchant → WeChat Pay)', () => {
  it('signs the five request lines byte for byte as openssl does', () => {
    const message = requestMessage('POST', '/v3/pay/transactions/jsapi', '1765000000', 'NONCE1234567890abcdefNONCE12345', '{"appid":"wxd678efh567hg6787","amount":{"total":100}}');
    expect(rsaSign(merchantKey, message)).toBe(REQUEST_SIGNATURE);
    expect(rsaVerify(merchantPublic, message, REQUEST_SIGNATURE)).toBe(true);
    // An empty body still ends with its own line.
    expect(requestMessage('GET', '/v3/x?mchid=1', '1', 'n', '')).toBe('GET\n/v3/x?mchid=1\n1\nn\n\n');
  });

  it('computes paySign over appId, timeStamp, nonceStr and package (signType not signed)', () => {
    const message = payMessage('wxd678efh567hg6787', '1765000000', '5K8264ILTKCH16CQ2502SI8ZNMTM67VS', 'prepay_id=wx201410272009395522657a690389285100');
    expect(rsaSign(merchantKey, message)).toBe(PAY_SIGN);
  });

  it('writes and reads the Authorization header', () => {
    const value = authorizationHeader({ mchid: '1900000001', serial: 'ABC', nonce: 'n1', timestamp: '1765000000', signature: 'c2ln' });
    expect(value).toBe('WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="n1",signature="c2ln",timestamp="1765000000",serial_no="ABC"');
    expect(parseAuthorization(value)).toEqual({ mchid: '1900000001', nonce_str: 'n1', signature: 'c2ln', timestamp: '1765000000', serial_no: 'ABC' });
    expect(parseAuthorization('Bearer x')).toBeNull();
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1"')).toBeNull();
  });

  it('writes time_expire as RFC 3339 in Beijing time', () => {
    expect(rfc3339(Date.parse('2026-12-07T07:00:00Z'))).toBe('2026-12-07T15:00:00+08:00');
    expect(rfc3339(Date.parse('2026-12-31T17:30:05.900Z'))).toBe('2027-01-01T01:30:05+08:00');
  });
});

describe('verifying (WeChat Pay → merchant)', () => {
  const keys = new Map([[PUB_ID, wechatPublic]]);
  const headers = { serial: PUB_ID, signature: NOTIFY_SIGNATURE, timestamp: '1765000000', nonce: 'notifyNonceABC' };

  it('accepts openssl’s signature over timestamp, nonce and the raw body', () => {
    expect(responseMessage('1765000000', 'notifyNonceABC', NOTIFY_BODY)).toBe(`1765000000\nnotifyNonceABC\n${NOTIFY_BODY}\n`);
    expect(checkSignature(headers, NOTIFY_BODY, keys, 1765000000)).toBeNull();
  });

  it('refuses the body re-serialised, a changed byte, another key, a stale or future timestamp, probes and unknown serials', () => {
    expect(checkSignature(headers, JSON.stringify(JSON.parse(NOTIFY_BODY), null, 1), keys, 1765000000)).toBe('bad_signature');
    expect(checkSignature(headers, NOTIFY_BODY.replace('SUCCESS', 'SUCCESs'), keys, 1765000000)).toBe('bad_signature');
    expect(checkSignature(headers, NOTIFY_BODY, new Map([[PUB_ID, merchantPublic]]), 1765000000)).toBe('bad_signature');
    expect(checkSignature(headers, NOTIFY_BODY, keys, 1765000000 + 300)).toBeNull();
    expect(checkSignature(headers, NOTIFY_BODY, keys, 1765000000 + 301)).toBe('stale');
    expect(checkSignature(headers, NOTIFY_BODY, keys, 1765000000 - 301)).toBe('stale');
    expect(checkSignature({ ...headers, signature: `WECHATPAY/SIGNTEST/${NOTIFY_SIGNATURE}` }, NOTIFY_BODY, keys, 1765000000)).toBe('probe');
    expect(checkSignature({ ...headers, serial: 'PUB_KEY_ID_OTHER' }, NOTIFY_BODY, keys, 1765000000)).toBe('unknown_serial');
    expect(checkSignature({ ...headers, nonce: undefined }, NOTIFY_BODY, keys, 1765000000)).toBe('missing');
    expect(checkSignature({ ...headers, signature: 'not base64 !' }, NOTIFY_BODY, keys, 1765000000)).toBe('bad_signature');
  });

  it('takes a platform certificate’s key under the certificate’s serial (the switch period)', () => {
    const cert = publicKeyOf(pem('platform-cert.pem'));
    expect(cert.serial).toBe('5157F09EFDC096DE15EBE81A47057A7232F1B8E1');
    const both = new Map([
      [PUB_ID, merchantPublic],
      [cert.serial as string, cert.key],
    ]);
    expect(checkSignature({ ...headers, serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1' }, NOTIFY_BODY, both, 1765000000)).toBeNull();
    expect(publicKeyOf(pem('wechatpay-public.pem')).serial).toBeNull();
  });
});

describe('resource decryption (AES-256-GCM)', () => {
  const resource = { ciphertext: CIPHERTEXT, nonce: 'fdasflkja484', associated_data: 'transaction' };

  it('decrypts Python cryptography’s ciphertext, the tag being its last 16 bytes', () => {
    expect(decryptResource(API_V3_KEY, resource)).toBe(PLAINTEXT);
    expect(encryptResource(API_V3_KEY, PLAINTEXT, 'transaction', 'fdasflkja484')).toBe(CIPHERTEXT);
  });

  it('refuses other associated data, another key, another nonce or a flipped bit', () => {
    expect(() => decryptResource(API_V3_KEY, { ...resource, associated_data: 'refund' })).toThrow();
    expect(() => decryptResource('0123456789abcdefghijklmnopqrstuw', resource)).toThrow();
    expect(() => decryptResource(API_V3_KEY, { ...resource, nonce: 'fdasflkja485' })).toThrow();
    const bytes = Buffer.from(CIPHERTEXT, 'base64');
    bytes[3] = (bytes[3] as number) ^ 1;
    expect(() => decryptResource(API_V3_KEY, { ...resource, ciphertext: bytes.toString('base64') })).toThrow();
    expect(() => decryptResource('short', resource)).toThrow(RangeError);
  });
});

describe('a whole notification', () => {
  const keys = new Map([[PUB_ID, wechatPublic]]);
  const now = 1765000000;
  const envelope = (eventType: string, plaintext: string, aad: string) =>
    JSON.stringify({
      id: 'EV-1',
      create_time: '2026-12-07T15:00:00+08:00',
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: '支付成功',
      resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext: encryptResource(API_V3_KEY, plaintext, aad, 'abcdefghijkl'), associated_data: aad, nonce: 'abcdefghijkl' },
    });
  const signed = (body: string) => ({ serial: PUB_ID, timestamp: String(now), nonce: 'n', signature: rsaSign(wechatKey, responseMessage(String(now), 'n', body)) });

  it('is verified, then decrypted', () => {
    const body = envelope('TRANSACTION.SUCCESS', PLAINTEXT, 'transaction');
    const read = readNotification(signed(body), body, keys, API_V3_KEY, now);
    expect(read).toMatchObject({ kind: 'transaction', id: 'EV-1', transaction: { out_trade_no: 'PAY20261207ABCDEF', trade_state: 'SUCCESS' } });
    const refund = envelope('REFUND.ABNORMAL', '{"out_refund_no":"R1","refund_status":"ABNORMAL"}', 'refund');
    expect(readNotification(signed(refund), refund, keys, API_V3_KEY, now)).toMatchObject({ kind: 'refund', eventType: 'REFUND.ABNORMAL' });
  });

  it('is refused before decryption when unsigned, and when its resource does not decrypt', () => {
    const body = envelope('TRANSACTION.SUCCESS', PLAINTEXT, 'transaction');
    expect(readNotification({ ...signed(body), signature: 'WECHATPAY/SIGNTEST/abc' }, body, keys, API_V3_KEY, now)).toEqual({ refused: 'probe' });
    expect(readNotification(signed(body), body, keys, '0123456789abcdefghijklmnopqrstuw', now)).toEqual({ refused: 'undecryptable' });
    const notJson = 'x';
    expect(readNotification(signed(notJson), notJson, keys, API_V3_KEY, now)).toEqual({ refused: 'malformed' });
  });
});

describe('the client', () => {
  it('signs what it sends and refuses an answer not signed by WeChat Pay', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const keys = new Map([[PUB_ID, wechatPublic]]);
    const answer = (body: string, signer = wechatKey) => {
      const ts = String(Math.floor(Date.now() / 1000));
      return new Response(body, {
        status: 200,
        headers: { 'wechatpay-serial': PUB_ID, 'wechatpay-timestamp': ts, 'wechatpay-nonce': 'n', 'wechatpay-signature': rsaSign(signer, responseMessage(ts, 'n', body)) },
      });
    };
    let signer = wechatKey;
    const client = createWechatPayClient({
      apiBase: 'https://pay.test',
      mchid: '1900000001',
      appId: 'wxapp',
      merchantSerial: 'MSERIAL',
      merchantKey,
      verifyKeys: keys,
      expectSerial: PUB_ID,
      fetch: (async (url: string, init: RequestInit) => {
        seen.push({ url, init });
        return answer('{"prepay_id":"wx123"}', signer);
      }) as typeof fetch,
    });
    const prepay = await client.jsapi({ outTradeNo: 'PAY123456', description: '一元观影', timeExpire: Date.parse('2026-12-07T07:00:00Z'), notifyUrl: 'https://x/n', totalFen: 100, openid: 'o1' });
    expect(prepay).toBe('wx123');
    const sent = seen[0] as { url: string; init: RequestInit };
    expect(sent.url).toBe('https://pay.test/v3/pay/transactions/jsapi');
    const auth = parseAuthorization((sent.init.headers as Record<string, string>).authorization);
    expect(auth?.serial_no).toBe('MSERIAL');
    expect(JSON.parse(sent.init.body as string)).toMatchObject({ time_expire: '2026-12-07T15:00:00+08:00', amount: { total: 100, currency: 'CNY' }, payer: { openid: 'o1' } });
    const message = requestMessage('POST', '/v3/pay/transactions/jsapi', auth?.timestamp as string, auth?.nonce_str as string, sent.init.body as string);
    expect(rsaVerify(merchantPublic, message, auth?.signature as string)).toBe(true);

    const params = client.paymentParams('wx123');
    expect(params.package).toBe('prepay_id=wx123');
    expect(rsaVerify(merchantPublic, payMessage('wxapp', params.timeStamp, params.nonceStr, params.package), params.paySign)).toBe(true);

    signer = merchantKey; // an answer signed by anybody else
    await expect(client.jsapi({ outTradeNo: 'PAY123456', description: 'x', timeExpire: Date.now() + 3600_000, notifyUrl: 'https://x/n', totalFen: 100, openid: 'o1' })).rejects.toThrow(/ANSWER_NOT_VERIFIED/);
  });
});

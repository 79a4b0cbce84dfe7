import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../functions/kernel/errors';
import type { Deps as PaymentDeps } from '../../functions/payments/services/ports';
import { startFakeWechatPay, type FakeWechatPay } from '../../scripts/lib/wechatpay-fake';

/**
 * Payments tests on DynamoDB Local against the local fake of WeChat Pay v3 (scripts/lib/wechatpay-fake.ts)
 * run in the test's own process: keys of the test's own (so a test can also sign what a forger, or
 * WeChat Pay, would), a receiver that hands each notification to the real use case exactly as the
 * notify function does (raw body, headers), and one clock shared by the use cases, the client and
 * the fake.
 */
export interface PaymentWorld {
  deps: PaymentDeps;
  fake: FakeWechatPay;
  clock: { now: number };
  /** Moves the use cases', the client's and the fake's clocks to `ms`. */
  setClock(ms: number): void;
  /** WeChat Pay's own key (the fake signs with it) and its id; the merchant's key pair. */
  wechatKey: KeyObject;
  publicKeyId: string;
  merchant: { privateKey: KeyObject; publicKey: KeyObject };
  apiV3Key: string;
  /** The keys the merchant verifies with, by serial: the public key's id and (the switch) the platform certificate's serial. */
  verifyKeys: Map<string, KeyObject>;
  certificateSerial: string;
  notifyUrl: string;
  /** What the receiver answered each notification (HTTP status). */
  answers: number[];
  uc: Awaited<ReturnType<typeof paymentUseCases>>;
  stop(): Promise<void>;
}

export const MCHID = '1900000109';
export const APP_ID = 'wxlocal0000000000';

export async function paymentUseCases() {
  await import('../../functions/payments/contracts/payments'); // its refusals' catalogue, as the handlers load it
  const [orders, settle, refunds, bans, notify] = await Promise.all([
    import('../../functions/payments/services/orders'),
    import('../../functions/payments/services/settle'),
    import('../../functions/payments/services/refunds'),
    import('../../functions/payments/services/bans'),
    import('../../functions/payments/services/notify'),
  ]);
  return { ...orders, ...settle, ...refunds, ...bans, ...notify };
}

/** After integrationDeps() (benefitWorld) has pointed the data layer at DynamoDB Local. */
export async function paymentWorld(): Promise<PaymentWorld> {
  const uc = await paymentUseCases();
  const { productionDeps } = await import('../../functions/payments/services/deps');
  const { createWechatPayClient } = await import('../../functions/payments/wechatpay/client');
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const wechat = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyId = `PUB_KEY_ID_0114TEST${Date.now()}`;
  const dir = mkdtempSync(join(tmpdir(), 'wechatpay-'));
  const keyFile = join(dir, 'fake.json');
  writeFileSync(keyFile, JSON.stringify({ privateKeyPem: wechat.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyId }));
  const apiV3Key = 'abcdefghijklmnopqrstuvwxyz012345';
  // The platform certificate of before the switch to the public key, made by openssl (a self-signed one).
  const certificateSerial = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
  const oldKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(join(dir, 'old.pem'), oldKey);
  const certPem = execFileSync('openssl', ['req', '-x509', '-new', '-key', join(dir, 'old.pem'), '-subj', '/CN=Tenpay.com Root CA/O=Tenpay.com', '-days', '365', '-set_serial', `0x${certificateSerial}`]).toString();
  const { publicKeyOf } = await import('../../functions/payments/wechatpay/crypto');
  const fake = await startFakeWechatPay({ port: 0, mchid: MCHID, appId: APP_ID, merchantPublicKey: merchant.publicKey, apiV3Key, keyFile, certificate: { privateKeyPem: oldKey, serial: certificateSerial } });
  const clock = { now: Date.now() };
  const answers: number[] = [];

  // eslint-disable-next-line prefer-const
  let deps: PaymentDeps;
  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
      uc.receiveNotification(deps, { body: Buffer.concat(chunks).toString('utf8'), isBase64Encoded: false, headers })
        .then(() => 200)
        .catch((err: unknown) => (err instanceof AppError ? (err.entry?.status ?? 500) : 500))
        .then((status) => {
          answers.push(status);
          res.writeHead(status).end();
        });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  const notifyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/payments/wechat/notify`;
  const cert = publicKeyOf(certPem);
  if (cert.serial !== certificateSerial) throw new Error(`certificate serial ${cert.serial}`);
  const verifyKeys = new Map([
    [publicKeyId, wechat.publicKey],
    [certificateSerial, cert.key],
  ]);
  const client = createWechatPayClient({
    apiBase: fake.url,
    mchid: MCHID,
    appId: APP_ID,
    merchantSerial: 'TESTSERIAL',
    merchantKey: merchant.privateKey,
    verifyKeys,
    expectSerial: publicKeyId,
    now: () => clock.now,
  });
  const gateway = { client, notifyUrl, verifyKeys, apiV3Key, appId: APP_ID, mchid: MCHID };
  deps = { ...(await productionDeps()), pay: async () => gateway, now: () => new Date(clock.now) };
  return {
    deps,
    fake,
    clock,
    setClock(ms) {
      clock.now = ms;
      fake.advance(ms - fake.now());
    },
    wechatKey: wechat.privateKey,
    publicKeyId,
    merchant,
    apiV3Key,
    verifyKeys,
    certificateSerial,
    notifyUrl,
    answers,
    uc,
    async stop() {
      await fake.stop();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
  };
}

/** Waits until `check` holds (a notification travels over HTTP), at most `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

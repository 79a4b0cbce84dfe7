import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { startFakeWechatPay, type FakeWechatPay } from './wechatpay-fake';

/** The local merchant the fake knows (any 10 digits; the serial is the fake's to check). */
export const LOCAL_MCHID = '1900000109';
export const LOCAL_MERCHANT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
/** The mini-program the payments functions name on the local and test stages (gateway.ts). */
export const LOCAL_APP_ID = 'wxlocal0000000000';

export interface LocalWechatPay {
  fake: FakeWechatPay;
  /** What the API's functions need to reach the fake (infra/shared.yml › local params read them). */
  env: Record<string, string>;
}

/**
 * The local fake of WeChat Pay v3 for `npm start` and the test stacks: started on `port` with its own
 * key (kept in `keyFile`, so a restart keeps it), the merchant's public key and APIv3 key taken from
 * the LOCAL_SECRETS_FILE, and its public key written back there as wechatpay-public-key (the
 * functions verify its answers and notifications with it). `apiUrl`: where notify_url points.
 */
export async function startLocalWechatPay(o: { secretsFile: string; keyFile?: string; port: number; apiUrl: string; corsOrigins?: string[]; onLine?: (line: string) => void }): Promise<LocalWechatPay> {
  const secrets = JSON.parse(readFileSync(o.secretsFile, 'utf8')) as Record<string, string>;
  const merchantKey = secrets.wechatpayMerchantKey;
  const apiV3Key = secrets.wechatpayApiV3Key;
  if (!merchantKey || !apiV3Key) throw new Error(`${o.secretsFile} has no WeChat Pay merchant key (run npm start once to upgrade it)`);
  const fake = await startFakeWechatPay({
    port: o.port,
    mchid: LOCAL_MCHID,
    appId: LOCAL_APP_ID,
    merchantPublicKey: createPublicKey(createPrivateKey(merchantKey)),
    apiV3Key,
    ...(o.keyFile && { keyFile: o.keyFile }),
    ...(o.corsOrigins && { corsOrigins: o.corsOrigins }),
    ...(o.onLine && { onLine: o.onLine }),
  });
  if (secrets.wechatpayPublicKey !== fake.publicKeyPem) {
    const tmp = `${o.secretsFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ ...secrets, wechatpayPublicKey: fake.publicKeyPem }, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, o.secretsFile);
  }
  return {
    fake,
    env: {
      WECHATPAY_API_BASE: fake.url,
      WECHATPAY_MCHID: LOCAL_MCHID,
      WECHATPAY_MERCHANT_SERIAL: LOCAL_MERCHANT_SERIAL,
      WECHATPAY_PUBLIC_KEY_ID: fake.publicKeyId,
      WECHATPAY_NOTIFY_BASE: o.apiUrl,
    },
  };
}

import { ConfigError, DEV_LOGIN_STAGES, secretsOf } from '../../kernel/config';
import { once } from '../../kernel/credentials';
import { createWechatPayClient } from '../wechatpay/client';
import { publicKeyOf } from '../wechatpay/crypto';
import type { PayGateway } from './ports';

/** WeChat Pay's settings from the environment (the stack's params; infra/shared.yml). */
export function paySettingsFrom(env: NodeJS.ProcessEnv) {
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new ConfigError(`environment variable ${name} is required for WeChat Pay`);
    return value;
  };
  const stage = env.STAGE ?? '';
  const notifyBase = need('WECHATPAY_NOTIFY_BASE').replace(/\/+$/, '');
  return {
    apiBase: need('WECHATPAY_API_BASE').replace(/\/+$/, ''),
    mchid: need('WECHATPAY_MCHID'),
    merchantSerial: need('WECHATPAY_MERCHANT_SERIAL'),
    publicKeyId: need('WECHATPAY_PUBLIC_KEY_ID'),
    // The local fake and the tests need no real mini-program; a deployed stage does.
    appId: env.WECHAT_APP_ID || (DEV_LOGIN_STAGES.includes(stage) ? 'wxlocal0000000000' : need('WECHAT_APP_ID')),
    notifyUrl: `${notifyBase}/api/payments/wechat/notify`,
  };
}

/**
 * The container's WeChat Pay gateway, built on first use from the settings and four parameters:
 * wechatpay-merchant-key (signs), wechatpay-api-v3-key (decrypts notifications), wechatpay-public-key
 * (verifies, under WECHATPAY_PUBLIC_KEY_ID) and, during a switch, wechatpay-platform-certificate
 * (verifies too, under its own serial).
 */
export const productionGateway = once<PayGateway>(async () => {
  const settings = paySettingsFrom(process.env);
  const s = await secretsOf('wechatpayMerchantKey', 'wechatpayApiV3Key', 'wechatpayPublicKey', 'wechatpayPlatformCertificate');
  if (Buffer.byteLength(s.wechatpayApiV3Key, 'utf8') !== 32) throw new ConfigError('secret wechatpay-api-v3-key must be 32 characters');
  const keys = new Map([[settings.publicKeyId, publicKeyOf(s.wechatpayPublicKey).key]]);
  if (s.wechatpayPlatformCertificate.trim() !== '') {
    const cert = publicKeyOf(s.wechatpayPlatformCertificate);
    if (!cert.serial) throw new ConfigError('secret wechatpay-platform-certificate must be a certificate (PEM)');
    keys.set(cert.serial, cert.key);
  }
  const client = createWechatPayClient({
    apiBase: settings.apiBase,
    mchid: settings.mchid,
    appId: settings.appId,
    merchantSerial: settings.merchantSerial,
    merchantKey: s.wechatpayMerchantKey,
    verifyKeys: keys,
    expectSerial: settings.publicKeyId,
  });
  return { client, notifyUrl: settings.notifyUrl, verifyKeys: keys, apiV3Key: s.wechatpayApiV3Key, appId: settings.appId, mchid: settings.mchid };
});

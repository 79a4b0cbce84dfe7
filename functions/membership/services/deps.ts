import { createDevWeChatLogin, createDevWeChatPhone, createWeChatClient, createWeChatPhoneClient, type WeChatLogin, type WeChatPhone } from '../../kernel/wechat';
import { config } from '../../kernel/config';
import { once, productionIdCrypto, tokensOnDemand, wechatAppSecret } from '../../kernel/credentials';
import { accountStore } from '../data/account-store';
import { cardCheckStore } from '../data/card-check-store';
import { merchantStore } from '../data/merchant-store';
import { orgStore } from '../data/org-store';
import { quotaStore } from '../../kernel/data/quota-store';
import { rosterStore } from '../data/roster-store';
import { rosterGuardKeys } from '../data/keys';
import { createShortCodeStore } from '../../kernel/data/short-codes';
import type { Deps } from './ports';

let depsPromise: Promise<Deps> | undefined;

/**
 * The real side effects, built once per container. Each secret is read when what needs it is first
 * used — sessions, card QR codes, the WeChat AppSecret (log-in, phone numbers) — and the ID crypto
 * holds the ID keys this function is granted (kernel/credentials.ts).
 */
export function productionDeps(): Promise<Deps> {
  depsPromise ??= (async () => {
    const cfg = config();
    const api = async () => ({ appId: cfg.wechat.appId, appSecret: await wechatAppSecret(), apiBase: cfg.wechat.apiBase });
    const login = once(async () => createWeChatClient(await api()));
    const phone = once(async () => createWeChatPhoneClient(await api()));
    const wechat: WeChatLogin = { exchange: async (code) => (await login()).exchange(code) };
    const wechatPhone: WeChatPhone = { verifiedPhone: async (code) => (await phone()).verifiedPhone(code) };
    return {
      roster: rosterStore,
      accounts: accountStore,
      orgs: orgStore,
      merchants: merchantStore,
      quotas: quotaStore,
      cardChecks: cardCheckStore,
      cardCodes: createShortCodeStore(rosterGuardKeys.cardCode),
      idCrypto: await productionIdCrypto(),
      tokens: tokensOnDemand(),
      wechat: cfg.wechat.mode === 'dev' ? createDevWeChatLogin() : wechat,
      wechatPhone: cfg.wechat.mode === 'dev' ? createDevWeChatPhone() : wechatPhone,
      now: () => new Date(),
    };
  })();
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

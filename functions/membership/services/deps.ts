import { createDevWeChatLogin, createDevWeChatPhone, createWeChatClient, createWeChatPhoneClient } from '../../kernel/wechat';
import { config, secrets } from '../../kernel/config';
import { previousIdKeys } from '../../kernel/secrets';
import { createIdCrypto } from '../../kernel/id-crypto';
import { productionTokens } from './token-deps';
import { accountStore } from '../data/account-store';
import { cardCheckStore } from '../data/card-check-store';
import { merchantStore } from '../data/merchant-store';
import { orgStore } from '../data/org-store';
import { quotaStore } from '../../kernel/data/quota-store';
import { rosterStore } from '../data/roster-store';
import type { Deps } from './ports';

let depsPromise: Promise<Deps> | undefined;

/** The real side effects, built once per container (the secrets are fetched on first use). */
export function productionDeps(): Promise<Deps> {
  depsPromise ??= (async () => {
    const cfg = config();
    const s = await secrets();
    const wechatApi = { appId: cfg.wechat.appId, appSecret: s.wechatAppSecret, apiBase: cfg.wechat.apiBase };
    return {
      roster: rosterStore,
      accounts: accountStore,
      orgs: orgStore,
      merchants: merchantStore,
      quotas: quotaStore,
      cardChecks: cardCheckStore,
      idCrypto: createIdCrypto({
        encryptionKey: s.idEncryptionKey,
        previousEncryptionKeys: previousIdKeys(s),
        hashKey: s.idHashKey,
      }),
      tokens: await productionTokens(),
      wechat: cfg.wechat.mode === 'dev' ? createDevWeChatLogin() : createWeChatClient(wechatApi),
      wechatPhone: cfg.wechat.mode === 'dev' ? createDevWeChatPhone() : createWeChatPhoneClient(wechatApi),
      now: () => new Date(),
    };
  })();
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

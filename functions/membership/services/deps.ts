import { createDevWeChatLogin, createWeChatClient } from '../../kernel/wechat';
import { config, secrets } from '../../kernel/config';
import { createIdCrypto } from '../../kernel/id-crypto';
import { productionTokens } from './token-deps';
import { accountStore } from '../data/account-store';
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
    return {
      roster: rosterStore,
      accounts: accountStore,
      orgs: orgStore,
      merchants: merchantStore,
      quotas: quotaStore,
      idCrypto: createIdCrypto(s.idEncryptionKey, s.idHashKey),
      tokens: await productionTokens(),
      wechat:
        cfg.wechat.mode === 'dev'
          ? createDevWeChatLogin()
          : createWeChatClient({ appId: cfg.wechat.appId, appSecret: s.wechatAppSecret, apiBase: cfg.wechat.apiBase }),
      now: () => new Date(),
    };
  })();
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

import { ulid } from 'ulid';
import { quotaStore } from '../../kernel/data/quota-store';
import { config } from '../../kernel/config';
import { once, productionIdCrypto, sessionTokensOnDemand, wechatAppSecret } from '../../kernel/credentials';
import { createDevWeChatPhone, createWeChatPhoneClient, type WeChatPhone } from '../../kernel/wechat';
import { objectStore } from '../../kernel/data/objects';
import { accountStore, officialStore, orgDirectory, orgStore, rosterStore } from '../../membership';
import { createApplicationStore } from '../data/application-store';
import { campaignStore } from '../data/campaign-store';
import { calendarStore } from '../data/calendar-store';
import { createProofStore } from '../data/proof-store';
import { cachedCalendar, cachedDirectory } from './cache';
import type { Deps } from './ports';

/** The org tree's levels (union picker, an admin's roots) and the calendar are read at most this often. */
export const DIRECTORY_CACHE_MS = 5 * 60_000;
export const CALENDAR_CACHE_MS = 10 * 60_000;

let depsPromise: Promise<Deps> | undefined;

/**
 * 手机号快速验证 for a join's phone, as membership's binding does: the development adapter in the
 * local and test stages, else WeChat's API with the AppSecret, read on the first join filed (only
 * applicationsCreate is granted wechat-app-secret; no other use case calls it).
 */
function wechatPhoneOnDemand(): WeChatPhone {
  const client = once(async () => {
    const cfg = config();
    if (cfg.wechat.mode === 'dev') return createDevWeChatPhone();
    return createWeChatPhoneClient({ appId: cfg.wechat.appId, appSecret: await wechatAppSecret(), apiBase: cfg.wechat.apiBase });
  });
  return { verifiedPhone: async (code) => (await client()).verifiedPhone(code) };
}

/**
 * The real side effects of the applications use cases, built once per container. The ID crypto
 * holds the ID keys this function is granted (showing a join decrypts its ID number; filing one
 * encrypts and hashes it; approving it writes the roster member); tokens read their keys on first use.
 */
export function productionDeps(): Promise<Deps> {
  depsPromise ??= (async () => {
    const idCrypto = await productionIdCrypto();
    return {
      accounts: accountStore,
      roster: rosterStore,
      orgs: orgStore,
      directory: cachedDirectory(orgDirectory, DIRECTORY_CACHE_MS),
      applications: createApplicationStore({ idCrypto }),
      calendar: cachedCalendar(calendarStore, CALENDAR_CACHE_MS),
      // The S3 SDK loads on the first use of proofs only (kernel/data/objects.ts).
      proofs: createProofStore({ objects: () => objectStore('proofs') }),
      campaigns: campaignStore,
      quotas: quotaStore,
      wechatPhone: wechatPhoneOnDemand(),
      officials: officialStore,
      idCrypto,
      tokens: sessionTokensOnDemand(),
      newId: ulid,
      now: () => new Date(),
    };
  })();
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

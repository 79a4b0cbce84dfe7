import { config } from '../../kernel/config';
import { once, wechatAppSecret } from '../../kernel/credentials';
import { createDevWeChatSubscribe, createWeChatSubscribeClient, type WeChatSubscribe } from '../../kernel/wechat';
import { officialStore } from '../../membership';
import { deadlineStore, outboxStore } from '../data/outbox-store';
import { satisfactionStore } from '../data/satisfaction-store';
import { productionDeps } from './deps';
import type { ScheduleDeps } from './schedule';
import { templateMessenger, TEMPLATE_KINDS, type TemplateKind } from './sender';

/** The environment variable holding each kind's subscription-message template id (empty locally). */
export const TEMPLATE_ENV: Record<TemplateKind, string> = {
  progress: 'WECHAT_TEMPLATE_PROGRESS',
  todo: 'WECHAT_TEMPLATE_TODO',
  overdue: 'WECHAT_TEMPLATE_OVERDUE',
};

/**
 * The template ids from the environment. The development adapter logs an unset one as
 * `dev-<kind>`; with real WeChat a kind without a template is skipped (reason kept on the notice).
 */
export function templateIds(mode: 'wechat' | 'dev', env: NodeJS.ProcessEnv = process.env): Record<TemplateKind, string> {
  const ids = {} as Record<TemplateKind, string>;
  for (const kind of TEMPLATE_KINDS) ids[kind] = env[TEMPLATE_ENV[kind]] || (mode === 'dev' ? `dev-${kind}` : '');
  return ids;
}

let depsPromise: Promise<ScheduleDeps> | undefined;

/**
 * The scheduler's and the sender's real side effects, built once per container. The only secret:
 * the WeChat AppSecret, read when the first message is sent.
 */
export function scheduleDeps(): Promise<ScheduleDeps> {
  depsPromise ??= (async () => {
    const cfg = config();
    const base = await productionDeps();
    const subscribe = once(async () =>
      createWeChatSubscribeClient({ appId: cfg.wechat.appId, appSecret: await wechatAppSecret(), apiBase: cfg.wechat.apiBase }),
    );
    const client: WeChatSubscribe = cfg.wechat.mode === 'dev' ? createDevWeChatSubscribe() : { send: async (message) => (await subscribe()).send(message) };
    return {
      applications: base.applications,
      calendar: base.calendar,
      outbox: outboxStore,
      deadlines: deadlineStore,
      directory: base.directory,
      satisfaction: satisfactionStore,
      // Membership's officials index (kept with the accounts' roles): one query per org.
      officials: officialStore,
      messenger: templateMessenger(client, templateIds(cfg.wechat.mode)),
      newId: base.newId,
      now: base.now,
    };
  })();
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

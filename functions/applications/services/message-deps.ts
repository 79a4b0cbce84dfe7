import { messageStore } from '../data/message-store';
import { productionDeps } from './deps';
import type { MessageDeps } from './messages';

let depsPromise: Promise<MessageDeps & Awaited<ReturnType<typeof productionDeps>>> | undefined;

/** The production side effects of 消息中心: the engine's (deps.ts) and the applicant's notices. */
export function messageDeps() {
  depsPromise ??= productionDeps().then((deps) => ({ ...deps, messages: messageStore }));
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

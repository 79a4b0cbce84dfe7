import { satisfactionStore } from '../data/satisfaction-store';
import { productionDeps } from './deps';
import type { SatisfactionDeps } from './ports';

let depsPromise: Promise<SatisfactionDeps> | undefined;

/** The production side effects of the 好差评 use cases: the engine's (deps.ts) and the satisfaction store. */
export function satisfactionDeps(): Promise<SatisfactionDeps> {
  depsPromise ??= productionDeps().then((deps) => ({ ...deps, satisfaction: satisfactionStore }));
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from './paths';

/** A function of the back end as the local aggregate serves it. */
export interface FunctionEntry {
  name: string;
  /** The capability (functions/<capability>/serverless.yml) that declares and deploys it. */
  capability: string;
  /** `path/to/module.export`, relative to the project root. */
  handler: string;
  events?: Array<{ httpApi?: { method: string; path: string }; schedule?: unknown }>;
}

interface LocalFunctions {
  localFunctions(): Record<string, { handler: string; events?: FunctionEntry['events'] }>;
}

/**
 * Every function the project deploys (name → handler relative to the project root, its capability and
 * its HTTP/schedule events), for the benchmarks and the tests: read through infra/local-functions.cjs,
 * the same module that hands them to the root serverless.yml, so there is one reader of the
 * capabilities' service files.
 */
export function listFunctions(root: string = projectRoot): FunctionEntry[] {
  const { localFunctions } = createRequire(join(root, 'package.json'))(join(root, 'infra', 'local-functions.cjs')) as LocalFunctions;
  return Object.entries(localFunctions())
    .map(([name, fn]) => ({ name, capability: fn.handler.split('/')[1] ?? '', handler: fn.handler, ...(fn.events && { events: fn.events }) }))
    .sort((a, b) => a.capability.localeCompare(b.capability) || a.name.localeCompare(b.name));
}

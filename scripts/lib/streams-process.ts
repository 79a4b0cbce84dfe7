import { join } from 'node:path';
import { projectRoot } from './paths';
import { startProcess, type ManagedProcess } from './processes';

export interface StreamConsumerOptions {
  stage: string;
  dynamodbEndpoint: string;
  tablePrefix: string;
  /** LOCAL_SECRETS_FILE of the stack (the functions' config requires a secrets source). */
  secretsFile: string;
  /** Pause between polls of the streams. */
  everyMs: number;
  onLine?: (line: string) => void;
}

/**
 * `npm run stats:rebuild` once, against the stack's DynamoDB Local: the counters recounted from the
 * tables (for items written before their table had a stream). Resolves when it is done.
 */
export async function rebuildStats(options: Omit<StreamConsumerOptions, 'everyMs'>): Promise<void> {
  const run = startProcess(join(projectRoot, 'node_modules', '.bin', 'tsx'), [join(projectRoot, 'scripts', 'stats-rebuild.ts')], {
    name: 'stats-rebuild',
    cwd: projectRoot,
    env: { ...process.env, STAGE: options.stage, DYNAMODB_ENDPOINT: options.dynamodbEndpoint, TABLE_PREFIX: options.tablePrefix, LOCAL_SECRETS_FILE: options.secretsFile },
    ...(options.onLine && { onLine: options.onLine }),
  });
  const code = await run.exited;
  if (code !== 0) throw new Error(`stats:rebuild exited with ${code}: ${run.recentOutput()}`);
}

/**
 * scripts/streams.ts as a child process (its own process: the functions' code configures its
 * DynamoDB client from the environment at import): the stats handler on the members' and
 * applications' streams of the stack's DynamoDB Local. stop() ends it.
 */
export function startStreamConsumer(options: StreamConsumerOptions): ManagedProcess {
  return startProcess(join(projectRoot, 'node_modules', '.bin', 'tsx'), [join(projectRoot, 'scripts', 'streams.ts'), '--every', String(options.everyMs)], {
    name: 'streams',
    cwd: projectRoot,
    env: { ...process.env, STAGE: options.stage, DYNAMODB_ENDPOINT: options.dynamodbEndpoint, TABLE_PREFIX: options.tablePrefix, LOCAL_SECRETS_FILE: options.secretsFile },
    ...(options.onLine && { onLine: options.onLine }),
  });
}

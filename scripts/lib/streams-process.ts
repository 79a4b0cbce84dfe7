import { join } from 'node:path';
import { projectRoot } from './paths';
import { startProcess, type ManagedProcess } from './processes';

export interface StreamConsumerOptions {
  stage: string;
  dynamodbEndpoint: string;
  tablePrefix: string;
  /** Pause between polls of the streams. */
  everyMs: number;
  onLine?: (line: string) => void;
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
    env: { ...process.env, STAGE: options.stage, DYNAMODB_ENDPOINT: options.dynamodbEndpoint, TABLE_PREFIX: options.tablePrefix },
    ...(options.onLine && { onLine: options.onLine }),
  });
}

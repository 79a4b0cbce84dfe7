import { join } from 'node:path';
import { projectRoot } from './paths';
import { startProcess, type ManagedProcess } from './processes';

export interface SchedulerOptions {
  stage: string;
  dynamodbEndpoint: string;
  tablePrefix: string;
  secretsFile: string;
  /** A run of the scheduler every so many seconds (the first one at once). */
  everySeconds: number;
  onLine?: (line: string) => void;
}

/**
 * The applications' scheduler (reminders, escalations, the outbox sender) as a child process that
 * runs scripts/schedule.ts every `everySeconds` against the stack's DynamoDB: what the `schedule`
 * event of serverless.yml does in AWS (turned off on the local and test stages, where
 * serverless-offline would run it in process every 15 minutes). stop() ends it.
 */
export function startScheduler(options: SchedulerOptions): ManagedProcess {
  return startProcess(join(projectRoot, 'node_modules', '.bin', 'tsx'), [join(projectRoot, 'scripts', 'schedule.ts'), '--every', String(options.everySeconds)], {
    name: 'scheduler',
    cwd: projectRoot,
    env: {
      ...process.env,
      STAGE: options.stage,
      DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
      TABLE_PREFIX: options.tablePrefix,
      LOCAL_SECRETS_FILE: options.secretsFile,
    },
    ...(options.onLine && { onLine: options.onLine }),
  });
}

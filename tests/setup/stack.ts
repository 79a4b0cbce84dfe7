import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { H5_DIST } from '../../scripts/lib/h5-build';
import { freePort } from '../../scripts/lib/ports';
import { ensureSecretsFile } from '../../scripts/lib/secrets-file';
import { startStack } from '../../scripts/lib/stack';

/**
 * The shared body of the global setups: a private local stack per test project (in-memory
 * DynamoDB Local on free ports, tables of stage `test`, fresh secrets in a temp dir, and as asked
 * the demo seed, serverless-offline and the H5 server). What it started is handed to the tests
 * with provide() and stopped by the returned teardown.
 *
 * Set STACK_LOG=1 to see serverless-offline's output (request logs, handler errors).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** DynamoDB Local, e.g. http://127.0.0.1:41234 (every project with a global setup). */
    dynamodbEndpoint: string;
    /** A LOCAL_SECRETS_FILE made for this run (every project with a global setup). */
    secretsFile: string;
    /** TABLE_PREFIX of the test stage, "hainan-union-test-" (every project with a global setup). */
    tablePrefix: string;
    /** serverless-offline, e.g. http://127.0.0.1:41235, demo data seeded (projects api and e2e). */
    apiUrl: string;
    /** The H5 build served with /api proxied to apiUrl (project e2e). */
    h5Url: string;
    /** The local fake of WeChat Pay v3 and its /__fake/ controls (projects api and e2e). */
    wechatPayUrl: string;
    /** s3rver, e.g. http://127.0.0.1:41236 (every project with a global setup). */
    s3Endpoint: string;
    /** Its proofs bucket, "hainan-union-test-proofs" (every project with a global setup). */
    proofsBucket: string;
  }
}

export interface TestStackNeeds {
  /** Seed demo/demo-data.json and start serverless-offline. */
  api?: boolean;
  /** Serve dist/h5 too (implies api). */
  h5?: boolean;
}

export async function setupTestStack(project: TestProject, needs: TestStackNeeds = {}): Promise<() => Promise<void>> {
  const withApi = needs.api === true || needs.h5 === true;
  const tmp = mkdtempSync(join(tmpdir(), `hainan-union-${project.name}-`));
  const secretsFile = join(tmp, 'secrets.json');
  ensureSecretsFile(secretsFile);
  const apiPort = withApi ? await freePort() : 0;
  const showLog = process.env.STACK_LOG === '1';

  try {
    const stack = await startStack({
      stage: 'test',
      secretsFile,
      dynamodb: { port: await freePort() },
      s3: { port: await freePort(), directory: join(tmp, 's3') },
      seed: withApi,
      ...(withApi && {
        api: {
          port: apiPort,
          lambdaPort: await freePort(),
          esbuildWorkFolder: `.local/esbuild/test-${project.name}-${apiPort}`,
          removeWorkFolderAtStop: true,
          ...(showLog && { onLine: (line: string) => console.log(`[api:${project.name}] ${line}`) }),
        },
      }),
      ...(needs.h5 && { h5: { root: H5_DIST, port: await freePort() } }),
      ...(withApi && { wechatPay: { port: await freePort() } }),
      // The dashboard's counters follow the members' and applications' streams, as in AWS.
      ...(withApi && { streams: { everyMs: 300, ...(showLog && { onLine: (line: string) => console.log(`[stats:${project.name}] ${line}`) }) } }),
    });

    project.provide('dynamodbEndpoint', stack.dynamodbEndpoint);
    project.provide('secretsFile', secretsFile);
    project.provide('tablePrefix', stack.tablePrefix);
    if (stack.s3) {
      project.provide('s3Endpoint', stack.s3.endpoint);
      project.provide('proofsBucket', stack.s3.proofsBucket);
    }
    if (stack.apiUrl) project.provide('apiUrl', stack.apiUrl);
    if (stack.h5Url) project.provide('h5Url', stack.h5Url);
    if (stack.wechatPay) project.provide('wechatPayUrl', stack.wechatPay.url);

    return async () => {
      await stack.stop();
      rmSync(tmp, { recursive: true, force: true });
    };
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';
import { ensureSecretsFile } from './secrets-file';
import { startStack, type Stack } from './stack';

/**
 * A private local stack for a benchmark: DynamoDB Local in memory, the demo data, serverless-offline
 * on free ports, fresh secrets in a temp dir. stop() ends it and removes the temp dir.
 */
export async function startBenchStack(
  name: string,
  options: { stage: string; onLine?: (line: string) => void },
): Promise<Stack & { secretsFile: string }> {
  const tmp = mkdtempSync(join(tmpdir(), `hainan-bench-${name}-`));
  const secretsFile = join(tmp, 'secrets.json');
  ensureSecretsFile(secretsFile);
  const apiPort = await freePort();
  try {
    const stack = await startStack({
      stage: options.stage,
      secretsFile,
      dynamodb: { port: await freePort() },
      seed: true,
      api: {
        port: apiPort,
        lambdaPort: await freePort(),
        esbuildWorkFolder: `.local/esbuild/bench-${name}-${apiPort}`,
        removeWorkFolderAtStop: true,
        ...(options.onLine && { onLine: options.onLine }),
      },
    });
    return {
      ...stack,
      secretsFile,
      async stop() {
        await stack.stop();
        rmSync(tmp, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { StackStartError } from './errors';
import { assertPortFree } from './ports';
import { startProcess, type ManagedProcess } from './processes';

/**
 * s3rver, an S3-compatible server, as a child process (plain node: under tsx its koa fails to load
 * `generator-function`): the proofs bucket of `npm start` (data under .local/s3) and of the tests (a
 * temp dir, a free port). Its bucket answers CORS for the H5 origins (the H5 build POSTs proof
 * images to it from another port). It checks neither signatures nor POST policies: see
 * functions/applications/data/proof-store.ts for what the API checks instead.
 */
export interface S3Local {
  /** e.g. http://127.0.0.1:4569 (path-style: `${endpoint}/${bucket}/${key}`). */
  endpoint: string;
  buckets: { proofs: string };
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface S3LocalOptions {
  port: number;
  directory: string;
  /** The proofs bucket's name. */
  proofsBucket: string;
  /** Browser origins that may POST to the bucket (the H5 server's). */
  corsOrigins: string[];
  portEnvName?: string;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The CORS configuration of the local bucket: what the deployed ProofsBucket allows (POST), plus GET. */
export function corsXml(origins: readonly string[]): string {
  const rules = origins
    .map(
      (origin) =>
        `<CORSRule><AllowedOrigin>${escapeXml(origin)}</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod>` +
        '<AllowedHeader>*</AllowedHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule>',
    )
    .join('');
  return `<CORSConfiguration>${rules}</CORSConfiguration>`;
}

export async function startS3Local(options: S3LocalOptions): Promise<S3Local> {
  const { port, proofsBucket, corsOrigins, timeoutMs = 30_000 } = options;
  await assertPortFree(port, '本地 S3（s3rver）', options.portEnvName);
  const directory = resolve(options.directory);
  mkdirSync(directory, { recursive: true });
  // The bucket's configuration files live outside the data directory (s3rver lists its folders as buckets).
  const configDir = mkdtempSync(join(tmpdir(), 'hainan-union-s3-'));
  const configs: string[] = [];
  if (corsOrigins.length > 0) {
    const file = join(configDir, 'cors.xml');
    writeFileSync(file, corsXml(corsOrigins));
    configs.push(file);
  }

  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('s3rver/package.json')), 'bin', 's3rver.js');
  const args = [bin, '--directory', directory, '--address', '127.0.0.1', '--port', String(port), '--silent', '--no-vhost-buckets', '--configure-bucket', proofsBucket, ...configs];
  const child = startProcess(process.execPath, args, { name: 's3rver', keepLines: 40 });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await child.stop();
    rmSync(configDir, { recursive: true, force: true });
  };

  let exited = false;
  child.exited.then(
    () => (exited = true),
    () => (exited = true),
  );
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited) throw new StackStartError(`本地 S3（s3rver，端口 ${port}）启动失败：\n${child.recentOutput()}`);
      try {
        // The bucket is created before s3rver listens: any answer for it means ready.
        const res = await fetch(`${endpoint}/${proofsBucket}?max-keys=1`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new StackStartError(`本地 S3（s3rver）在 ${timeoutMs / 1000} 秒内没有就绪：\n${child.recentOutput()}`);
      await sleep(100);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { endpoint, buckets: { proofs: proofsBucket }, process: child, stop };
}

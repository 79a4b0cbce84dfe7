/**
 * `npm run bench`: bundle weight and cold-start module-init time of every function in serverless.yml,
 * next to a baseline handler that only loads `@aws-sdk/client-dynamodb` and creates a client.
 *
 * Each function is bundled as serverless-esbuild deploys it (minified, node20, CommonJS, AWS SDK
 * external), into a temporary directory. Init time is the time a fresh `node` takes to `require()`
 * the bundle (what Lambda's init phase spends in our code); every bundle is loaded `--runs` times
 * (default 7), interleaved with the others, and the median is reported. It reports; it does not fail.
 *
 *   npm run bench [-- --runs 11]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { ensureSecretsFile } from './lib/secrets-file';

const run = promisify(execFile);
const root = resolve(__dirname, '..');
const BUDGET_KB = 250;
const BUDGET_INIT_RATIO = 1.3;
const BASELINE = '(baseline: client-dynamodb)';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Math.max(1, Number.parseInt(args.runs, 10) || 7);

interface Target {
  name: string;
  entry: string;
  outfile: string;
  kb?: number;
  samples: number[];
  cpuSamples: number[];
  /** First line of the error when the bundle failed to load (then it is not measured further). */
  failure?: string;
}

/**
 * Requires the bundle given as argv[1] and prints how long that took, in milliseconds: wall clock
 * and CPU (user + system). CPU time is shown beside the wall clock because it is less disturbed by
 * other processes competing for the cores.
 */
const probe = `
const cpu = process.cpuUsage();
const started = process.hrtime.bigint();
require(process.argv[1]);
const wall = Number(process.hrtime.bigint() - started) / 1e6;
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'hainan-bench-'));
  try {
    const config = parse(readFileSync(join(root, 'serverless.yml'), 'utf8'), { logLevel: 'error' }) as {
      functions: Record<string, { handler: string }>;
    };
    const baselineEntry = join(work, 'baseline.ts');
    writeFileSync(
      baselineEntry,
      [
        "import { DynamoDB } from '@aws-sdk/client-dynamodb';",
        'export const ddb = new DynamoDB({ region: process.env.AWS_REGION });',
        "export const handler = async () => ({ statusCode: 200, body: '{}' });",
        '',
      ].join('\n'),
    );
    const targets: Target[] = [
      { name: BASELINE, entry: baselineEntry, outfile: join(work, 'out', 'baseline.js'), samples: [], cpuSamples: [] },
      ...Object.entries(config.functions).map(([name, fn]) => ({
        name,
        entry: join(root, `${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.ts`),
        outfile: join(work, 'out', `${name}.js`),
        samples: [],
        cpuSamples: [],
      })),
    ];

    // The same options as custom.esbuild in serverless.yml.
    await Promise.all(
      targets.map(async (t) => {
        await build({
          absWorkingDir: root,
          entryPoints: [t.entry],
          outfile: t.outfile,
          bundle: true,
          minify: true,
          platform: 'node',
          target: 'node20',
          format: 'cjs',
          external: ['@aws-sdk/*'],
          tsconfig: join(root, 'functions/tsconfig.json'),
          logLevel: 'error',
        });
        t.kb = statSync(t.outfile).size / 1024;
      }),
    );

    const secretsFile = join(work, 'secrets.json');
    ensureSecretsFile(secretsFile);
    const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      // What the test stage gives the functions at import time (see params.test in serverless.yml).
      STAGE: 'test',
      TABLE_PREFIX: 'hainan-union-test-',
      WECHAT_MODE: 'dev',
      WECHAT_APP_ID: '',
      SECRETS_SSM_PATH: '',
      LOG_LEVEL: 'warn',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
      LOCAL_SECRETS_FILE: secretsFile,
      AWS_REGION: 'cn-northwest-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      // Bundles live outside the repo: resolve the external AWS SDK from its node_modules.
      NODE_PATH: join(root, 'node_modules'),
    };

    for (let i = 0; i < runs; i += 1) {
      for (const t of targets.filter((target) => !target.failure)) {
        try {
          const { stdout } = await run(process.execPath, ['-e', probe, t.outfile], { env });
          const sample = JSON.parse(stdout) as { wall: number; cpu: number };
          t.samples.push(sample.wall);
          t.cpuSamples.push(sample.cpu);
        } catch (error) {
          const stderr = (error as { stderr?: string }).stderr ?? String(error);
          // Node prints the throwing source line (a whole minified bundle) before `SomeError: message`.
          const message = stderr.split('\n').find((l) => /^\w*Error\b[^:]*:/.test(l)) ?? 'failed (see node stderr)';
          t.failure = message.slice(0, 300);
        }
      }
    }

    if (targets[0]!.failure) throw new Error(`the baseline failed to load: ${targets[0]!.failure}`);
    const baseline = median(targets[0]!.samples);
    const rows = targets.map((t) => {
      if (t.failure) return [t.name, t.kb!.toFixed(1), 'load failed', '', '', 'NO'];
      const initMs = median(t.samples);
      const ratio = initMs / baseline;
      const within = t.kb! <= BUDGET_KB && ratio <= BUDGET_INIT_RATIO;
      const cpuMs = median(t.cpuSamples);
      return [
        t.name,
        t.kb!.toFixed(1),
        initMs.toFixed(1),
        `${ratio.toFixed(2)}×`,
        cpuMs.toFixed(1),
        t.name === BASELINE ? '' : within ? 'yes' : 'NO',
      ];
    });
    const header = [
      'function',
      'KB',
      'init ms (median)',
      'vs baseline',
      'cpu ms (median)',
      `within budget (≤ ${BUDGET_KB} KB, init ≤ ${BUDGET_INIT_RATIO}× baseline)`,
    ];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`node ${process.version}, ${runs} runs per bundle, esbuild minified cjs node20, @aws-sdk/* external`);
    console.log(`${cpus().length} CPUs, load average ${load} (wall-clock times are noisy on a busy machine)\n`);
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows) console.log(line(r));
    const failed = targets.filter((target) => target.failure);
    if (failed.length > 0) console.log('');
    for (const t of failed) console.log(`${t.name} failed to load: ${t.failure}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  // A bundle that fails to build or to load is a finding, but the benchmark is not a gate.
  console.error('bench could not complete:', error);
});

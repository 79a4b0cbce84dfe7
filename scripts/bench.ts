/**
 * `npm run bench`: bundle weight and cold-start module-init time of every function
 * (scripts/lib/functions-list.ts), against two floors measured in the same run:
 *   - the SDK floor: a handler that only loads `@aws-sdk/client-dynamodb` and creates a client;
 *   - the dynamoose floor: a handler that only loads dynamoose and a DynamoDB client and creates one
 *     model (what any function storing through dynamoose cannot go below).
 *
 * Each function is bundled as serverless-esbuild deploys it (minified, CommonJS, AWS SDK external),
 * into a temporary directory. Init time is the time a fresh `node` takes to `require()` the bundle
 * (what Lambda's init phase spends in our code): wall clock and CPU (user + system; less disturbed
 * by other processes competing for the cores). Every bundle is loaded `--runs` times (default 7),
 * interleaved with the others, and the medians are reported.
 *
 * The budget (README › Cold starts): every function ≤ 250 KB and its init ≤ 1.3× the SDK floor —
 * unless dynamoose alone makes that unreachable (1.1× the dynamoose floor, the least a function
 * storing through dynamoose can hope for, is above it): then ≤ 1.1× the dynamoose floor. Both floors
 * are measured in the same run. Init is judged on CPU time: on a shared machine the wall clock
 * mostly measures the other processes (at load 9–14 the SDK floor's wall median was 107–168 ms for
 * 77–93 ms of CPU), on an idle one the two agree within a few per cent, and Lambda's init runs on its
 * own vCPU. Each function is PASS or OVER (and why); it reports, it does not fail.
 *
 *   npm run bench [-- --runs 11]
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { build } from 'esbuild';
import { listFunctions } from './lib/functions-list';
import { ensureSecretsFile } from './lib/secrets-file';

const run = promisify(execFile);
const root = resolve(__dirname, '..');
const BUDGET_KB = 250;
/** Init budget: this many times the SDK floor… */
const BUDGET_SDK_RATIO = 1.3;
/** …or, where dynamoose alone is above that, this many times the dynamoose floor. */
const BUDGET_DYNAMOOSE_RATIO = 1.1;
const SDK_FLOOR = '(floor: client-dynamodb)';
const DYNAMOOSE_FLOOR = '(floor: dynamoose + 1 model)';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Math.max(1, Number.parseInt(args.runs, 10) || 7);

interface Target {
  name: string;
  entry: string;
  outfile: string;
  floor: boolean;
  kb?: number;
  samples: number[];
  cpuSamples: number[];
  /** First line of the error when the bundle failed to build or to load (then it is not measured further). */
  failure?: string;
}

/** The floors' handlers: nothing of ours, only what every function of that kind loads. */
const FLOOR_SOURCES: Record<string, string> = {
  [SDK_FLOOR]: [
    "import { DynamoDB } from '@aws-sdk/client-dynamodb';",
    'export const ddb = new DynamoDB({ region: process.env.AWS_REGION });',
    "export const handler = async () => ({ statusCode: 200, body: '{}' });",
  ].join('\n'),
  // As functions/kernel/data/client.ts sets dynamoose up, and one model built at load.
  [DYNAMOOSE_FLOOR]: [
    "import { DynamoDB } from '@aws-sdk/client-dynamodb';",
    "import * as dynamoose from 'dynamoose';",
    'export const ddb = new DynamoDB({ region: process.env.AWS_REGION });',
    'dynamoose.aws.ddb.set(ddb);',
    "dynamoose.Table.defaults.set({ prefix: process.env.TABLE_PREFIX, create: false, waitForActive: false, update: false });",
    "export const GuardModel = dynamoose.model('guards', new dynamoose.Schema({ key: { type: String, hashKey: true }, owner: String, n: Number }));",
    "export const handler = async () => ({ statusCode: 200, body: '{}' });",
  ].join('\n'),
};

/**
 * Requires the bundle given as argv[1] and prints how long that took, in milliseconds: wall clock
 * and CPU (user + system).
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

/** The first line of an error that says what went wrong (node prints the throwing minified line first). */
function firstErrorLine(error: unknown): string {
  const text = (error as { stderr?: string }).stderr || (error instanceof Error ? error.message : String(error));
  const line = text.split('\n').find((l) => /^\w*Error\b[^:]*:|ERROR:/.test(l.trim())) ?? text.split('\n')[0] ?? 'failed';
  return line.trim().slice(0, 300);
}

const loadNow = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const loadAtStart = loadNow();
  const work = mkdtempSync(join(tmpdir(), 'hainan-bench-'));
  try {
    mkdirSync(join(work, 'floors'));
    const floors: Target[] = Object.entries(FLOOR_SOURCES).map(([name, source], i) => {
      const entry = join(work, 'floors', `floor-${i}.ts`);
      writeFileSync(entry, `${source}\n`);
      return { name, entry, outfile: join(work, 'out', `floor-${i}.js`), floor: true, samples: [], cpuSamples: [] };
    });
    const functions: Target[] = listFunctions(root).map(({ name, handler }) => ({
      name,
      entry: join(root, `${handler.slice(0, handler.lastIndexOf('.'))}.ts`),
      outfile: join(work, 'out', `${name}.js`),
      floor: false,
      samples: [],
      cpuSamples: [],
    }));
    const targets = [...floors, ...functions];

    // The options of custom.esbuild in the serverless configuration (target node20: this machine's
    // node runs the bundles; the deployed node22 target differs in no syntax these bundles use).
    await Promise.all(
      targets.map(async (t) => {
        try {
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
            // The floors' sources are outside the project: resolve dynamoose from its node_modules.
            nodePaths: [join(root, 'node_modules')],
            logLevel: 'silent',
          });
          t.kb = statSync(t.outfile).size / 1024;
        } catch (error) {
          t.failure = `build failed: ${firstErrorLine(error)}`;
        }
      }),
    );

    const secretsFile = join(work, 'secrets.json');
    ensureSecretsFile(secretsFile);
    const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      // What the test stage gives the functions at import time (infra/shared.yml › params.test).
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
      const live = targets.filter((target) => !target.failure);
      // Each round starts one further along, so that no bundle always runs first or last.
      const offset = i % Math.max(1, live.length);
      for (const t of [...live.slice(offset), ...live.slice(0, offset)]) {
        try {
          const { stdout } = await run(process.execPath, ['-e', probe, t.outfile], { env });
          const sample = JSON.parse(stdout) as { wall: number; cpu: number };
          t.samples.push(sample.wall);
          t.cpuSamples.push(sample.cpu);
        } catch (error) {
          t.failure = `load failed: ${firstErrorLine(error)}`;
        }
      }
    }

    for (const floor of floors) if (floor.failure) throw new Error(`${floor.name}: ${floor.failure}`);
    const [sdk, dyn] = floors.map((f) => ({ wall: median(f.samples), cpu: median(f.cpuSamples) })) as [
      { wall: number; cpu: number },
      { wall: number; cpu: number },
    ];
    // "1.3× the SDK floor is unreachable" once dynamoose alone, plus the least a function adds to it
    // (BUDGET_DYNAMOOSE_RATIO), is above it: then the dynamoose rule is the larger budget.
    const dynamooseAlone = dyn.cpu / sdk.cpu;
    const sdkBudgetMs = BUDGET_SDK_RATIO * sdk.cpu;
    const dynamooseBudgetMs = BUDGET_DYNAMOOSE_RATIO * dyn.cpu;
    const useDynamooseRule = dynamooseBudgetMs > sdkBudgetMs;
    const budgetMs = Math.max(sdkBudgetMs, dynamooseBudgetMs);
    const budgetText = useDynamooseRule
      ? `≤ ${BUDGET_DYNAMOOSE_RATIO}× the dynamoose floor = ${budgetMs.toFixed(1)} ms of CPU (dynamoose alone is ${dynamooseAlone.toFixed(2)}× the SDK floor, so ${BUDGET_SDK_RATIO}× it = ${sdkBudgetMs.toFixed(1)} ms is out of reach)`
      : `≤ ${BUDGET_SDK_RATIO}× the SDK floor = ${budgetMs.toFixed(1)} ms of CPU (dynamoose alone is ${dynamooseAlone.toFixed(2)}× the SDK floor; ${BUDGET_DYNAMOOSE_RATIO}× it = ${dynamooseBudgetMs.toFixed(1)} ms)`;

    const verdicts = new Map<Target, string>();
    const rows = targets.map((t) => {
      const kb = t.kb === undefined ? '' : t.kb.toFixed(1);
      if (t.failure) {
        verdicts.set(t, 'OVER');
        return [t.name, kb, '', '', '', '', '', `OVER (${t.failure.startsWith('build') ? 'build' : 'load'} failed)`];
      }
      const wall = median(t.samples);
      const cpu = median(t.cpuSamples);
      const over = [...(t.kb! > BUDGET_KB ? ['KB'] : []), ...(cpu > budgetMs ? ['init'] : [])];
      const verdict = t.floor ? '' : over.length === 0 ? 'PASS' : `OVER (${over.join(', ')})`;
      verdicts.set(t, verdict);
      return [
        t.name,
        kb,
        wall.toFixed(1),
        cpu.toFixed(1),
        `${(wall / sdk.wall).toFixed(2)}×`,
        `${(cpu / sdk.cpu).toFixed(2)}×`,
        `${(cpu / dyn.cpu).toFixed(2)}×`,
        verdict,
      ];
    });

    const header = ['function', 'KB', 'wall ms', 'cpu ms', '×SDK wall', '×SDK cpu', '×dynamoose cpu', 'verdict'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    const line = (cells: string[]) =>
      cells.map((cell, c) => (c === 0 || c === cells.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
    console.log(`node ${process.version}, ${runs} runs per bundle (medians), esbuild minified cjs node20, @aws-sdk/* external`);
    console.log(`${cpus().length} CPUs, load average at start ${loadAtStart}, at end ${loadNow()} (init is judged on CPU: wall clock on a busy machine measures the others)`);
    console.log(`floors: SDK ${sdk.wall.toFixed(1)} ms (cpu ${sdk.cpu.toFixed(1)}), dynamoose ${dyn.wall.toFixed(1)} ms (cpu ${dyn.cpu.toFixed(1)})`);
    console.log(`budget: ≤ ${BUDGET_KB} KB, and init ${budgetText}\n`);
    console.log(line(header));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const r of rows) console.log(line(r));

    const passing = functions.filter((t) => verdicts.get(t) === 'PASS').length;
    const over = functions.filter((t) => verdicts.get(t) !== 'PASS');
    console.log(`\n${passing} of ${functions.length} functions within budget${over.length ? `; over: ${over.map((t) => t.name).join(', ')}` : ''}`);
    for (const t of targets.filter((target) => target.failure)) console.log(`${t.name}: ${t.failure}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  // A bundle that fails to build or to load is a finding, but the benchmark is not a gate.
  console.error('bench could not complete:', error);
});

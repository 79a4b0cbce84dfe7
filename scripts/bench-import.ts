/**
 * `npm run bench:import`: the roster import at scale, on this machine.
 *
 * Starts a private local stack (DynamoDB Local in memory, s3rver, the demo data), generates a CSV of
 * `--rows` valid rows (100,000 by default: valid GB 11643 ID numbers with their check characters,
 * unique phones, the demo's grassroots unions by id or by name), uploads it with the presigned POST
 * and runs the job through the same code path as the worker (runImportJob: chunks, `--parallel` in
 * flight, batched guard reads, many rows per transaction). Prints rows/s, the job's counts, and the
 * Node process's peak RSS and heap (DynamoDB Local is a separate Java process). First, in the same
 * run, a bare loop writes `--rows` other people with the same items and transactions and nothing
 * else (DynamoDB Local's own ceiling here); after (a) the import, (b) imports the same file again
 * (everything unchanged: the read path alone). The summary compares (a) with the bare loop (target
 * ≥ 0.8×) and gives its Node CPU a row (target ≤ 0.4 ms). It reports; it does not fail.
 *
 *   npm run bench:import [-- --rows 100000 --chunk 200 --parallel 4]
 */
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { mod11CheckCharacter } from '../functions/kernel/check-character';
import { loadDemoData } from './lib/demo-data';
import { freePort } from './lib/ports';
import { ensureSecretsFile } from './lib/secrets-file';
import { startStack } from './lib/stack';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    chunk: { type: 'string', default: '200' },
    parallel: { type: 'string', default: '4' },
  },
});
const ROWS = Math.max(100, Number.parseInt(args.rows, 10) || 100_000);
const CHUNK = Math.max(10, Number.parseInt(args.chunk, 10) || 200);
const PARALLEL = Math.max(1, Number.parseInt(args.parallel, 10) || 4);

const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾符邢云');
const GIVEN = Array.from('海燕明华国强秀英丽娟志伟建军小红晓东春梅玉兰振华美玲家豪思远雨桐子涵');
const AREAS = ['460105', '460106', '460107', '460108', '460202', '460203', '460204', '460205', '469001', '469002', '469005', '469006'];

/** The i-th valid ID number: distinct for i < 14,600 × 1,000 (a birth day × a 3-digit sequence). */
function idNumber(i: number): string {
  const day = i % 14_600;
  const birth = new Date(Date.UTC(1962, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const seq = String(Math.floor(i / 14_600) % 1000).padStart(3, '0');
  const body = `${AREAS[i % AREAS.length]}${birth}${seq}`;
  return body + mod11CheckCharacter(body);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'hainan-bench-import-'));
  const secretsFile = join(tmp, 'secrets.json');
  ensureSecretsFile(secretsFile);
  console.log(`[bench:import] starting DynamoDB Local, s3rver and the demo data…`);
  const stack = await startStack({ stage: 'test', secretsFile, dynamodb: { port: await freePort() }, s3: { port: await freePort(), directory: join(tmp, 's3') }, seed: true });
  try {
    Object.assign(process.env, {
      STAGE: 'test',
      TABLE_PREFIX: stack.tablePrefix,
      WECHAT_MODE: 'dev',
      DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
      S3_ENDPOINT: stack.s3?.endpoint,
      PROOFS_BUCKET: stack.s3?.proofsBucket,
      LOCAL_SECRETS_FILE: secretsFile,
      AWS_REGION: 'cn-northwest-1',
      LOG_LEVEL: 'error',
    });
    const { importDeps } = await import('../functions/workbench/services/deps');
    const svc = await import('../functions/workbench/services/roster-import');
    // Members seeded before the ID guard existed get theirs, and the roster is marked complete (the seed does it too).
    const { backfillIdGuards } = await import('../functions/membership/data/roster-maintenance');
    await backfillIdGuards();
    const defaultDeps = await importDeps();
    const deps = defaultDeps;
    const admin = 'dev-bench-import-admin';
    await deps.accounts.createIfAbsent({ openid: admin, roles: [{ type: 'admin' }] }, new Date());

    const demo = loadDemoData();
    const unions = demo.orgs.filter((o) => o.kind === 'grassroots');
    const demoIds = new Set(demo.members.map((m) => m.idNumber));
    /** `ROWS` people from the `from`-th generated one on (ID numbers and phones distinct from the demo's). */
    const peopleFrom = (from: number) => {
      const people = [];
      for (let i = from; people.length < ROWS; i += 1) {
        const id = idNumber(i);
        if (demoIds.has(id)) continue;
        const union = unions[i % unions.length]!;
        const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13 + 5) % GIVEN.length]}`;
        people.push({ i, id, name, phone: `170${String(i).padStart(8, '0')}`, union });
      }
      return people;
    };
    /** Their CSV, half naming the union by id and half by name. */
    const fileOf = (from: number) => {
      const lines = ['姓名,身份证号,手机号,工会编号,工会名称'];
      for (const p of peopleFrom(from)) lines.push(p.i % 2 === 0 ? `${p.name},${p.id},${p.phone},${p.union.id},` : `${p.name},${p.id},${p.phone},,${p.union.name}`);
      return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
    };
    const first = fileOf(0);
    console.log(`[bench:import] ${ROWS.toLocaleString('en-US')} rows, ${mb(first.length)} CSV; chunks of ${CHUNK}, ${PARALLEL} in flight`);

    const importOnce = async (label: string, csv: Uint8Array, deps: typeof defaultDeps) => {
      const { job, upload } = await svc.createImport(deps, admin, { fileName: 'bench.csv', format: 'csv' });
      const form = new FormData();
      for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
      form.append('file', new Blob([csv as Uint8Array<ArrayBuffer>]), 'bench.csv');
      const res = await fetch(upload.url, { method: 'POST', body: form });
      if (res.status >= 300) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
      await svc.startImport(deps, admin, job.id);
      let heapPeak = 0;
      const sampler = setInterval(() => {
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }, 100);
      const started = performance.now();
      const cpu = process.cpuUsage();
      let runs = 0;
      let result: string;
      do {
        runs += 1;
        result = await svc.runImportJob(deps, job.id, { holder: `bench-${runs}`, deadline: Date.now() + 3_600_000, chunkRows: CHUNK, parallel: PARALLEL });
      } while (result === 'paused');
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const cpuMsPerRow = (used.user + used.system) / 1000 / Math.max(1, ROWS);
      clearInterval(sampler);
      const done = (await svc.getImport(deps, admin, job.id)).job;
      console.log(
        `[bench:import] ${label}: ${result} in ${seconds.toFixed(1)} s → ${(done.counts.read / seconds).toFixed(0)} rows/s; ` +
          `counts ${JSON.stringify(done.counts)}; Node CPU ${cpuMsPerRow.toFixed(2)} ms/row; heap peak ${mb(heapPeak)}, RSS peak ${mb(process.resourceUsage().maxRSS * 1024)}`,
      );
      return { seconds, counts: done.counts, cpuMsPerRow };
    };
    /**
     * The bare loop: the same items written with the same transactions (addMany: 25 rows, 3 items a
     * row, 4 transactions in flight per chunk, `PARALLEL` chunks of `CHUNK` rows in flight), with no
     * file, parsing, checking, reading or reporting — what DynamoDB Local itself allows here.
     */
    const bareLoop = async () => {
      const entries = peopleFrom(ROWS * 6).map((p, n) => ({ id: ulid(), name: p.name, idNumber: p.id, phone: p.phone, orgId: p.union.id, job: { id: 'bench-bare', row: n + 2 } }));
      const started = performance.now();
      const cpu = process.cpuUsage();
      let next = 0;
      let written = 0;
      const lane = async () => {
        for (let at = next; at < entries.length; at = next) {
          next += CHUNK;
          const outcome = await defaultDeps.roster.addMany(entries.slice(at, at + CHUNK), defaultDeps.idCrypto, new Date());
          for (const o of outcome.values()) if (o === 'created') written += 1;
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, lane));
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const cpuMsPerRow = (used.user + used.system) / 1000 / Math.max(1, ROWS);
      console.log(`[bench:import] (bare) the same items and transactions, nothing else: ${written} written in ${seconds.toFixed(1)} s → ${(written / seconds).toFixed(0)} rows/s; Node CPU ${cpuMsPerRow.toFixed(2)} ms/row`);
      return { seconds, counts: { read: written }, cpuMsPerRow };
    };
    const bare = await bareLoop();
    const results = [
      await importOnce('(a) new members, the production path (ID guards only: the roster is marked complete)', first, defaultDeps),
      await importOnce('(b) the same file again (every row unchanged)', first, defaultDeps),
    ];
    const rate = (r: { seconds: number; counts: { read: number } }) => r.counts.read / r.seconds;
    const [a] = results;
    const ratio = rate(a!) / rate(bare);
    console.log(
      `[bench:import] summary (rows/s): bare ${rate(bare).toFixed(0)} / (a) ${rate(a!).toFixed(0)} / (b) ${rate(results[1]!).toFixed(0)}; ` +
        `(a) = ${ratio.toFixed(2)} × the bare loop (target ≥ 0.8: ${ratio >= 0.8 ? 'met' : 'NOT met'}); ` +
        `(a) Node CPU ${a!.cpuMsPerRow.toFixed(2)} ms/row (target ≤ 0.4: ${a!.cpuMsPerRow <= 0.4 ? 'met' : 'NOT met'}), the bare loop's own ${bare.cpuMsPerRow.toFixed(2)}`,
    );
  } finally {
    await stack.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

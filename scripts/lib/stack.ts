import { startOfflineApi, type OfflineApi } from './api-offline';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { startH5Server, type H5Server } from './h5-server';
import { startS3Local } from './s3-local';
import { join } from 'node:path';
import { projectRoot } from './paths';
import { assertPortFree } from './ports';
import { startProcess } from './processes';
import { startScheduler } from './scheduler';
import { startLocalWechatPay, type LocalWechatPay } from './wechatpay-local';
import type { FakeWechatPay } from './wechatpay-fake';
import { rebuildStats, startStreamConsumer } from './streams-process';
import { seedDemo, type SeedResult } from './seed-runner';
import { ensureTables, tablePrefix, type EnsureTablesResult } from './tables';

/**
 * The whole local stack, in start order: DynamoDB Local → tables from serverless.yml → demo seed →
 * s3rver (the proofs bucket, when asked) → serverless-offline → static H5 server. Used by `npm start` and by the api/e2e test global setups
 * (which stop after the step they need). stop() ends everything in reverse order.
 */
export interface StackOptions {
  stage: string;
  dynamodb: { port: number; dbPath?: string; portEnvName?: string };
  /** s3rver with the proofs bucket (`<table prefix>proofs`), its objects under `directory`. */
  s3?: { port: number; directory: string; portEnvName?: string };
  secretsFile: string;
  seed?: boolean;
  api?: {
    port: number;
    lambdaPort: number;
    esbuildWorkFolder: string;
    removeWorkFolderAtStop?: boolean;
    portEnvNames?: { port?: string; lambdaPort?: string };
    onLine?: (line: string) => void;
  };
  h5?: { root: string; port: number; portEnvName?: string; host?: string };
  /** Run the applications' scheduler (reminders, escalations, outbox sender) every so many seconds. */
  scheduler?: { everySeconds: number; onLine?: (line: string) => void };
  /**
   * The dashboard's stream consumer (scripts/streams.ts): polls the members' and applications'
   * streams every `everyMs` and runs the stats handler on them, as Lambda does in AWS.
   */
  streams?: { everyMs: number; onLine?: (line: string) => void };
  /**
   * The local fake of WeChat Pay v3 (scripts/lib/wechatpay-fake.ts) on `port`, its key in `keyFile`
   * (kept between runs), the functions pointed at it; with `sweepEverySeconds` the payments' sweep
   * (deadlines, reconciliation, code ends) runs that often, as its schedule does in AWS.
   */
  wechatPay?: { port: number; keyFile?: string; sweepEverySeconds?: number; portEnvName?: string; onLine?: (line: string) => void };
  /** Awaited after the API is up and before the H5 server starts (e.g. a build running meanwhile). */
  beforeH5?: Promise<unknown>;
  /** Progress, one step at a time (Chinese, for the console). */
  onStep?: (message: string) => void;
}

export interface Stack {
  stage: string;
  dynamodbEndpoint: string;
  tablePrefix: string;
  secretsFile: string;
  /** s3rver and its proofs bucket (when options.s3). */
  s3?: { endpoint: string; proofsBucket: string };
  tables: EnsureTablesResult;
  seed?: SeedResult;
  apiUrl?: string;
  h5Url?: string;
  /** The local fake of WeChat Pay (when options.wechatPay): its URL, and the fake itself for tests in this process. */
  wechatPay?: { url: string; fake: FakeWechatPay; env: Record<string, string> };
  /** Milliseconds per step, for the start banner. */
  timings: Record<string, number>;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const { stage, secretsFile, onStep = () => undefined } = options;
  const stops: Array<() => Promise<void>> = [];
  const timings: Record<string, number> = {};
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await step();
    timings[label] = Date.now() - t0;
    return result;
  };

  try {
    onStep(options.dynamodb.dbPath ? `启动 DynamoDB Local（端口 ${options.dynamodb.port}，数据目录 ${options.dynamodb.dbPath}）…` : `启动 DynamoDB Local（端口 ${options.dynamodb.port}，内存模式）…`);
    const db: DynamoDbLocal = await timed('dynamodb', () => startDynamoDbLocal(options.dynamodb));
    stops.push(db.stop);

    const prefix = tablePrefix(stage);
    const tables = await timed('tables', () => ensureTables(db.endpoint, stage));
    onStep(`数据表：新建 ${tables.created.length} 张，已有 ${tables.existing.length} 张`);

    let seed: SeedResult | undefined;
    if (options.seed) {
      onStep('写入演示数据（已存在的不重复写入）…');
      seed = await timed('seed', () => seedDemo({ stage, dynamodbEndpoint: db.endpoint, tablePrefix: prefix, secretsFile }));
      onStep(`演示数据：新建 ${seed.created} 条，已存在 ${seed.skipped} 条`);
    }

    let s3: { endpoint: string; proofsBucket: string } | undefined;
    if (options.s3) {
      const o = options.s3;
      onStep(`启动本地 S3（s3rver，端口 ${o.port}，数据目录 ${o.directory}）…`);
      const local = await timed('s3', () =>
        startS3Local({
          port: o.port,
          directory: o.directory,
          proofsBucket: `${prefix}proofs`,
          corsOrigins: options.h5 ? [`http://127.0.0.1:${options.h5.port}`, `http://localhost:${options.h5.port}`] : [],
          ...(o.portEnvName && { portEnvName: o.portEnvName }),
        }),
      );
      stops.push(local.stop);
      s3 = { endpoint: local.endpoint, proofsBucket: local.buckets.proofs };
    }

    let pay: LocalWechatPay | undefined;
    if (options.wechatPay) {
      const w = options.wechatPay;
      onStep(`启动本地微信支付模拟服务（端口 ${w.port}）…`);
      await assertPortFree(w.port, '本地微信支付模拟服务', w.portEnvName);
      pay = await timed('wechatpay', () =>
        startLocalWechatPay({
          secretsFile,
          port: w.port,
          apiUrl: `http://127.0.0.1:${options.api?.port ?? 0}`,
          corsOrigins: options.h5 ? [`http://127.0.0.1:${options.h5.port}`, `http://localhost:${options.h5.port}`] : [],
          ...(w.keyFile && { keyFile: w.keyFile }),
          ...(w.onLine && { onLine: w.onLine }),
        }),
      );
      const fake = pay.fake;
      stops.push(() => fake.stop());
    }

    let api: OfflineApi | undefined;
    if (options.api) {
      const a = options.api;
      onStep(`启动本地 API（serverless-offline，端口 ${a.port}）…`);
      api = await timed('api', () =>
        startOfflineApi({
          stage,
          port: a.port,
          lambdaPort: a.lambdaPort,
          dynamodbEndpoint: db.endpoint,
          secretsFile,
          ...(s3 && { s3 }),
          esbuildWorkFolder: a.esbuildWorkFolder,
          ...(a.removeWorkFolderAtStop !== undefined && { removeWorkFolderAtStop: a.removeWorkFolderAtStop }),
          ...(a.portEnvNames && { portEnvNames: a.portEnvNames }),
          ...(a.onLine && { onLine: a.onLine }),
          ...(pay && { env: pay.env }),
        }),
      );
      stops.push(api.stop);
    }

    if (pay && options.wechatPay?.sweepEverySeconds) {
      const every = options.wechatPay.sweepEverySeconds;
      onStep(`启动支付定时任务（到期释放、对账、券码到期；每 ${every} 秒一次）…`);
      const sweep = startProcess(join(projectRoot, 'node_modules', '.bin', 'tsx'), [join(projectRoot, 'scripts', 'payments-sweep.ts'), '--every', String(every)], {
        name: 'payments-sweep',
        cwd: projectRoot,
        env: { ...process.env, ...pay.env, STAGE: stage, DYNAMODB_ENDPOINT: db.endpoint, TABLE_PREFIX: prefix, LOCAL_SECRETS_FILE: secretsFile },
        ...(options.wechatPay.onLine && { onLine: options.wechatPay.onLine }),
      });
      stops.push(() => sweep.stop());
    }

    if (options.streams && tables.streamsEnabled.length > 0) {
      // Items written before their table had a stream are in no stream: count them once, now,
      // before anything else writes (the API is not up yet).
      onStep(`数据表 ${tables.streamsEnabled.join('、')} 新开启了变更流：按现有数据重算统计…`);
      await timed('stats-rebuild', () => rebuildStats({ stage, dynamodbEndpoint: db.endpoint, tablePrefix: prefix, secretsFile, ...(options.streams?.onLine && { onLine: options.streams.onLine }) }));
    }

    if (options.streams) {
      onStep(`启动统计流处理（会员、申请的变更计入统计；每 ${options.streams.everyMs} 毫秒一次）…`);
      const consumer = startStreamConsumer({ stage, dynamodbEndpoint: db.endpoint, tablePrefix: prefix, secretsFile, ...options.streams });
      stops.push(() => consumer.stop());
    }

    if (options.scheduler) {
      onStep(`启动定时任务（到期提醒、超期督办、发送通知；每 ${options.scheduler.everySeconds} 秒一次）…`);
      const scheduler = startScheduler({ stage, dynamodbEndpoint: db.endpoint, tablePrefix: prefix, secretsFile, ...options.scheduler });
      stops.push(() => scheduler.stop());
    }

    if (options.beforeH5) await timed('wait-before-h5', () => options.beforeH5 as Promise<unknown>);

    let h5: H5Server | undefined;
    if (options.h5) {
      if (!api) throw new Error('the H5 server needs the API (options.api)');
      const h = options.h5;
      h5 = await startH5Server({ root: h.root, port: h.port, apiUrl: api.url, ...(h.portEnvName && { portEnvName: h.portEnvName }), ...(h.host && { host: h.host }), ...(pay && { wechatPayUrl: pay.fake.url }) });
      stops.push(h5.stop);
    }

    return {
      stage,
      dynamodbEndpoint: db.endpoint,
      tablePrefix: prefix,
      secretsFile,
      tables,
      timings,
      stop,
      ...(s3 && { s3 }),
      ...(seed && { seed }),
      ...(api && { apiUrl: api.url }),
      ...(h5 && { h5Url: h5.url }),
      ...(pay && { wechatPay: { url: pay.fake.url, fake: pay.fake, env: pay.env } }),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

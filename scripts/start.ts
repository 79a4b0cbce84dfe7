/**
 * `npm start`: the whole stack on this machine, data kept between runs.
 * DynamoDB Local (.local/dynamodb) → tables from serverless.yml → demo data (idempotent) →
 * serverless-offline (stage local) → H5 build if stale → static H5 server with /api proxied.
 * Ctrl-C stops every child process.
 */
import { join } from 'node:path';
import { loadDemoData } from './lib/demo-data';
import { StackStartError } from './lib/errors';
import { buildH5, H5_DIST, h5BuildReason, type H5Build } from './lib/h5-build';
import { projectRoot } from './lib/paths';
import { assertPortFree, portFromEnv } from './lib/ports';
import { hasLiveProcesses, stopAllProcesses } from './lib/processes';
import { ensureSecretsFile } from './lib/secrets-file';
import { startStack, type Stack } from './lib/stack';

const STAGE = 'local';
const LOCAL_DIR = join(projectRoot, '.local');
const SECRETS_FILE = join(LOCAL_DIR, 'secrets.json');

function readPorts() {
  return {
    dynamodb: { env: 'DYNAMODB_PORT', port: portFromEnv('DYNAMODB_PORT', 8000), what: 'DynamoDB Local ' },
    api: { env: 'API_PORT', port: portFromEnv('API_PORT', 3000), what: '本地 API' },
    lambda: { env: 'API_LAMBDA_PORT', port: portFromEnv('API_LAMBDA_PORT', 3002), what: '本地 API 的 Lambda 调用端口' },
    h5: { env: 'H5_PORT', port: portFromEnv('H5_PORT', 10086), what: 'H5 页面服务' },
    s3: { env: 'S3_PORT', port: portFromEnv('S3_PORT', 4569), what: '本地 S3（s3rver）' },
    wechatPay: { env: 'WECHATPAY_PORT', port: portFromEnv('WECHATPAY_PORT', 3010), what: '本地微信支付模拟服务' },
  };
}

const log = (message: string) => console.log(`[start] ${message}`);
const prefixed = (prefix: string) => (line: string) => {
  if (line.trim() !== '') console.log(`${prefix} ${line}`);
};

/** START_VERBOSE=1: every line of the H5 build (webpack's ~1,000) instead of one progress line. */
const VERBOSE = process.env.START_VERBOSE === '1';

/**
 * The H5 build as one progress line: webpack's percentage, rewritten in place on a terminal, else
 * printed at each further 20 %. A failed build prints its error lines anyway (buildH5).
 */
function buildProgress(): (line: string) => void {
  let shown = -1;
  return (line: string) => {
    const percent = /\((\d{1,3})%\)/.exec(line)?.[1];
    if (percent === undefined) return;
    const n = Number(percent);
    if (process.stdout.isTTY) {
      if (n !== shown) process.stdout.write(`\r[start] H5 构建中… ${n}%   `);
      if (n >= 100) process.stdout.write('\n');
    } else if (n >= shown + 20 || (n >= 100 && shown < 100)) {
      console.log(`[start] H5 构建中… ${n}%`);
    } else {
      return;
    }
    shown = n;
  };
}

let stack: Stack | undefined;
let build: H5Build | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const started = hasLiveProcesses() || stack !== undefined;
    if (started) log('正在停止（DynamoDB Local、本地 S3、微信支付模拟、本地 API、定时任务、H5 服务）…');
    await build?.process.stop();
    await stack?.stop();
    // Whatever was still starting (not in `stack` yet) is stopped gracefully too.
    await stopAllProcesses();
    if (started) log('已全部停止。');
  }
  process.exit(code);
}

let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (!stopping) {
      firstSignalAt = Date.now();
      void shutdown(0);
      return;
    }
    // One Ctrl-C arrives twice (from the terminal and relayed by npm/tsx): only a later one
    // means "stop now". The exit handler in processes.ts then SIGKILLs whatever is left.
    if (Date.now() - firstSignalAt > 1_500) process.exit(130);
  });
}

function banner(s: Stack): void {
  const demo = loadDemoData();
  const lines = [
    '',
    '================ 海南工会云 · 普惠小程序（本地环境）================',
    `  H5 页面：      ${s.h5Url}/`,
    `  API：          ${s.apiUrl}/api   （例：curl -s ${s.apiUrl}/api/cards/jwks）`,
    `  DynamoDB：     ${s.dynamodbEndpoint}   （表前缀 ${s.tablePrefix}，数据保存在 .local/dynamodb）`,
    `  S3（s3rver）： ${s.s3?.endpoint}/${s.s3?.proofsBucket}   （证明图片，数据保存在 .local/s3）`,
    '  定时任务：     每分钟一次：到期提醒、超期督办、发送通知（本地只记入 [schedule] 日志，不真正发送；npm run schedule:once 可立即运行一次）',
    `  微信支付：     本地模拟服务 ${s.wechatPay?.url}（H5 中的“收银台”代替 wx.requestPayment；控制接口见 README › 支付）；每分钟处理到期未付、对账和券码到期`,
    '',
    '  演示登录（在 H5 页面“演示登录”中输入登录名；任意新名字即一个未绑定的新微信账号）：',
    ...demo.accounts.map((a) => `    ${a.openid.replace(/^dev-/, '').padEnd(10)} ${a.label}`),
    '',
    '  可用于“绑定会员”的花名册成员（姓名 / 身份证号 / 手机号，手机号填在“演示手机号”中，代替微信手机号验证）：',
    ...demo.members.slice(0, 3).map((m) => `    ${m.name}  ${m.idNumber}  ${m.phone}`),
    '',
    `  启动用时：${Object.entries(s.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`).join('，')}`,
    '  按 Ctrl-C 停止全部服务。',
    '====================================================================',
    '',
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const ports = readPorts();
  for (const p of Object.values(ports)) await assertPortFree(p.port, p.what, p.env);
  if (ensureSecretsFile(SECRETS_FILE)) log(`已生成本地密钥文件 ${SECRETS_FILE}（请勿删除：本地数据中的身份证号用它加密）`);

  // The H5 build (≈ 1 min when stale) runs while the back end starts.
  const reason = h5BuildReason();
  if (reason) {
    log(`构建 H5（${reason}）…${VERBOSE ? '' : '（约 1–3 分钟；完整输出：START_VERBOSE=1 npm start）'}`);
    build = buildH5(VERBOSE ? prefixed('[h5]') : buildProgress());
    build.done.catch(() => undefined); // awaited through beforeH5; avoid an unhandled rejection meanwhile
  } else {
    log('H5 构建是最新的，跳过构建。');
  }

  stack = await startStack({
    stage: STAGE,
    secretsFile: SECRETS_FILE,
    dynamodb: { port: ports.dynamodb.port, dbPath: join(LOCAL_DIR, 'dynamodb'), portEnvName: ports.dynamodb.env },
    s3: { port: ports.s3.port, directory: join(LOCAL_DIR, 's3'), portEnvName: ports.s3.env },
    seed: true,
    api: {
      port: ports.api.port,
      lambdaPort: ports.lambda.port,
      esbuildWorkFolder: '.local/esbuild/local',
      portEnvNames: { port: ports.api.env, lambdaPort: ports.lambda.env },
      onLine: prefixed('[api]'),
    },
    h5: { root: H5_DIST, port: ports.h5.port, portEnvName: ports.h5.env },
    scheduler: { everySeconds: 60, onLine: prefixed('[schedule]') },
    wechatPay: { port: ports.wechatPay.port, keyFile: join(LOCAL_DIR, 'wechatpay-fake.json'), sweepEverySeconds: 60, portEnvName: ports.wechatPay.env, onLine: prefixed('[wechatpay]') },
    streams: { everyMs: 1000, onLine: prefixed('[stats]') },
    ...(build && { beforeH5: build.done.then(() => log('H5 构建完成。')) }),
    onStep: log,
  });
  stack.timings.total = Date.now() - t0;
  if (stopping) return;
  banner(stack);
}

main().catch(async (err: unknown) => {
  if (err instanceof StackStartError) console.error(`[start] ${err.message}`);
  else console.error(err);
  await shutdown(1);
});

/**
 * The dashboard's stream consumer for a local stack: polls the members' and applications' streams
 * of DynamoDB Local and hands each batch to the same Lambda handler AWS runs on them
 * (functions/stats/api/stats-stream/handler.ts; serverless-offline runs no stream events).
 * `npm start` and the api/e2e test stacks run it beside the API (scripts/lib/stack.ts);
 * `--every <ms>` sets the pause between polls (default 500).
 */
import { parseArgs } from 'node:util';
import { localAwsEnv } from './lib/api-offline';
import { providerEnvironment } from './lib/serverless-config';
import { createStreamPoller } from './lib/streams';
import { tablePrefix } from './lib/tables';

const { values: args } = parseArgs({ options: { every: { type: 'string' } } });
const everyMs = args.every === undefined ? 500 : Number(args.every);
if (!(Number.isFinite(everyMs) && everyMs >= 50)) {
  console.error(`--every 需要一个不小于 50 的毫秒数，而不是 ${args.every}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const stage = process.env.STAGE || 'local';
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const secretsFile = process.env.LOCAL_SECRETS_FILE;
  if ((stage !== 'local' && stage !== 'test') || !endpoint || !secretsFile) {
    console.error('只能对本地环境运行（STAGE=local 或 test，并设置 DYNAMODB_ENDPOINT 和 LOCAL_SECRETS_FILE）；部署后由 Lambda 的流事件触发。');
    process.exit(2);
  }
  const prefix = process.env.TABLE_PREFIX || tablePrefix(stage);
  Object.assign(process.env, {
    ...localAwsEnv(),
    ...providerEnvironment(stage, { ...process.env, DYNAMODB_ENDPOINT: endpoint, LOCAL_SECRETS_FILE: secretsFile }),
    DYNAMODB_ENDPOINT: endpoint,
    LOCAL_SECRETS_FILE: secretsFile,
    STAGE: stage,
    TABLE_PREFIX: prefix,
    LOG_LEVEL: process.env.STREAMS_LOG_LEVEL || 'warn',
  });
  const { handler } = await import('../functions/stats/api/stats-stream/handler');
  const { STREAM_SOURCES } = await import('../functions/stats/services/stream');
  const poller = createStreamPoller({
    endpoint,
    tables: STREAM_SOURCES.map((t) => `${prefix}${t}`),
    handle: (event) => handler(event as never),
    onError: (err) => console.error(`统计流处理失败，稍后重试：${err instanceof Error ? err.message : String(err)}`),
  });
  const stop = () => {
    void poller.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  poller.start(everyMs);
}

main().catch((err: unknown) => {
  console.error(`统计流处理无法启动：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

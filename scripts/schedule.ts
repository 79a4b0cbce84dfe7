/**
 * `npm run schedule:once`: one run of the applications' scheduler — reminders a working day before a
 * step's or a 回访's deadline, escalations of overdue ones, then the outbox sender — against the local stack
 * of `npm start` (DynamoDB Local on DYNAMODB_PORT, default 8000; keys in .local/secrets.json). The
 * development WeChat adapter logs each subscription message instead of sending it.
 *
 * `--every <seconds>`: a run, then one every so many seconds until stopped. `npm start` runs it that
 * way beside the API (scripts/lib/scheduler.ts); serverless.yml turns the schedule event off locally.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { localAwsEnv } from './lib/api-offline';
import { projectRoot } from './lib/paths';
import { portFromEnv } from './lib/ports';
import { providerEnvironment } from './lib/serverless-config';
import { tablePrefix } from './lib/tables';

const { values: args } = parseArgs({ options: { every: { type: 'string' } } });
const everySeconds = args.every === undefined ? null : Number(args.every);
if (everySeconds !== null && !(Number.isFinite(everySeconds) && everySeconds >= 1)) {
  console.error(`--every 需要一个不小于 1 的秒数，而不是 ${args.every}`);
  process.exit(2);
}

/** What the functions of the local stack see (serverless.yml's provider.environment), with its plumbing. */
function useLocalStack(): void {
  const stage = process.env.STAGE || 'local';
  if (stage !== 'local' && stage !== 'test') {
    console.error(`只能对本地环境运行（STAGE=${stage}）；部署后的定时任务由 serverless.yml 的 schedule 事件触发。`);
    process.exit(2);
  }
  const plumbing = {
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT || `http://127.0.0.1:${portFromEnv('DYNAMODB_PORT', 8000)}`,
    LOCAL_SECRETS_FILE: process.env.LOCAL_SECRETS_FILE || join(projectRoot, '.local', 'secrets.json'),
  };
  if (!existsSync(plumbing.LOCAL_SECRETS_FILE)) {
    console.error(`找不到本地密钥文件 ${plumbing.LOCAL_SECRETS_FILE}：请先运行 npm start（它创建本地环境和这个文件）。`);
    process.exit(2);
  }
  Object.assign(process.env, {
    ...localAwsEnv(),
    ...providerEnvironment(stage, { ...process.env, ...plumbing }),
    ...plumbing,
    STAGE: stage,
    TABLE_PREFIX: process.env.TABLE_PREFIX || tablePrefix(stage),
    // The stage's debug level would print every request; what was sent is logged at info.
    LOG_LEVEL: process.env.SCHEDULE_LOG_LEVEL || 'info',
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const when = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

async function main(): Promise<void> {
  useLocalStack();
  const { runSchedule } = await import('../functions/applications/services/schedule');
  const { scheduleDeps } = await import('../functions/applications/services/schedule-deps');
  const deps = await scheduleDeps();
  for (;;) {
    try {
      const r = await runSchedule(deps);
      const d = r.delivery;
      const busy = r.reminded.length + r.escalated.length + r.followUpsReminded.length + r.followUpsEscalated.length + d.claimed + d.failed > 0;
      if (busy || everySeconds === null) {
        console.log(
          `${when(r.at)} 到期提醒 ${r.reminded.length} 条，超期督办 ${r.escalated.length} 条；` +
            `回访到期提醒 ${r.followUpsReminded.length} 条，回访超期督办 ${r.followUpsEscalated.length} 条；` +
            `通知 ${d.claimed} 条：发出消息 ${d.messages} 条，未订阅等跳过 ${d.refusals} 条，稍后重试 ${d.retried} 条，失败 ${d.failed} 条`,
        );
      }
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      console.error(`本次运行失败（本地 DynamoDB 是否在运行？请先 npm start）：${reason}`);
      if (everySeconds === null) process.exit(1);
    }
    if (everySeconds === null) return;
    await sleep(everySeconds * 1000);
  }
}

main().catch((err: unknown) => {
  console.error(`定时任务无法启动：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

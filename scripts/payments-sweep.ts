/**
 * The payments' scheduled run against the local stack (npm start runs it every minute beside the API,
 * scripts/lib/stack.ts): places past their deadline (query, close, release, the waiting list), orders
 * and refunds whose notification never came, paid codes past their end (bans). What the paymentsSweep
 * function's schedule event does in AWS. `--every <seconds>`: again every so many seconds.
 * The environment (DynamoDB, secrets file, the fake WeChat Pay's WECHATPAY_*) is set by the caller.
 */
import { parseArgs } from 'node:util';
import { localAwsEnv } from './lib/api-offline';
import { providerEnvironment } from './lib/serverless-config';

const { values: args } = parseArgs({ options: { every: { type: 'string' } } });
const everySeconds = args.every === undefined ? null : Number(args.every);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const stage = process.env.STAGE || 'local';
  Object.assign(process.env, { ...localAwsEnv(), ...providerEnvironment(stage, process.env), ...process.env, LOG_LEVEL: process.env.SWEEP_LOG_LEVEL || 'warn' });
  const { runSweep } = await import('../functions/payments/services/settle');
  const { productionDeps } = await import('../functions/payments/services/deps');
  const deps = await productionDeps();
  for (;;) {
    try {
      const counts = await runSweep(deps, { quietMs: 60_000 });
      if (Object.values(counts).some((n) => n > 0) || everySeconds === null) {
        console.log(`到期释放 ${counts.released} 个，补记支付 ${(counts.paid ?? 0) + (counts.reconciled ?? 0)} 笔，退款查询 ${counts.refunds} 笔，券码到期 ${counts.expired} 张（限制 ${counts.banned} 人），失败 ${counts.failed} 项`);
      }
    } catch (err) {
      console.error(`支付定时任务失败：${err instanceof Error ? err.message : String(err)}`);
      if (everySeconds === null) process.exit(1);
    }
    if (everySeconds === null) return;
    await sleep(everySeconds * 1000);
  }
}

main().catch((err: unknown) => {
  console.error(`支付定时任务无法启动：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

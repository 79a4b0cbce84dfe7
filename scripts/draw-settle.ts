/**
 * `npm run draw:settle -- <drawId> [<drawId> …]`: settles drawn scheduled draws again — each winner's
 * place and every ticket's outcome — when the confirmation's settlement was cut short (the function
 * timed out, a reservation failed). Safe to run any number of times: a place is asked with the same
 * request id (`draw-<drawId>-<ticket>`) and found when it was reserved before. Against the local
 * stack of `npm start` (DynamoDB Local on DYNAMODB_PORT, keys in .local/secrets.json), like
 * `npm run schedule:once`; in AWS, opening the draw on 抽签开奖 (GET /api/admin/draws/{id}) does the
 * same. Prints, per draw, the unsettled tickets before and after; exits 1 when any is left.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { localAwsEnv } from './lib/api-offline';
import { projectRoot } from './lib/paths';
import { portFromEnv } from './lib/ports';
import { providerEnvironment } from './lib/serverless-config';
import { tablePrefix } from './lib/tables';

async function main(): Promise<void> {
  const ids = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  if (ids.length === 0) {
    console.error('用法：npm run draw:settle -- <抽签编号> [<抽签编号> …]');
    process.exit(2);
  }
  const stage = process.env.STAGE || 'local';
  const plumbing = {
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT || `http://127.0.0.1:${portFromEnv('DYNAMODB_PORT', 8000)}`,
    LOCAL_SECRETS_FILE: process.env.LOCAL_SECRETS_FILE || join(projectRoot, '.local', 'secrets.json'),
  };
  if (!existsSync(plumbing.LOCAL_SECRETS_FILE)) {
    console.error(`找不到本地密钥文件 ${plumbing.LOCAL_SECRETS_FILE}：请先运行 npm start。`);
    process.exit(2);
  }
  Object.assign(process.env, {
    ...localAwsEnv(),
    ...providerEnvironment(stage, { ...process.env, ...plumbing }),
    ...plumbing,
    STAGE: stage,
    TABLE_PREFIX: process.env.TABLE_PREFIX || tablePrefix(stage),
    LOG_LEVEL: 'warn',
  });
  const { productionDeps } = await import('../functions/draws/services/deps');
  const { resettle } = await import('../functions/draws/services/settlement');
  const deps = await productionDeps();
  let left = 0;
  for (const id of ids) {
    const report = await resettle(deps, id);
    console.log(`${id}: 结算前未完成 ${report.unsettledBefore} 张，结算后 ${report.unsettledAfter} 张`);
    left += report.unsettledAfter;
  }
  process.exit(left > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

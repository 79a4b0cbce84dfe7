/**
 * `npm run stats:rebuild`: recounts the dashboard's counters from the members and applications
 * tables and replaces them (functions/stats/services/rebuild.ts) — for data that predates the
 * streams. Locally (default) against the stack of `npm start`; with STAGE, TABLE_PREFIX and
 * AWS_REGION of a deployed stage against that stage, in a maintenance window (nothing may write
 * members or applications meanwhile, and the stream's event source mapping should be disabled
 * until it is done: README › Statistics).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { localAwsEnv } from './lib/api-offline';
import { projectRoot } from './lib/paths';
import { portFromEnv } from './lib/ports';
import { providerEnvironment } from './lib/serverless-config';
import { tablePrefix } from './lib/tables';

async function main(): Promise<void> {
  const stage = process.env.STAGE || 'local';
  if (stage === 'local' || stage === 'test') {
    const plumbing = {
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT || `http://127.0.0.1:${portFromEnv('DYNAMODB_PORT', 8000)}`,
      LOCAL_SECRETS_FILE: process.env.LOCAL_SECRETS_FILE || join(projectRoot, '.local', 'secrets.json'),
    };
    if (!existsSync(plumbing.LOCAL_SECRETS_FILE)) {
      console.error(`找不到本地密钥文件 ${plumbing.LOCAL_SECRETS_FILE}：请先运行 npm start。`);
      process.exit(2);
    }
    Object.assign(process.env, { ...localAwsEnv(), ...providerEnvironment(stage, { ...process.env, ...plumbing }), ...plumbing, STAGE: stage });
  }
  process.env.TABLE_PREFIX ||= tablePrefix(stage);
  process.env.LOG_LEVEL ||= 'warn';
  const { rebuildCounters } = await import('../functions/stats/services/rebuild');
  const store = await import('../functions/stats/data/rebuild-store');
  const { cachedOrgPaths } = await import('../functions/stats/services/org-paths');
  const { orgStore } = await import('../functions/membership');
  const t0 = Date.now();
  const r = await rebuildCounters({
    members: store.scanMembers,
    applications: store.scanApplications,
    orgPaths: cachedOrgPaths(orgStore, 60 * 60_000),
    replace: store.replaceCounters,
  });
  console.log(`统计重算完成：会员 ${r.members} 人，申请 ${r.applications} 件；删除旧计数 ${r.deleted} 项，写入 ${r.written} 项（${Date.now() - t0} 毫秒）`);
}

main().catch((err: unknown) => {
  console.error(`统计重算失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

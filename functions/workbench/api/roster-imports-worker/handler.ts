import type { Context } from 'aws-lambda';
import { importDeps } from '../../services/deps';
import { driveImport, runImportWorker } from '../../services/import-worker';
import { driveRequestOf } from '../../services/local-drive';

/** Time kept back from the Lambda's limit for the chunks in flight to finish and commit. */
const RESERVE_MS = 90_000;

/**
 * The scheduled worker (serverless.yml: rosterImportsWorker, every minute, 15-minute limit): runs
 * the queued and running imports until RESERVE_MS before its time is up; a job not finished is
 * given back with its cursor and the next run goes on from there. Locally a progress poll invokes it
 * with `{driveImport: {id, ms}}` to run one job for a few seconds (services/local-drive.ts).
 */
export async function handler(event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis' | 'awsRequestId'>) {
  const deps = await importDeps();
  const drive = driveRequestOf(event);
  if (drive) {
    const result = await driveImport(deps, drive.id, drive.ms);
    if (result !== null) return { [drive.id]: result };
  }
  const left = context?.getRemainingTimeInMillis?.() ?? 60_000 + RESERVE_MS;
  return runImportWorker(deps, { holder: context?.awsRequestId ?? `worker-${process.pid}`, deadline: Date.now() + left - RESERVE_MS });
}

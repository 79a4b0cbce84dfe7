import type { Context } from 'aws-lambda';
import { importDeps } from '../../services/deps';
import { runImportWorker } from '../../services/roster-import';

/** Time kept back from the Lambda's limit for the chunks in flight to finish and commit. */
const RESERVE_MS = 90_000;

/**
 * The scheduled worker (serverless.yml: rosterImportsWorker, every minute, 15-minute limit): runs
 * the queued and running imports until RESERVE_MS before its time is up; a job not finished is
 * given back with its cursor and the next run goes on from there.
 */
export async function handler(_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis' | 'awsRequestId'>) {
  const deps = await importDeps();
  const left = context?.getRemainingTimeInMillis?.() ?? 60_000 + RESERVE_MS;
  return runImportWorker(deps, { holder: context?.awsRequestId ?? `worker-${process.pid}`, deadline: Date.now() + left - RESERVE_MS });
}

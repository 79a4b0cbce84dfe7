import type { Context } from 'aws-lambda';
import { runSchedule } from '../../services/schedule';
import { scheduleDeps } from '../../services/schedule-deps';

/** Time kept back from the Lambda's limit: the sender stops claiming notices before it. */
const RESERVE_MS = 20_000;

/**
 * The scheduled run (serverless.yml: applicationsScheduler, rate(15 minutes)): reminders,
 * escalations, then the outbox sender, which stops claiming notices RESERVE_MS before the Lambda's
 * time is up. A run cut short leaves nothing half done (leases expire, the next run goes on).
 */
export async function handler(_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) {
  const deps = await scheduleDeps();
  const left = context?.getRemainingTimeInMillis?.();
  const report = await runSchedule(deps, left === undefined ? {} : { stopAt: new Date(deps.now().getTime() + left - RESERVE_MS) });
  return { reminded: report.reminded.length, escalated: report.escalated.length, delivery: report.delivery };
}

import { publicDeps } from '../../services/deps';
import { runHardshipSchedule } from '../../services/schedule';

/** The daily run (serverless.yml: hardshipScheduler): re-check reminders and escalations, then the retention job. */
export async function handler() {
  const report = await runHardshipSchedule(await publicDeps());
  return { reminded: report.reminded.length, escalated: report.escalated.length, deleted: report.deleted.length };
}

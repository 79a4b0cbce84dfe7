import type { Deps } from './ports';
import { isDue, isRecheckOverdue, recheckDue } from '../domain/recheck';
import { purgeClosedFiles } from './files';
import { today } from './common';

/** The page an official's message opens (the hardship subpackage's file page). */
const FILE_PAGE = (id: string) => `hardship/file/index?id=${id}`;

/**
 * The daily run (serverless.yml: hardshipScheduler): a 待办 to the household's union for each file
 * coming due for re-check (once per due date), a 督办 to the city federation for each one overdue
 * (once per due date), both through the applications' outbox and its sender; then the retention job.
 */
export async function runHardshipSchedule(deps: Pick<Deps, 'hardship' | 'now'>) {
  const day = today(deps);
  const at = deps.now().toISOString();
  // The files due only (index byDue), never the table.
  const files = (await deps.hardship.filesDue(day)).filter((f) => isDue(f, day));
  const reminded: string[] = [];
  const escalated: string[] = [];
  for (const f of files) {
    if (!isDue(f, day)) continue;
    const due = recheckDue(f);
    if (isRecheckOverdue(f, day)) {
      await deps.hardship.notify({
        id: `hardship-recheck-overdue#${f.id}#${due}`,
        orgId: f.cityOrgId,
        at,
        message: { template: 'overdue', page: FILE_PAGE(f.id), data: { thing1: '困难职工档案年度复核', thing2: '基层工会', time3: due, thing4: '档案复核已逾期，请督促办理' } },
      });
      escalated.push(f.id);
    } else {
      await deps.hardship.notify({
        id: `hardship-recheck#${f.id}#${due}`,
        orgId: f.orgId,
        at,
        message: { template: 'todo', page: FILE_PAGE(f.id), data: { thing1: '困难职工档案年度复核', thing2: f.headName.slice(0, 1) + '**', time3: due, thing4: '请在期限内入户复核并录入结果' } },
      });
      reminded.push(f.id);
    }
  }
  const { deleted } = await purgeClosedFiles(deps);
  return { reminded, escalated, deleted };
}

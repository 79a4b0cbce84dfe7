import { AppError } from '../../kernel/errors';
import type { Deps } from './ports';
import { submitApplication, type SubmitDeps } from './submit';

/**
 * A demo application of demo/demo-data.json (`applications`): filed by a bound demo account, as the
 * member would file it, `filedDaysAgo` days before seeding (so that the demo shows deadlines, and
 * overdue marks when it is old enough).
 */
export interface DemoApplication {
  /** Stable id (a ULID), so that a second seed finds it. */
  id: string;
  kind: 'transfer';
  /** The openid of the bound demo account filing it. */
  applicant: string;
  toOrgId: string;
  reason: string;
  filedDaysAgo: number;
}

const DAY_MS = 86_400_000;

/** Files the demo application once; false when it exists already (or the member has another open one). */
export async function seedDemoApplication(deps: SubmitDeps & Pick<Deps, 'applications'>, demo: DemoApplication, now: Date): Promise<boolean> {
  if (await deps.applications.get(demo.id)) return false;
  const filedAt = new Date(now.getTime() - demo.filedDaysAgo * DAY_MS);
  try {
    await submitApplication({ ...deps, newId: () => demo.id, now: () => filedAt }, demo.applicant, {
      kind: demo.kind,
      form: { toOrgId: demo.toOrgId, reason: demo.reason },
    });
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'APPLICATION_ALREADY_OPEN') return false;
    throw err;
  }
}

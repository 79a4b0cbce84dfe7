import type { CreateCampaignRequest } from '../contracts/subsidy';
import { AppError } from '../../kernel/errors';
import { shanghaiDate } from '../domain/working-days';
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

/**
 * A demo 补贴 campaign of demo/demo-data.json (`campaigns`): the fields of POST
 * /api/admin/subsidy-campaigns with its windows in days from the moment of seeding, so the demo
 * campaign is open whenever `npm start` runs.
 */
export interface DemoCampaign extends Omit<CreateCampaignRequest, 'applyFrom' | 'applyUntil' | 'travelFrom' | 'travelUntil'> {
  /** Stable id (a ULID), so that a second seed finds it. */
  id: string;
  window: { applyStartsInDays: number; applyDays: number; travelStartsInDays: number; travelDays: number };
}

/** Creates the demo campaign once (windows counted from `now`); false when it exists already. */
export async function seedDemoCampaign(deps: Pick<Deps, 'campaigns' | 'orgs'>, demo: DemoCampaign, now: Date): Promise<boolean> {
  const seeded = await deps.campaigns.get(demo.id);
  if (seeded) {
    // Seeded before campaigns needed approval (a kept local stage): approve it so that it stays open.
    if (seeded.approval === 'pending_approval' && seeded.createdBy === 'demo-seed') {
      return deps.campaigns.approve(seeded.id, seeded.version, 'demo-seed', now.toISOString(), null);
    }
    return false;
  }
  const { id, window, orgId, regionQuotas, ...fields } = demo;
  const org = (await deps.orgs.getMany([orgId])).get(orgId);
  if (!org) throw new Error(`demo campaign ${id}: unknown org ${orgId}`);
  const day = (days: number) => new Date(Math.floor((now.getTime() + days * DAY_MS) / 60_000) * 60_000);
  const date = (days: number) => shanghaiDate(day(days));
  await deps.campaigns.create({
    ...fields,
    id,
    owner: { id: org.id, name: org.name, path: org.path },
    applyFrom: day(window.applyStartsInDays).toISOString(),
    applyUntil: day(window.applyStartsInDays + window.applyDays).toISOString(),
    extendedAt: null,
    travelFrom: date(window.travelStartsInDays),
    travelUntil: date(window.travelStartsInDays + window.travelDays),
    regionQuotas: regionQuotas ?? {},
    createdAt: now.toISOString(),
    createdBy: 'demo-seed',
    // Seeded as approved (the demo has no second person to ask): `npm start` shows it open.
    creatorOrgId: null,
    approval: 'approved',
    approvedBy: 'demo-seed',
    approvedAt: now.toISOString(),
    version: 1,
  }, null);
  return true;
}

import { ulid } from 'ulid';
import type { ApplicationView } from '../contracts/applications';
import { withRereads } from '../../kernel/data/retry';
import { AppError } from '../../kernel/errors';
import { closedApplicant } from '../domain/applicant';
import type { Application } from '../domain/types';
import type { Deps } from './ports';
import { present } from './reading';
import { cancelApplication, type ReviewDeps } from './review';

/**
 * Applications' part of a data subject's rights (PIPL art. 45, 47), composed by functions/privacy/:
 * the account's applications for its export, and what closing the account does to them.
 */

export interface ApplicationsSubjectStore {
  /** `after` in place of `before`, only if the stored version is still `before`'s; false otherwise. */
  replace(before: Application, after: Application): Promise<boolean>;
}

export type ApplicationsSubjectDeps = ReviewDeps & { subjects: ApplicationsSubjectStore };

/** Every application an account may have (more than one person files in a lifetime). */
export const EXPORT_LIMIT = 10_000;
/** Attempts to detach one application whose version keeps changing under us. */
const DETACH_ATTEMPTS = 5;

/**
 * An application as exported: its whole view (form, steps with their deadlines and deciders' unions,
 * timeline, rating, 回访, a 补贴's payout) plus the keys of the proof images it names (uploads).
 */
export type ExportedApplication = Omit<ApplicationView, 'can'> & { proofKeys: string[] };

export async function exportApplicationsData(deps: Pick<Deps, 'applications' | 'idCrypto' | 'now'>, openid: string): Promise<ExportedApplication[]> {
  const apps = await deps.applications.listByApplicant(openid, EXPORT_LIMIT);
  const actor = { openid, roles: [] };
  return Promise.all(
    apps.map(async (app) => {
      // Without `proofs`: the export names the images' keys; view URLs would expire within 15 minutes.
      const { can: _can, ...view } = (await present({ idCrypto: deps.idCrypto, now: deps.now }, app, actor)).application;
      return { ...view, proofKeys: app.form.kind === 'subsidy' ? [...app.form.proofKeys] : [] };
    }),
  );
}

/** What stands in for a closed account's openid on the applications it filed. */
const placeholderApplicant = () => closedApplicant(ulid());

/** The application with the applicant's openid replaced everywhere it appears (applicant, their timeline entries). */
function detached(app: Application, placeholder: string, at: string): Application {
  const openid = app.applicant.openid;
  return {
    ...app,
    version: app.version + 1,
    updatedAt: at,
    applicant: { ...app.applicant, openid: placeholder },
    timeline: app.timeline.map((e) => (e.by === openid ? { ...e, by: placeholder } : e)),
  };
}

/**
 * The account `openid` is being closed: its pending applications are withdrawn through the
 * applicant's own cancel use case (steps, guards, outbox as for any withdrawal), then every
 * application it filed is detached from it — the openid replaced by one random `closed:<ulid>`,
 * the same for all of them — so a later log-in with the same WeChat account starts with nothing.
 * The applications themselves stay: decided and withdrawn ones are the union's records (the review
 * file, 好差评 figures, a 补贴's payout). Must run while the account still exists; safe to repeat.
 */
export async function closeApplicationsOf(deps: ApplicationsSubjectDeps, openid: string): Promise<{ cancelled: number; detached: number }> {
  let cancelled = 0;
  for (const app of await deps.applications.listByApplicant(openid, EXPORT_LIMIT)) {
    if (app.status !== 'pending') continue;
    try {
      await cancelApplication(deps, openid, app.id);
      cancelled += 1;
    } catch (err) {
      // Decided a moment ago: nothing left to withdraw.
      if (!(err instanceof AppError && err.code === 'APPLICATION_NOT_PENDING')) throw err;
    }
  }
  const placeholder = placeholderApplicant();
  let count = 0;
  const busy = () => new AppError('BUSY', { message: '系统繁忙，请稍后再试一次' });
  for (const listed of await deps.applications.listByApplicant(openid, EXPORT_LIMIT)) {
    const done = await withRereads(
      DETACH_ATTEMPTS,
      async (attempt) => {
        const app = attempt === 1 ? listed : await deps.applications.get(listed.id);
        if (app === null || app.applicant.openid !== openid) return false;
        return (await deps.subjects.replace(app, detached(app, placeholder, deps.now().toISOString()))) ? true : 'changed';
      },
      busy,
    );
    if (done) count += 1;
  }
  return { cancelled, detached: count };
}

import { RATING_LABELS, type ApplicationSummary, type ApplicationView, type FollowUpView, type RatingView, type StepView } from '../contracts/applications';
import { decisionsFor, isOverdue, NO_RECUSAL, openStepOf, type Recusal } from '../domain/engine';
import { isFollowUpOverdue, mayFollowUp } from '../domain/follow-up';
import { KIND_RULES } from '../domain/kinds';
import { canRate } from '../domain/ratings';
import type { SubsidyFormView } from '../contracts/subsidy';
import type { Actor, Application, OrgRef, Step, SubsidyRecord } from '../domain/types';
import { shanghaiIso } from '../domain/working-days';

/** What the API answers about applications (instants in +08:00, no ID number, no openid). */

const ref = (org: OrgRef): OrgRef => ({ id: org.id, name: org.name });
const time = (at: string | null) => (at === null ? null : shanghaiIso(at));

/** The name of a union some step of the application names. */
function orgName(app: Application, id: string): OrgRef {
  const step = [...app.steps].reverse().find((s) => s.org.id === id);
  return { id, name: step?.org.name ?? '' };
}

function stepView(app: Application, step: Step, index: number, now: Date): StepView {
  return {
    id: step.id,
    name: KIND_RULES[app.kind].stepName(index),
    org: ref(step.org),
    status: step.status,
    workingDays: step.workingDays,
    openedAt: time(step.openedAt),
    dueDate: step.dueDate,
    overdue: isOverdue(step, now),
    decidedAt: time(step.decidedAt),
    decidedBy: step.decidedAs === null ? null : { role: step.decidedAs, org: step.decidedByOrg ? ref(step.decidedByOrg) : null },
    byAncestor: step.decidedAs === 'ancestor',
    comment: step.comment,
    forwardedTo: step.forwardedTo === null ? null : orgName(app, step.forwardedTo),
  };
}

function ratingView(app: Application): RatingView | null {
  const r = app.rating;
  return r === null ? null : { level: r.level, label: RATING_LABELS[r.level], comment: r.comment, at: shanghaiIso(r.at) };
}

function followUpView(app: Application, now: Date): FollowUpView | null {
  const f = app.followUp;
  if (f === null) return null;
  return {
    org: ref(f.org),
    status: f.status,
    openedAt: shanghaiIso(f.openedAt),
    dueDate: f.dueDate,
    overdue: isFollowUpOverdue(f, now),
    note: f.note,
    doneAt: time(f.doneAt),
    doneBy: f.doneAs === null ? null : { role: f.doneAs, org: f.doneByOrg ? ref(f.doneByOrg) : null },
    onTime: f.onTime,
  };
}

/** A 补贴's form: the campaign, the journey, fare and amount (fen), the proof images, the payout once approved. */
function subsidyFormView(form: SubsidyRecord, proofUrls: string[]): SubsidyFormView {
  return {
    kind: 'subsidy',
    campaign: { id: form.campaignId, title: form.campaignTitle },
    travelDate: form.travelDate,
    fromStation: form.fromStation,
    toStation: form.toStation,
    fareFen: form.fareFen,
    amountFen: form.amountFen,
    proofUrls,
    payout: form.payout === null ? null : { status: form.payout.status, amountFen: form.payout.amountFen, createdAt: shanghaiIso(form.payout.createdAt) },
  };
}

/**
 * The whole application for its applicant and its reviewers. `birthDate` (joins) comes from the
 * decrypted ID number: it is not stored beside the mask.
 */
export function applicationView(
  app: Application,
  actor: Actor,
  now: Date,
  birthDate: string | null,
  proofUrls: string[] = [],
  recusal: Recusal = NO_RECUSAL,
): ApplicationView {
  const open = openStepOf(app);
  const form: ApplicationView['form'] =
    app.form.kind === 'transfer'
      ? { kind: 'transfer', from: orgName(app, app.form.fromOrgId), to: orgName(app, app.form.toOrgId), reason: app.form.reason }
      : app.form.kind === 'subsidy'
        ? subsidyFormView(app.form, proofUrls)
        : {
          kind: 'join',
          name: app.form.name,
          sex: app.form.sex,
          birthDate: birthDate ?? '',
          ethnicity: app.form.ethnicity,
          employmentStatus: app.form.employmentStatus,
          idNumberMasked: app.form.idMasked,
          education: app.form.education,
          skillLevel: app.form.skillLevel,
          mobile: app.form.mobile,
          householdRegistration: app.form.householdRegistration,
          residence: app.form.residence,
          politicalStatus: app.form.politicalStatus,
          workUnit: app.form.workUnit,
          targetOrg: orgName(app, app.form.targetOrgId),
          migrantWorker: app.form.migrantWorker,
        };
  return {
    id: app.id,
    kind: app.kind,
    status: app.status,
    applicant: { name: app.applicant.name },
    form,
    steps: app.steps.map((s, i) => stepView(app, s, i, now)),
    currentStepId: open?.id ?? null,
    overdue: open !== null && isOverdue(open, now),
    timeline: app.timeline.map((e) => ({
      at: shanghaiIso(e.at),
      action: e.action,
      role: e.role,
      org: e.org ? ref(e.org) : null,
      stepId: e.stepId,
      comment: e.comment,
    })),
    createdAt: shanghaiIso(app.createdAt),
    updatedAt: shanghaiIso(app.updatedAt),
    previousId: app.previousId,
    rating: ratingView(app),
    followUp: followUpView(app, now),
    can: {
      cancel: app.status === 'pending' && app.applicant.openid === actor.openid,
      decide: decisionsFor(app, actor, recusal),
      rate: canRate(app, actor),
      followUp: mayFollowUp(app, actor),
    },
  };
}

export function summaryView(app: Application, now: Date): ApplicationSummary {
  const open = openStepOf(app);
  return {
    id: app.id,
    kind: app.kind,
    status: app.status,
    applicantName: app.applicant.name,
    createdAt: shanghaiIso(app.createdAt),
    updatedAt: shanghaiIso(app.updatedAt),
    currentStep:
      open === null
        ? null
        : {
            id: open.id,
            name: KIND_RULES[app.kind].stepName(app.steps.indexOf(open)),
            org: ref(open.org),
            dueDate: open.dueDate,
            overdue: isOverdue(open, now),
          },
    rating: app.rating === null ? null : { level: app.rating.level },
    followUp:
      app.followUp === null
        ? null
        : { org: ref(app.followUp.org), status: app.followUp.status, dueDate: app.followUp.dueDate, overdue: isFollowUpOverdue(app.followUp, now) },
  };
}

import { RATING_LABELS, type ApplicationSummary, type ApplicationView, type FollowUpView, type RatingView, type StepView } from '../contracts/applications';
import { decisionsFor, isOverdue, NO_RECUSAL, openStepOf, type Recusal } from '../domain/engine';
import { isFollowUpOverdue, mayFollowUp } from '../domain/follow-up';
import { KIND_RULES } from '../domain/kinds';
import { canRate } from '../domain/ratings';
import type { SubsidyFormView } from '../contracts/subsidy';
import { PAYOUT_FAILURE_ADVICE, PAYOUT_FAILURE_LABELS, type PayoutView } from '../contracts/payouts';
import type { Payout } from '../domain/subsidy';
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

/**
 * The payout as its applicant and the reviewers see it (a mask, never the number); `mayChange`: the
 * reader is the applicant, who may give another card while it is not in a batch or after a failure.
 */
export function payoutView(payout: Payout, mayChange: boolean): PayoutView {
  const changeable = payout.status === 'failed' || (payout.status === 'pending' && payout.batchId === null);
  return {
    status: payout.status,
    amountFen: payout.amountFen,
    createdAt: shanghaiIso(payout.createdAt),
    paidOn: payout.status === 'paid' ? payout.paidOn : null,
    failure:
      payout.status === 'failed' && payout.failure
        ? { reason: payout.failure.reason, label: PAYOUT_FAILURE_LABELS[payout.failure.reason], advice: PAYOUT_FAILURE_ADVICE[payout.failure.reason], note: payout.failure.note }
        : null,
    payee: payout.payee ? { bankName: payout.payee.bankName, accountMasked: payout.payee.accountMasked } : null,
    canChangePayee: mayChange && changeable,
  };
}

/**
 * A 补贴's form: the campaign, the journey, fare and amount (fen), the card (masked), the proof
 * images, and the payout once approved — as the payouts table has it now (`live`), else the copy the
 * approval kept on the application.
 */
function subsidyFormView(form: SubsidyRecord, proofUrls: string[], live: Payout | null, applicant: boolean): SubsidyFormView {
  const payee = form.payee ?? null;
  return {
    kind: 'subsidy',
    campaign: { id: form.campaignId, title: form.campaignTitle },
    travelDate: form.travelDate,
    fromStation: form.fromStation,
    toStation: form.toStation,
    fareFen: form.fareFen,
    amountFen: form.amountFen,
    proofUrls,
    payee: payee === null ? null : { bankName: payee.bankName, accountMasked: payee.accountMasked },
    payout:
      form.payout === null
        ? null
        : live !== null
          ? payoutView(live, applicant)
          : { status: 'pending', amountFen: form.payout.amountFen, createdAt: shanghaiIso(form.payout.createdAt), paidOn: null, failure: null, payee: null, canChangePayee: false },
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
  payout: Payout | null = null,
): ApplicationView {
  const open = openStepOf(app);
  const form: ApplicationView['form'] =
    app.form.kind === 'transfer'
      ? { kind: 'transfer', from: orgName(app, app.form.fromOrgId), to: orgName(app, app.form.toOrgId), reason: app.form.reason }
      : app.form.kind === 'subsidy'
        ? subsidyFormView(app.form, proofUrls, payout, actor.openid === app.applicant.openid)
        : app.form.kind === 'hardship'
          ? { kind: 'hardship', regionCode: app.form.regionCode }
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
          idConsent: app.form.idConsent ?? null,
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

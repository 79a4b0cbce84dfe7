import { isOverdue, openStepOf } from '../../applications';
import { RATING_LABELS } from '../../applications/contracts/applications';
import type { Org } from '../../membership';
import {
  HARDSHIP_CATEGORY_LABELS,
  HARDSHIP_CAUSE_LABELS,
  type CaseStepView,
  type CaseSummary,
  type CaseView,
  type FileSummary,
  type FileView,
  type HouseholdMemberView,
  type PaymentView,
  type PublicityEntry,
} from '../contracts/hardship';
import { caseStatus, currentStep, stepOf } from '../domain/case';
import { deleteAfter, isRecheckOverdue, recheckDue } from '../domain/recheck';
import type { HardshipCase, HardshipFile, Payment, StoredMember } from '../domain/types';
import { maskName } from './common';

const ref = (orgs: Map<string, Org>, id: string | null) => (id ? { id, name: orgs.get(id)?.name ?? '' } : null);

export const memberView = (m: StoredMember): HouseholdMemberView => ({
  name: m.name,
  relation: m.relation,
  idNumberMasked: m.idMasked,
  health: m.health,
  monthlyIncomeFen: m.monthlyIncomeFen,
  schoolOrEmployer: m.schoolOrEmployer,
});

export function caseView(c: HardshipCase, orgs: Map<string, Org>, now: Date, reader: { official: boolean; applicant: boolean; mayDecide: boolean; mayResolve: boolean }): CaseView {
  const open = openStepOf(c.app);
  const steps: CaseStepView[] = c.app.steps.map((s) => ({
    step: stepOf(s.id),
    name: ['基层工会初审', '入户核查', '帮扶中心审核', '公示', '审批'][Number(s.id.slice(1)) - 1] ?? '',
    org: { id: s.org.id, name: s.org.name },
    status: s.status === 'forwarded' || s.status === 'withdrawn' ? 'approved' : s.status,
    openedAt: s.openedAt,
    dueDate: s.dueDate,
    overdue: isOverdue(s, now),
    decidedAt: s.decidedAt,
    decidedByOrg: s.decidedByOrg ? { id: s.decidedByOrg.id, name: orgs.get(s.decidedByOrg.id)?.name ?? s.decidedByOrg.name } : null,
    comment: s.comment,
  }));
  const f = c.form;
  return {
    id: c.app.id,
    status: caseStatus(c),
    applicantName: c.app.applicant.name,
    org: ref(orgs, c.orgId) ?? { id: c.orgId, name: '' },
    category: c.category,
    form: {
      members: f.members.map(memberView),
      housing: f.housing,
      mainCause: f.mainCause,
      secondaryCauses: f.secondaryCauses,
      aid: f.aid,
      rigidExpensesFen: f.rigidExpensesFen,
      otherIncomeFen: f.otherIncomeFen,
      regionCode: f.regionCode,
      migrantWorker: f.migrantWorker,
      payee: { bankName: f.payee.bankName, accountMasked: f.payee.accountMasked },
      proofs: f.proofs,
      statement: f.statement,
      monthlyPerCapitaFen: f.monthlyPerCapitaFen,
      computedCategory: f.computedCategory,
      minimumLivingFen: f.minimumLivingFen,
    },
    steps,
    currentStep: currentStep(c),
    visit: c.visit && {
      date: c.visit.date,
      met: c.visit.met,
      notes: c.visit.notes,
      signedApplicationKeys: c.visit.signedApplicationKeys,
      authorisationKeys: c.visit.authorisationKeys,
      recordedAt: c.visit.recordedAt,
      recordedByOrg: ref(orgs, c.visit.recordedByOrgId),
    },
    publicity: c.publicity && { startDate: c.publicity.startDate, endDate: c.publicity.endDate, paused: c.publicity.pausedAt !== null },
    objections: reader.official ? c.objections.map((o) => ({ id: o.id, reason: o.reason, status: o.status, at: o.at, resolvedAt: o.resolvedAt, comment: o.comment })) : [],
    fileId: c.fileId,
    createdAt: c.app.createdAt,
    updatedAt: c.app.updatedAt,
    version: c.app.version,
    rating: c.app.rating && { level: c.app.rating.level, label: RATING_LABELS[c.app.rating.level], comment: c.app.rating.comment, at: c.app.rating.at },
    can: {
      rate: reader.applicant && (c.app.status === 'approved' || c.app.status === 'rejected') && !c.app.rating,
      cancel: reader.applicant && c.app.status === 'pending',
      decide: reader.mayDecide && open !== null && stepOf(open.id) !== 'publicity',
      visit: reader.mayDecide && open !== null && stepOf(open.id) === 'visit',
      resolveObjection: reader.mayResolve && c.objections.some((o) => o.status === 'open'),
    },
  };
}

export function caseSummary(c: HardshipCase, orgs: Map<string, Org>, now: Date): CaseSummary {
  const open = openStepOf(c.app);
  return {
    id: c.app.id,
    status: caseStatus(c),
    applicantName: c.app.applicant.name,
    org: ref(orgs, c.orgId) ?? { id: c.orgId, name: '' },
    currentStep: currentStep(c),
    dueDate: open?.dueDate ?? null,
    overdue: open ? isOverdue(open, now) : false,
    computedCategory: c.form.computedCategory,
    mainCause: c.form.mainCause,
    createdAt: c.app.createdAt,
  };
}

export function publicityEntry(c: HardshipCase, orgs: Map<string, Org>): PublicityEntry {
  const category = c.category ?? (c.form.computedCategory === 'relative' ? 'relative' : c.form.computedCategory === 'deep' ? 'deep' : 'accident');
  return {
    caseId: c.app.id,
    nameMasked: maskName(c.app.applicant.name),
    org: ref(orgs, c.orgId) ?? { id: c.orgId, name: '' },
    category,
    categoryLabel: HARDSHIP_CATEGORY_LABELS[category],
    mainCauseLabel: HARDSHIP_CAUSE_LABELS[c.form.mainCause],
    startDate: c.publicity?.startDate ?? '',
    endDate: c.publicity?.endDate ?? '',
    paused: c.publicity?.pausedAt != null,
  };
}

export const paymentView = (p: Payment, orgs: Map<string, Org>): PaymentView => ({
  id: p.id,
  aid: p.aid,
  amountFen: p.amountFen,
  note: p.note,
  status: p.status,
  recordedAt: p.recordedAt,
  recordedByOrg: ref(orgs, p.recordedByOrgId),
  paidAt: p.paidAt,
});

export function fileSummary(f: HardshipFile, orgs: Map<string, Org>, today: string): FileSummary {
  return {
    id: f.id,
    number: f.id,
    headName: f.headName,
    headIdMasked: f.headIdMasked,
    org: ref(orgs, f.orgId) ?? { id: f.orgId, name: '' },
    regionCode: f.regionCode,
    category: f.category,
    mainCause: f.mainCause,
    status: f.status,
    recheckDue: recheckDue(f),
    recheckOverdue: isRecheckOverdue(f, today),
    spotCheckYear: f.spotCheckYear,
    updatedAt: f.updatedAt,
  };
}

export function fileView(f: HardshipFile, orgs: Map<string, Org>, today: string, can: FileView['can']): FileView {
  return {
    ...fileSummary(f, orgs, today),
    secondaryCauses: f.secondaryCauses,
    members: f.members.map(memberView),
    housing: f.housing,
    monthlyPerCapitaFen: f.monthlyPerCapitaFen,
    householdSize: f.householdSize,
    yearlyIncomeFen: f.yearlyIncomeFen,
    payee: { bankName: f.payee.bankName, accountMasked: f.payee.accountMasked },
    caseIds: f.caseIds,
    payments: f.payments.map((p) => paymentView(p, orgs)),
    rechecks: f.rechecks.map((r) => ({ at: r.at, action: r.action, category: r.category, closeReason: r.closeReason, reason: r.reason, spotCheck: r.spotCheck, byOrg: ref(orgs, r.byOrgId) })),
    closedAt: f.closedAt,
    closeReason: f.closeReason,
    deleteAfter: f.closedAt ? deleteAfter(f.closedAt.slice(0, 10)) : null,
    version: f.version,
    can,
  };
}

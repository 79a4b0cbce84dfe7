import { openStepOf, proofKeys, rate, shanghaiDate } from '../../applications';
import type { RatingRequest } from '../../applications/contracts/applications';
import { normaliseCardNumber, maskBankCard } from '../../applications/contracts/payouts';
import { AppError } from '../../kernel/errors';
import { maskIdNumber } from '../../kernel/masking';
import type { Account, Org, RosterMember } from '../../membership';
import {
  FINANCE_CHECK_CONSENT_VERSION,
  HARDSHIP_PAGE_SIZE,
  requiredProofs,
  type CaseListResponse,
  type CaseQueueQuery,
  type CaseResponse,
  type DecisionRequest,
  type DraftRequest,
  type DraftResponse,
  type MyHardshipResponse,
  type ObjectionRequest,
  type ObjectionResponse,
  type PublicityListResponse,
  type ResolveObjectionRequest,
  type SubmitCaseRequest,
  type VisitRequest,
} from '../contracts/hardship';
import { actingOrg, coversPath, hardshipOrgs } from '../domain/access';
import { caseStatus, cancelCase, decideCase, newCaseApplication, object, recordVisit, resolveObjection, settle, stepOf } from '../domain/case';
import { recheckDue } from '../domain/recheck';
import { RELATIVE_MULTIPLE, selfCheck } from '../domain/self-check';
import type { HardshipCase, HardshipFile, StoredForm } from '../domain/types';
import { accountOf, actorOf, audited, clockOf, fileIdOf, hardshipOfficial, orgsWithPaths, today } from './common';
import type { Deps, StoredDraft } from './ports';
import { standardFor } from './self-check';
import { caseSummary, caseView, paymentView, publicityEntry } from './views';

const idContext = (caseId: string, index: number) => `hardship#${caseId}#${index}`;
const payeeContext = (caseId: string) => `payee#hardship#${caseId}`;
const draftContext = (memberId: string) => `hardship-draft#${memberId}`;

/** The caller's roster member: bound and still a member. */
async function memberOf(deps: Pick<Deps, 'accounts' | 'roster'>, openid: string): Promise<{ account: Account; member: RosterMember }> {
  const account = await accountOf(deps, openid);
  if (!account.memberId) throw new AppError('NOT_BOUND');
  const member = await deps.roster.get(account.memberId);
  if (!member) throw new AppError('NOT_BOUND');
  if (member.left) throw new AppError('MEMBERSHIP_ENDED');
  return { account, member };
}

// ---------------------------------------------------------------------------------------------
// Drafts

export async function getDraft(deps: Pick<Deps, 'accounts' | 'roster' | 'hardship' | 'idCrypto'>, openid: string): Promise<DraftResponse> {
  const { member } = await memberOf(deps, openid);
  const stored = await deps.hardship.draft(member.id);
  if (!stored) return { draft: null, updatedAt: null };
  const { members, payee, ...rest } = stored.form;
  const ctx = draftContext(member.id);
  return {
    draft: {
      ...rest,
      ...(members ? { members: members.map(({ idCipher, ...m }) => ({ ...m, idNumber: idCipher ? deps.idCrypto.decrypt(idCipher, ctx) : '' })) } : {}),
      ...(payee ? { payee: { bankName: payee.bankName, accountNumber: payee.accountCipher ? deps.idCrypto.decrypt(payee.accountCipher, ctx) : '' } } : {}),
    },
    updatedAt: stored.updatedAt,
  };
}

export async function saveDraft(deps: Pick<Deps, 'accounts' | 'roster' | 'hardship' | 'idCrypto' | 'now'>, openid: string, req: DraftRequest): Promise<DraftResponse> {
  const { member } = await memberOf(deps, openid);
  const ctx = draftContext(member.id);
  const { members, payee, ...rest } = req.form;
  const stored: StoredDraft = {
    form: {
      ...rest,
      ...(members ? { members: members.map(({ idNumber, ...m }) => ({ ...m, idCipher: idNumber ? deps.idCrypto.encrypt(idNumber, ctx) : '' })) } : {}),
      ...(payee ? { payee: { bankName: payee.bankName, accountCipher: payee.accountNumber ? deps.idCrypto.encrypt(normaliseCardNumber(payee.accountNumber), ctx) : '' } } : {}),
    },
    updatedAt: deps.now().toISOString(),
  };
  await deps.hardship.putDraft(member.id, stored);
  return { draft: req.form, updatedAt: stored.updatedAt };
}

// ---------------------------------------------------------------------------------------------
// Filing

/** The city federation a grassroots union belongs to: the nearest `city` org on its path (else the one above it). */
function cityOf(org: Org, orgs: Map<string, Org>): Org {
  const onPath = org.path.map((id) => orgs.get(id)).filter((o): o is Org => o !== undefined);
  return [...onPath].reverse().find((o) => o.kind === 'city') ?? onPath.at(-2) ?? org;
}

export async function submitCase(deps: Deps, openid: string, req: SubmitCaseRequest): Promise<CaseResponse> {
  const { account, member } = await memberOf(deps, openid);
  if (req.financeCheckConsent.version !== FINANCE_CHECK_CONSENT_VERSION) throw new AppError('HARDSHIP_CONSENT_REQUIRED');
  const f = req.form;
  const self = f.members.find((m) => m.relation === 'self');
  if (!self || deps.idCrypto.hash(self.idNumber) !== member.idHash || self.name !== member.name) {
    throw new AppError('INVALID_INPUT', { message: '“本人”的姓名和身份证号须与会员实名信息一致', fields: { members: '“本人”的姓名和身份证号须与会员实名信息一致' } });
  }
  const prefix = proofKeys.ownerPrefix(openid);
  const badKey = f.proofs.find((p) => !proofKeys.pattern.test(p.key) || !p.key.startsWith(prefix));
  if (badKey) throw new AppError('INVALID_INPUT', { message: '证明材料图片无效，请重新上传', fields: { proofs: '证明材料图片无效，请重新上传' } });
  const missing = requiredProofs(f).filter((k) => !f.proofs.some((p) => p.kind === k));
  if (missing.length > 0) throw new AppError('HARDSHIP_PROOF_MISSING', { fields: { proofs: `缺少：${missing.join('、')}` } });

  const std = await standardFor(deps, f.regionCode);
  const yearlyIncomeFen = f.members.reduce((n, m) => n + m.monthlyIncomeFen * 12, 0) + f.otherIncomeFen;
  const check = selfCheck({ householdSize: f.members.length, annualIncomeFen: yearlyIncomeFen, rigidExpensesFen: f.rigidExpensesFen }, { minimumLivingFen: std.monthlyFen, relativeMultiple: RELATIVE_MULTIPLE });

  const orgs = await orgsWithPaths(deps, [member.orgId]);
  const grassroots = orgs.get(member.orgId);
  if (!grassroots) throw new Error(`member ${member.id}: union ${member.orgId} not found`);
  const city = cityOf(grassroots, orgs);
  const clock = clockOf(deps);
  const id = deps.newId();
  const form: StoredForm = {
    members: f.members.map((m, i) => ({
      name: m.name,
      relation: m.relation,
      idCipher: deps.idCrypto.encrypt(m.idNumber, idContext(id, i)),
      idContext: idContext(id, i),
      idHash: deps.idCrypto.hash(m.idNumber),
      idMasked: maskIdNumber(m.idNumber.toUpperCase()),
      health: m.health,
      monthlyIncomeFen: m.monthlyIncomeFen,
      schoolOrEmployer: m.schoolOrEmployer,
    })),
    housing: f.housing,
    mainCause: f.mainCause,
    secondaryCauses: f.secondaryCauses,
    aid: f.aid,
    rigidExpensesFen: f.rigidExpensesFen,
    otherIncomeFen: f.otherIncomeFen,
    regionCode: f.regionCode,
    migrantWorker: f.migrantWorker,
    payee: {
      bankName: f.payee.bankName,
      accountMasked: maskBankCard(normaliseCardNumber(f.payee.accountNumber)),
      accountCipher: deps.idCrypto.encrypt(normaliseCardNumber(f.payee.accountNumber), payeeContext(id)),
    },
    proofs: f.proofs,
    statement: f.statement,
    yearlyIncomeFen,
    householdSize: f.members.length,
    monthlyPerCapitaFen: check.monthlyPerCapitaFen,
    computedCategory: check.category,
    minimumLivingFen: std.monthlyFen,
  };
  const step = (o: Org) => ({ id: o.id, name: o.name, path: o.path });
  const c: HardshipCase = {
    app: newCaseApplication({ id, applicant: { openid, memberId: member.id, name: member.name }, householdKey: member.idHash, regionCode: f.regionCode, grassroots: step(grassroots), city: step(city) }, clock),
    householdKey: member.idHash,
    memberId: member.id,
    orgId: grassroots.id,
    orgPath: grassroots.path,
    cityOrgId: city.id,
    form,
    financeConsent: { version: req.financeCheckConsent.version, at: clock.now.toISOString() },
    category: null,
    visit: null,
    publicity: null,
    objections: [],
    fileId: null,
  };
  if ((await deps.hardship.createCase(c)) === 'open') throw new AppError('HARDSHIP_CASE_OPEN');
  return { case: caseView(c, orgs, clock.now, { official: false, applicant: true, mayDecide: false, mayResolve: false }) };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A case with 公示 settled if its end has passed (written back, so every reader sees the same). */
async function load(deps: Pick<Deps, 'hardship' | 'now' | 'calendar'>, id: string): Promise<HardshipCase> {
  const stored = await deps.hardship.getCase(id);
  if (!stored) throw new AppError('HARDSHIP_CASE_NOT_FOUND');
  const { after, moved } = settle(stored, clockOf(deps));
  if (moved && !(await deps.hardship.saveCase(after, stored.app.version, null))) return load(deps, id);
  return after;
}

function readerOf(c: HardshipCase, account: Account) {
  const official = coversPath(account.roles, c.orgPath);
  const open = openStepOf(c.app);
  return {
    official,
    applicant: c.app.applicant.openid === account.openid,
    mayDecide: open !== null && coversPath(account.roles, open.org.path) && c.app.applicant.openid !== account.openid,
    mayResolve: coversPath(account.roles, (c.app.steps[3]?.org.path ?? c.orgPath)),
  };
}

/** The applicant or a 帮扶 official of the case's union or above; each official's read is audited. */
export async function getCase(deps: Deps, openid: string, id: string): Promise<CaseResponse> {
  const account = await accountOf(deps, openid);
  const c = await load(deps, id);
  const reader = readerOf(c, account);
  if (!reader.applicant && !reader.official) throw new AppError('HARDSHIP_CASE_NOT_FOUND');
  const now = deps.now();
  if (!reader.applicant) await deps.hardship.audit(audited(account, 'hardship.case-read', { type: 'hardship-case', id }, c.orgPath, null, null, now));
  const orgs = await orgsWithPaths(deps, [c.orgId, ...c.app.steps.map((s) => s.org.id)]);
  return { case: caseView(c, orgs, now, reader) };
}

export async function cancel(deps: Deps, openid: string, id: string): Promise<CaseResponse> {
  const account = await accountOf(deps, openid);
  const c = await load(deps, id);
  if (c.app.applicant.openid !== openid) throw new AppError(coversPath(account.roles, c.orgPath) ? 'FORBIDDEN' : 'HARDSHIP_CASE_NOT_FOUND', { message: '只有申请人可以撤回申请' });
  const after = cancelCase(c, actorOf(account), clockOf(deps));
  if (!(await deps.hardship.saveCase(after, c.app.version, null, { releaseOpen: true }))) throw new AppError('HARDSHIP_CASE_STALE');
  const orgs = await orgsWithPaths(deps, [c.orgId]);
  return { case: caseView(after, orgs, deps.now(), readerOf(after, account)) };
}

/**
 * 好差评: the applicant rates their decided case, once, by the engine's rules (domain/ratings.ts);
 * the rating is kept on the case and counted for the deciding union and every org above it, in one
 * transaction. No 回访 is opened for a 差评 here: the engine's 回访 list reads applications from its
 * own table, where hardship cases are not.
 */
export async function rateCase(deps: Deps, openid: string, id: string, req: RatingRequest): Promise<CaseResponse> {
  const account = await accountOf(deps, openid);
  const c = await load(deps, id);
  if (c.app.applicant.openid !== openid) throw new AppError(coversPath(account.roles, c.orgPath) ? 'FORBIDDEN' : 'HARDSHIP_CASE_NOT_FOUND', { message: '只有申请人本人可以评价' });
  const clock = clockOf(deps);
  const feedback = rate(c.app, actorOf(account), { level: req.level, comment: req.comment ?? '' }, clock);
  const after: HardshipCase = { ...c, app: { ...feedback.after, followUp: null } };
  if (!(await deps.hardship.rateCase(after, c.app.version, feedback.counters))) {
    const again = await deps.hardship.getCase(id);
    throw new AppError(again?.app.rating ? 'ALREADY_RATED' : 'HARDSHIP_CASE_STALE');
  }
  const orgs = await orgsWithPaths(deps, [c.orgId, ...c.app.steps.map((s) => s.org.id)]);
  return { case: caseView(after, orgs, clock.now, readerOf(after, account)) };
}

/** 我的帮扶: the member's own cases (newest first) and the household's file. */
export async function myHardship(deps: Deps, openid: string): Promise<MyHardshipResponse> {
  const { member } = await memberOf(deps, openid);
  const mine = (await deps.hardship.casesOf(openid)).filter((c) => c.app.applicant.openid === openid).sort((a, b) => b.app.createdAt.localeCompare(a.app.createdAt));
  const file = await deps.hardship.getFile(fileIdOf(member.idHash));
  const orgs = await orgsWithPaths(deps, [...mine.map((c) => c.orgId), ...(file ? file.payments.flatMap((p) => (p.recordedByOrgId ? [p.recordedByOrgId] : [])) : [])]);
  const now = deps.now();
  return {
    cases: mine.map((c) => caseSummary(settle(c, clockOf(deps)).after, orgs, now)),
    file: file && { id: file.id, category: file.category, status: file.status, recheckDue: recheckDue(file), payments: file.payments.map((p) => paymentView(p, orgs)) },
  };
}

/**
 * 帮扶 queue: a page of the subtree's cases (pending and paused by default), read from the subtree's
 * partitions only (data/keys.ts treeList): by union, then oldest first; overdue ones first in the page.
 */
export async function queue(deps: Deps, openid: string, query: CaseQueueQuery): Promise<CaseListResponse> {
  const account = await hardshipOfficial(deps, openid);
  const clock = clockOf(deps);
  const held = hardshipOrgs(account.roles);
  const roots = held === null ? null : [...(await deps.orgs.getMany(held)).values()].map((o) => o.path);
  // Pending cases are listed apart from decided ones; a case whose deadline decided it since it was
  // written is still in the pending partition, so decided statuses read both.
  const groups: Array<'open' | 'closed'> = !query.status || query.status === 'pending' || query.status === 'paused' ? ['open'] : ['open', 'closed'];
  const keep = (raw: HardshipCase) => {
    const c = settle(raw, clock).after;
    return (
      coversPath(account.roles, c.orgPath) &&
      (query.status ? caseStatus(c) === query.status : c.app.status === 'pending') &&
      (!query.step || (openStepOf(c.app) !== null && stepOf((openStepOf(c.app) as { id: string }).id) === query.step))
    );
  };
  const page = await deps.hardship.casePage(roots, groups, { limit: HARDSHIP_PAGE_SIZE, cursor: query.cursor, keep });
  const mine = page.items.map((c) => settle(c, clock).after);
  const orgs = await orgsWithPaths(deps, mine.map((c) => c.orgId));
  const items = mine.map((c) => caseSummary(c, orgs, clock.now)).sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.createdAt.localeCompare(b.createdAt));
  return { items, nextCursor: page.cursor };
}

// ---------------------------------------------------------------------------------------------
// Officials' acts

/** The two-person rule as the engine keeps it; the approval writes the household's file in the same transaction. */
export async function decide(deps: Deps, openid: string, id: string, req: DecisionRequest): Promise<CaseResponse> {
  const account = await hardshipOfficial(deps, openid);
  const c = await load(deps, id);
  if (!coversPath(account.roles, c.orgPath) && !coversPath(account.roles, c.app.steps[2]?.org.path ?? [])) throw new AppError('HARDSHIP_CASE_NOT_FOUND');
  const open = openStepOf(c.app);
  if (open && !coversPath(account.roles, open.org.path)) throw new AppError('FORBIDDEN', { message: '只有该环节工会或其上级工会的帮扶工作人员可以办理' });
  const clock = clockOf(deps);
  const orgId = open ? actingOrg(account.roles, open.org.path) : null;
  const { after, completed } = decideCase(c, { step: req.step, decision: req.decision, comment: req.comment ?? '', category: req.category }, actorOf(account), orgId, clock, deps.publicityDays);
  const audit = audited(account, 'hardship.decide', { type: 'hardship-case', id }, c.orgPath, { status: c.app.status, step: req.step }, { status: after.app.status, decision: req.decision, category: after.category }, clock.now);
  let effects: Parameters<Deps['hardship']['saveCase']>[3] = after.app.status !== 'pending' ? { releaseOpen: true } : {};
  let saved = after;
  if (completed) {
    const existing = await deps.hardship.getFile(fileIdOf(c.householdKey));
    const file = fileFrom(after, existing, clock.now, openid);
    saved = { ...after, fileId: file.id };
    effects = { ...effects, file: { file, previousVersion: existing ? existing.version : null, before: existing } };
  }
  if (!(await deps.hardship.saveCase(saved, c.app.version, audit, effects))) throw new AppError('HARDSHIP_CASE_STALE');
  const orgs = await orgsWithPaths(deps, [c.orgId, ...c.app.steps.map((s) => s.org.id)]);
  return { case: caseView(saved, orgs, clock.now, readerOf(saved, account)) };
}

/** 一户一档: a new file, or the household's file brought up to date by this case (a closed one reopens). */
export function fileFrom(c: HardshipCase, existing: HardshipFile | null, now: Date, by: string): HardshipFile {
  const self = c.form.members.find((m) => m.relation === 'self') ?? c.form.members[0];
  const date = shanghaiDate(now);
  const fields = {
    memberId: c.memberId,
    applicantOpenid: c.app.applicant.openid,
    headName: c.app.applicant.name,
    headIdMasked: self?.idMasked ?? '',
    orgId: c.orgId,
    orgPath: c.orgPath,
    cityOrgId: c.cityOrgId,
    regionCode: c.form.regionCode,
    category: c.category ?? 'relative',
    mainCause: c.form.mainCause,
    secondaryCauses: c.form.secondaryCauses,
    members: c.form.members,
    housing: c.form.housing,
    payee: c.form.payee,
    workUnit: self?.schoolOrEmployer ?? '',
    yearlyIncomeFen: c.form.yearlyIncomeFen,
    householdSize: c.form.householdSize,
    monthlyPerCapitaFen: c.form.monthlyPerCapitaFen,
    lastCheckDate: date,
    status: 'active' as const,
    closedAt: null,
    closeReason: null,
    updatedAt: now.toISOString(),
  };
  void by;
  if (existing) return { ...existing, ...fields, version: existing.version + 1, caseIds: [...existing.caseIds.filter((x) => x !== c.app.id), c.app.id] };
  return { id: fileIdOf(c.householdKey), householdKey: c.householdKey, version: 1, ...fields, caseIds: [c.app.id], payments: [], rechecks: [], spotCheckYear: null, createdAt: now.toISOString() };
}

/** 入户核查: the visit recorded from the phone by a 帮扶 official of the household's union or above. */
export async function visit(deps: Deps, openid: string, id: string, req: VisitRequest): Promise<CaseResponse> {
  const account = await hardshipOfficial(deps, openid);
  const c = await load(deps, id);
  if (!coversPath(account.roles, c.orgPath)) throw new AppError('HARDSHIP_CASE_NOT_FOUND');
  if (c.app.applicant.openid === openid) throw new AppError('FORBIDDEN', { message: '不能核查本人的申请' });
  const prefix = proofKeys.ownerPrefix(openid);
  const keys = [...req.signedApplicationKeys, ...req.authorisationKeys];
  if (keys.some((k) => !proofKeys.pattern.test(k) || !k.startsWith(prefix))) {
    throw new AppError('INVALID_INPUT', { message: '照片无效，请重新拍摄上传', fields: { signedApplicationKeys: '照片无效，请重新拍摄上传' } });
  }
  const clock = clockOf(deps);
  const after = recordVisit(c, { ...req, notes: req.notes, recordedAt: clock.now.toISOString(), recordedBy: openid, recordedByOrgId: actingOrg(account.roles, c.orgPath) }, clock);
  const audit = audited(account, 'hardship.visit', { type: 'hardship-case', id }, c.orgPath, null, { date: req.date, photos: keys.length }, clock.now);
  if (!(await deps.hardship.saveCase(after, c.app.version, audit))) throw new AppError('HARDSHIP_CASE_STALE');
  const orgs = await orgsWithPaths(deps, [c.orgId, ...c.app.steps.map((s) => s.org.id)]);
  return { case: caseView(after, orgs, clock.now, readerOf(after, account)) };
}

/** 公示: every case in it now, names masked (public). */
export async function publicity(deps: Deps): Promise<PublicityListResponse> {
  const clock = clockOf(deps);
  const shown = (await deps.hardship.inPublicity())
    .map((c) => settle(c, clock).after)
    .filter((c) => c.app.status === 'pending' && c.publicity && openStepOf(c.app)?.id === 's4');
  const orgs = await orgsWithPaths(deps, shown.map((c) => c.orgId));
  return { items: shown.map((c) => publicityEntry(c, orgs)).sort((a, b) => a.endDate.localeCompare(b.endDate)) };
}

/** An objection pauses 公示 until the 帮扶中心 resolves it. */
export async function raiseObjection(deps: Deps, openid: string, id: string, req: ObjectionRequest): Promise<ObjectionResponse> {
  const c = await load(deps, id);
  const clock = clockOf(deps);
  const objectionId = deps.newId();
  const after = object(c, { id: objectionId, reason: req.reason, contact: req.contact, by: openid, status: 'open', at: clock.now.toISOString(), resolvedAt: null, resolvedBy: null, comment: null }, clock);
  if (!(await deps.hardship.saveCase(after, c.app.version, null, { objection: objectionId }))) throw new AppError('HARDSHIP_CASE_STALE');
  return { objectionId, message: '异议已收到，公示暂停，帮扶中心将核查后处理' };
}

export async function resolve(deps: Deps, openid: string, objectionId: string, req: ResolveObjectionRequest): Promise<CaseResponse> {
  const account = await hardshipOfficial(deps, openid);
  const caseId = await deps.hardship.objectionCase(objectionId);
  if (!caseId) throw new AppError('HARDSHIP_OBJECTION_NOT_FOUND');
  const c = await load(deps, caseId);
  const centre = c.app.steps[3]?.org.path ?? c.orgPath;
  if (!coversPath(account.roles, centre)) throw new AppError(coversPath(account.roles, c.orgPath) ? 'FORBIDDEN' : 'HARDSHIP_OBJECTION_NOT_FOUND', { message: '异议由市县总工会帮扶中心处理' });
  const clock = clockOf(deps);
  const after = resolveObjection(c, objectionId, req.outcome, req.comment, openid, clock);
  const audit = audited(account, 'hardship.objection', { type: 'hardship-case', id: caseId }, c.orgPath, { objection: objectionId }, { outcome: req.outcome }, clock.now);
  if (!(await deps.hardship.saveCase(after, c.app.version, audit, after.app.status !== 'pending' ? { releaseOpen: true } : {}))) throw new AppError('HARDSHIP_CASE_STALE');
  const orgs = await orgsWithPaths(deps, [c.orgId, ...c.app.steps.map((s) => s.org.id)]);
  return { case: caseView(after, orgs, clock.now, readerOf(after, account)) };
}

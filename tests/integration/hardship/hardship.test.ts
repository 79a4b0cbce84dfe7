import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseForm, SubmitCaseRequest } from '../../../functions/hardship/contracts/hardship';
import type { Deps } from '../../../functions/hardship/services/ports';
import type { StoredRole } from '../../../functions/membership/domain/types';
import { AppError } from '../../../functions/kernel/errors';
import { account, benefitWorld, type BenefitWorld } from '../../support/benefits';
import { makeIdNumber, makePhone } from '../../support/ids';
import { proofKeys as proofKeyOf } from '../../../functions/applications/data/keys';

/**
 * 困难帮扶 on DynamoDB Local: a case through its five steps into the household's file, 公示 with an
 * objection, one file per household under concurrent filings, the re-check, the spot-check draw,
 * the retention job with a moved clock, and the audit entry of every read of a file.
 */

let world: BenefitWorld;
let deps: Deps;
let cases: typeof import('../../../functions/hardship/services/cases');
let files: typeof import('../../../functions/hardship/services/files');
let schedule: typeof import('../../../functions/hardship/services/schedule');
let auditStore: typeof import('../../../functions/audit/data/audit-store').auditStore;
const YEAR = new Date().getFullYear();

beforeAll(async () => {
  world = await benefitWorld('hardship');
  deps = await (await import('../../../functions/hardship/services/deps')).productionDeps();
  cases = await import('../../../functions/hardship/services/cases');
  files = await import('../../../functions/hardship/services/files');
  schedule = await import('../../../functions/hardship/services/schedule');
  auditStore = (await import('../../../functions/audit/data/audit-store')).auditStore;
  for (const year of [YEAR, YEAR + 1, YEAR + 2]) {
    await deps.hardship.putStandard({ regionCode: '01', year, monthlyFen: 78_000, source: '测试', updatedAt: new Date().toISOString(), updatedBy: 'test' }, null);
  }
}, 60_000);

let seq = 0;
const hardshipOfficial = (orgId: string) => {
  seq += 1;
  return account(world.membership, `hs-${world.tag}-${seq}-${Math.random().toString(36).slice(2, 6)}`, [{ type: 'hardship', orgId } as unknown as StoredRole]);
};

/** A roster member of the Haikou union bound to a fresh account, with the ID number the form needs. */
async function member(name = '王海涛') {
  const m = world.membership;
  const idNumber = makeIdNumber();
  const created = await m.roster.createIfAbsent({ name, idNumber, phone: makePhone(), orgId: world.unions.haikou.id }, m.idCrypto, new Date());
  const openid = await account(m, `hm-${world.tag}-${++seq}-${Math.random().toString(36).slice(2, 6)}`);
  const stored = await m.roster.get(created.id);
  if (!stored) throw new Error('no member');
  await m.roster.bind({ openid, member: stored, now: new Date() });
  return { openid, idNumber, name, memberId: created.id };
}

/** A proof key under the account's own prefix (as POST /api/uploads gives one). */
const proof = (openid: string, n: number) => `${proofKeyOf.ownerPrefix(openid)}01J${String(n).padStart(23, '0')}.jpg`;

function request(who: { openid: string; idNumber: string; name: string }, overrides: Partial<CaseForm> = {}): SubmitCaseRequest {
  return {
    form: {
      members: [
        { name: who.name, relation: 'self', idNumber: who.idNumber, health: 'serious', monthlyIncomeFen: 150_000, schoolOrEmployer: '海口椰城公交' },
        { name: '李梅', relation: 'spouse', idNumber: makeIdNumber('female'), health: 'healthy', monthlyIncomeFen: 0, schoolOrEmployer: '' },
        { name: '王小明', relation: 'child', idNumber: makeIdNumber(), health: 'healthy', monthlyIncomeFen: 0, schoolOrEmployer: '海口市第一中学' },
      ],
      housing: { type: 'rented', areaM2: 45, address: '海口市龙华区金盘路 1 号' },
      mainCause: '6',
      secondaryCauses: ['9'],
      aid: ['medical', 'schooling'],
      rigidExpensesFen: 1_200_000,
      otherIncomeFen: 0,
      regionCode: '01',
      migrantWorker: false,
      payee: { bankName: '中国工商银行海口分行', accountNumber: '6222021234567890128' },
      proofs: [
        { kind: 'income', key: proof(who.openid, 1) },
        { kind: 'diagnosis', key: proof(who.openid, 2) },
        { kind: 'medical-bills', key: proof(who.openid, 3) },
        { kind: 'school-fees', key: proof(who.openid, 4) },
        { kind: 'admission', key: proof(who.openid, 5) },
      ],
      statement: '本人患重病，子女上学，家庭收入低。',
      ...overrides,
    },
    financeCheckConsent: { agreed: true, version: '2026-01' },
  };
}

async function refused(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'none';
}

const at = (base: Deps, iso: string): Deps => ({ ...base, now: () => new Date(iso) });

/** A case carried to 公示 by three different officials (grassroots twice, then the city's 帮扶中心). */
async function toPublicity(who: { openid: string }, caseId: string, clock: Deps) {
  const [g1, g2, c1] = await Promise.all([hardshipOfficial(world.unions.haikou.id), hardshipOfficial(world.unions.haikou.id), hardshipOfficial(world.cities.haikou.id)]);
  await cases.decide(clock, g1, caseId, { step: 'review', decision: 'approve' });
  await cases.visit(clock, g2, caseId, { date: '2026-12-02', met: '本人及配偶', notes: '住房简陋', signedApplicationKeys: [proof(g2, 11)], authorisationKeys: [proof(g2, 12)] });
  await cases.decide(clock, g2, caseId, { step: 'visit', decision: 'approve' });
  const centre = await cases.decide(clock, c1, caseId, { step: 'center', decision: 'approve', category: 'deep' });
  void who;
  return { g1, g2, c1, centre };
}

describe('a case through its steps into the household file', () => {
  it('review → visit → centre → 公示 (closes itself) → 审批 files it; a second case updates the same file', async () => {
    const who = await member();
    const day1 = at(deps, '2026-12-01T02:00:00Z');
    const filed = await cases.submitCase(day1, who.openid, request(who));
    expect(filed.case).toMatchObject({ status: 'pending', currentStep: 'review', form: { computedCategory: 'deep' } });
    expect(filed.case.form.members[0]?.idNumberMasked).toMatch(/^46\*{14}[\dX]{2}$/);
    expect(JSON.stringify(await deps.hardship.getCase(filed.case.id))).not.toContain(who.idNumber);

    const { c1, centre } = await toPublicity(who, filed.case.id, day1);
    expect(centre.case.currentStep).toBe('publicity');
    expect(centre.case.publicity).toEqual({ startDate: '2026-12-02', endDate: '2026-12-06', paused: false });
    expect((await cases.publicity(at(deps, '2026-12-03T02:00:00Z'))).items.find((e) => e.caseId === filed.case.id)).toMatchObject({ nameMasked: '王*涛', category: 'deep' });

    // The city's approver is someone other than the centre's reviewer; 公示 has to have ended.
    const approver = await hardshipOfficial(world.cities.haikou.id);
    expect(await refused(cases.decide(at(deps, '2026-12-05T02:00:00Z'), approver, filed.case.id, { step: 'approval', decision: 'approve' }))).toBe('HARDSHIP_STEP_NOT_OPEN');
    const after = at(deps, '2026-12-07T02:00:00Z');
    expect(await refused(cases.decide(after, c1, filed.case.id, { step: 'approval', decision: 'approve' }))).toBe('HARDSHIP_SAME_OFFICIAL_TWICE');
    const done = await cases.decide(after, approver, filed.case.id, { step: 'approval', decision: 'approve' });
    expect(done.case).toMatchObject({ status: 'approved', category: 'deep' });
    expect(done.case.fileId).toMatch(/^HF[0-9A-F]{16}$/);

    const mine = await cases.myHardship(after, who.openid);
    expect(mine.file).toMatchObject({ id: done.case.fileId, category: 'deep', status: 'active', recheckDue: '2027-12-07' });

    // The household files again: the same file, brought up to date.
    const again = await cases.submitCase(at(deps, '2027-01-10T02:00:00Z'), who.openid, request(who, { mainCause: '3', secondaryCauses: [], proofs: [{ kind: 'income', key: proof(who.openid, 21) }] }));
    const later = at(deps, '2027-01-10T02:00:00Z');
    await toPublicity(who, again.case.id, later);
    const approver2 = await hardshipOfficial(world.cities.haikou.id);
    const second = await cases.decide(at(deps, '2027-01-20T02:00:00Z'), approver2, again.case.id, { step: 'approval', decision: 'approve', category: 'relative' });
    expect(second.case.fileId).toBe(done.case.fileId);
    const file = await deps.hardship.getFile(done.case.fileId as string);
    expect(file).toMatchObject({ version: 2, category: 'relative', mainCause: '3', caseIds: [filed.case.id, again.case.id] });
  });

  it('an objection pauses 公示; dismissed, 公示 runs on for the days it was paused; upheld, the case ends', async () => {
    const who = await member('陈国强');
    const day1 = at(deps, '2026-12-01T02:00:00Z');
    const filed = await cases.submitCase(day1, who.openid, request(who));
    const { c1 } = await toPublicity(who, filed.case.id, day1);
    const objector = await account(world.membership, `obj-${world.tag}-${++seq}`);
    const { objectionId } = await cases.raiseObjection(at(deps, '2026-12-03T02:00:00Z'), objector, filed.case.id, { reason: '他家有两套房', contact: '' });
    const paused = await cases.getCase(at(deps, '2026-12-10T02:00:00Z'), c1, filed.case.id);
    expect(paused.case).toMatchObject({ status: 'paused', currentStep: 'publicity', publicity: { paused: true } });
    expect(paused.case.objections).toEqual([expect.objectContaining({ id: objectionId, status: 'open', reason: '他家有两套房' })]);
    // The applicant does not see who objected nor what was said.
    expect((await cases.getCase(at(deps, '2026-12-10T02:00:00Z'), who.openid, filed.case.id)).case.objections).toEqual([]);
    // A grassroots official may not resolve it: the city's 帮扶中心 does.
    const grassroots = await hardshipOfficial(world.unions.haikou.id);
    expect(await refused(cases.resolve(at(deps, '2026-12-05T02:00:00Z'), grassroots, objectionId, { outcome: 'dismissed', comment: '核实' }))).toBe('FORBIDDEN');
    const resumed = await cases.resolve(at(deps, '2026-12-05T02:00:00Z'), c1, objectionId, { outcome: 'dismissed', comment: '经核实仅一套住房' });
    expect(resumed.case).toMatchObject({ status: 'pending', publicity: { startDate: '2026-12-02', endDate: '2026-12-08', paused: false } });
    expect(await refused(cases.resolve(at(deps, '2026-12-05T02:00:00Z'), c1, objectionId, { outcome: 'upheld', comment: 'x' }))).toBe('HARDSHIP_OBJECTION_DONE');
    // Another objection, upheld: rejected, and the household may file again.
    const second = await cases.raiseObjection(at(deps, '2026-12-06T02:00:00Z'), objector, filed.case.id, { reason: '有商铺出租', contact: '' });
    const ended = await cases.resolve(at(deps, '2026-12-07T02:00:00Z'), c1, second.objectionId, { outcome: 'upheld', comment: '核实有商铺' });
    expect(ended.case).toMatchObject({ status: 'rejected' });
    expect(await refused(cases.raiseObjection(at(deps, '2026-12-07T02:00:00Z'), objector, filed.case.id, { reason: '再议', contact: '' }))).toBe('HARDSHIP_NOT_IN_PUBLICITY');
    await cases.submitCase(at(deps, '2026-12-08T02:00:00Z'), who.openid, request(who));
  });
});

describe('one file per household', () => {
  it('concurrent filings of one household: one case is opened, the others hear HARDSHIP_CASE_OPEN', async () => {
    const who = await member('符海燕');
    const day = at(deps, '2026-12-01T02:00:00Z');
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => cases.submitCase(day, who.openid, request(who)).then(() => 'created', (err: unknown) => (err instanceof AppError ? err.code : String(err)))));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'HARDSHIP_CASE_OPEN')).toHaveLength(3);
    expect((await cases.myHardship(day, who.openid)).cases).toHaveLength(1);
  });
});

describe('files: audited reads, re-check, spot checks, payments and retention', () => {
  it('every read of a file is audited; the re-check comes due a year on; payments need a second person; closed files go after ten years', async () => {
    const who = await member('黎明');
    const day1 = at(deps, '2026-12-01T02:00:00Z');
    const filed = await cases.submitCase(day1, who.openid, request(who));
    await toPublicity(who, filed.case.id, day1);
    const approver = await hardshipOfficial(world.cities.haikou.id);
    const done = await cases.decide(at(deps, '2026-12-07T02:00:00Z'), approver, filed.case.id, { step: 'approval', decision: 'approve' });
    const fileId = done.case.fileId as string;

    const reader = await hardshipOfficial(world.unions.haikou.id);
    const read = await files.getFile(at(deps, '2026-12-08T02:00:00Z'), reader, fileId);
    expect(read.file).toMatchObject({ id: fileId, headName: '黎明', category: 'deep', recheckDue: '2027-12-07' });
    expect(JSON.stringify(read.file)).not.toContain(who.idNumber);
    const trail = await auditStore.list({ scope: { kind: 'subtree', orgPath: world.unions.haikou.path }, actor: reader, actionPrefix: 'hardship.file-read', limit: 5 });
    expect(trail.entries.map((e) => e.target.id)).toContain(fileId);

    // An official of another city, and a plain official without the 帮扶 role, see nothing.
    const sanya = await hardshipOfficial(world.cities.sanya.id);
    expect(await refused(files.getFile(deps, sanya, fileId))).toBe('HARDSHIP_FILE_NOT_FOUND');
    expect((await files.listFiles(deps, sanya, {})).items.map((f) => f.id)).not.toContain(fileId);
    const plain = await account(world.membership, `plain-${world.tag}-${++seq}`, [{ type: 'official', orgId: world.unions.haikou.id }]);
    expect(await refused(files.getFile(deps, plain, fileId))).toBe('HARDSHIP_ROLE_REQUIRED');

    // Not due yet; due a month before the year is up; done on time.
    expect(await refused(files.recheck(at(deps, '2027-06-01T02:00:00Z'), reader, fileId, { action: 'confirm', reason: '情况未变' }))).toBe('HARDSHIP_RECHECK_NOT_DUE');
    const rechecked = await files.recheck(at(deps, '2027-11-20T02:00:00Z'), reader, fileId, { action: 'change', category: 'relative', reason: '配偶就业' });
    expect(rechecked.file).toMatchObject({ category: 'relative', recheckDue: '2028-11-20', rechecks: [expect.objectContaining({ action: 'change', category: 'relative' })] });

    // The subtree's counters moved with the file: it counts in its union and its city, now relative.
    const counts = await deps.hardship.counters(world.unions.haikou.id);
    expect(counts['cat#relative']).toBeGreaterThanOrEqual(1);
    expect(counts['rechecks#2027']).toBeGreaterThanOrEqual(1);
    const cityStats = await files.stats(deps, approver, { orgId: world.cities.haikou.id });
    expect(cityStats.byCategory.relative).toBeGreaterThanOrEqual(1);
    expect(cityStats.byCity.find((c) => c.regionCode === '01')?.count).toBeGreaterThanOrEqual(1);

    // Payments: recorded by one, confirmed paid by another.
    const paid = await files.recordPayment(deps, reader, fileId, { aid: 'medical', amountFen: 300_000, note: '大病救助' });
    const paymentId = paid.file.payments[0]?.id as string;
    expect(await refused(files.confirmPayment(deps, reader, fileId, paymentId))).toBe('HARDSHIP_SAME_PERSON');
    const confirmed = await files.confirmPayment(deps, approver, fileId, paymentId);
    expect(confirmed.file.payments[0]).toMatchObject({ status: 'paid', amountFen: 300_000 });
    expect((await cases.myHardship(deps, who.openid)).file?.payments).toEqual([expect.objectContaining({ status: 'paid', aid: 'medical' })]);

    // The export: the national columns, ID numbers masked.
    const exported = await files.exportFiles(deps, reader, {});
    expect(exported.csv.startsWith('\uFEFF职工编号,困难类别,姓名,身份证号')).toBe(true);
    expect(exported.csv).toContain(fileId);
    expect(exported.csv).not.toContain(who.idNumber);

    // The daily job: a 待办 to the union once the file comes due, a 督办 to the city once overdue, each once.
    const dueSoon = await schedule.runHardshipSchedule(at(deps, '2028-10-25T02:00:00Z'));
    expect(dueSoon.reminded).toContain(fileId);
    expect(dueSoon.escalated).not.toContain(fileId);
    const overdue = await schedule.runHardshipSchedule(at(deps, '2028-11-21T02:00:00Z'));
    expect(overdue.escalated).toContain(fileId);
    const { NoticeModel } = await import('../../../functions/applications/data/models/notice');
    const notice = await NoticeModel.get({ applicationId: `hardship-recheck-overdue#${fileId}#2028-11-20`, version: 0 });
    expect(notice).toMatchObject({ action: 'official-notice', reviewerOrgId: world.cities.haikou.id });
    await schedule.runHardshipSchedule(at(deps, '2028-11-22T02:00:00Z'));

    // Closed (脱困), kept ten years, then deleted by the scheduled job.
    await files.recheck(at(deps, '2028-01-05T02:00:00Z'), reader, fileId, { action: 'close', closeReason: 'recovered', reason: '已脱困' });
    await schedule.runHardshipSchedule(at(deps, '2038-01-05T02:00:00Z'));
    expect(await deps.hardship.getFile(fileId)).not.toBeNull();
    const report = await schedule.runHardshipSchedule(at(deps, '2038-01-06T02:00:00Z'));
    expect(report.deleted).toContain(fileId);
    expect(await deps.hardship.getFile(fileId)).toBeNull();
  });

  it('the self-check answers from the standard kept for the city, and refuses a city without one', async () => {
    const { runSelfCheck } = await import('../../../functions/hardship/services/self-check');
    const answer = await runSelfCheck(deps, { householdSize: 2, annualIncomeFen: 1_871_999, rigidExpensesFen: 0, regionCode: '01' });
    expect(answer).toMatchObject({ category: 'deep', monthlyPerCapitaFen: 77_999, minimumLivingFen: 78_000, regionName: '海口市' });
    expect(await refused(runSelfCheck(deps, { householdSize: 2, annualIncomeFen: 1, rigidExpensesFen: 0, regionCode: '19' }))).toBe('HARDSHIP_STANDARD_MISSING');
  });

  it('the city spot-checks at least 30 % of its files, drawn once a year with a recorded seed that redoes the draw', async () => {
    const { drawSpotChecks } = await import('../../../functions/hardship/domain/recheck');
    const cityOfficial = await hardshipOfficial(world.cities.haikou.id);
    const year = 2031 + Math.floor(Math.random() * 50);
    const first = await files.spotCheck(deps, cityOfficial, { orgId: world.cities.haikou.id, year });
    expect(first.population).toBeGreaterThan(0);
    expect(first.drawn.length).toBe(Math.max(1, Math.ceil(first.population * 0.3 - 1e-9)));
    const population = (await deps.hardship.allFiles([world.cities.haikou.path], (f) => f.status === 'active' && f.orgPath.includes(world.cities.haikou.id))).map((f) => f.id);
    expect(drawSpotChecks(population, first.share, first.seed)).toEqual(first.drawn);
    expect(await files.spotCheck(deps, cityOfficial, { orgId: world.cities.haikou.id, year })).toEqual(first);
    const grassroots = await hardshipOfficial(world.unions.haikou.id);
    expect(await refused(files.spotCheck(deps, grassroots, { orgId: world.cities.haikou.id, year }))).toBe('FORBIDDEN');
  });
});

describe('好差评 of a decided case', () => {
  it('the applicant rates once after the decision; counted for the deciding union and above; others, pending and second ratings refused', async () => {
    const { satisfactionStore } = await import('../../../functions/applications/data/satisfaction-store');
    const who = await member('赵评价');
    const day = at(deps, '2026-12-01T02:00:00Z');
    const filed = await cases.submitCase(day, who.openid, request(who));
    expect(filed.case.can.rate).toBe(false);
    expect(await refused(cases.rateCase(day, who.openid, filed.case.id, { level: 5 }))).toBe('NOT_RATABLE');

    const g1 = await hardshipOfficial(world.unions.haikou.id);
    const decided = await cases.decide(day, g1, filed.case.id, { step: 'review', decision: 'reject', comment: '收入超过标准' });
    expect(decided.case.status).toBe('rejected');
    expect(decided.case.can.rate).toBe(false);
    const stranger = await member('钱路人');
    expect(await refused(cases.rateCase(day, stranger.openid, filed.case.id, { level: 5 }))).toBe('HARDSHIP_CASE_NOT_FOUND');
    expect(await refused(cases.rateCase(day, g1, filed.case.id, { level: 5 }))).toBe('FORBIDDEN');

    const counted = async (orgId: string) => (await satisfactionStore.counters(orgId, '2026-12')).get('hardship');
    const before = { union: (await counted(world.unions.haikou.id))?.level2 ?? 0, province: (await counted(world.province.id))?.level2 ?? 0 };
    expect((await cases.getCase(day, who.openid, filed.case.id)).case.can.rate).toBe(true);
    const rated = await cases.rateCase(day, who.openid, filed.case.id, { level: 2, comment: '审核太慢' });
    expect(rated.case.rating).toMatchObject({ level: 2, label: '不满意', comment: '审核太慢' });
    expect(rated.case.can.rate).toBe(false);
    expect((await cases.getCase(day, who.openid, filed.case.id)).case.rating).toMatchObject({ level: 2 });
    expect((await counted(world.unions.haikou.id))?.level2).toBe(before.union + 1);
    expect((await counted(world.province.id))?.level2).toBe(before.province + 1);

    expect(await refused(cases.rateCase(day, who.openid, filed.case.id, { level: 5 }))).toBe('ALREADY_RATED');
    expect((await counted(world.unions.haikou.id))?.level5 ?? 0).toBe(0);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { proofKeys } from '../../functions/applications/data/keys';
import { loadDemoData } from '../../scripts/lib/demo-data';
import { makeIdNumber } from '../support/ids';
import { call, loginAs } from './client';

/**
 * 困难帮扶 over HTTP on the demo data (2026 低保 standards, two household files of 海口椰城公交工会,
 * one case in 公示): the self-check without log-in, the member's filing and its refusals, the steps
 * and who may take them, 公示 and objections, files, re-check, payments by two people, export, spot
 * checks, stats and the standards — every refusal each endpoint declares, with its code and a
 * Chinese message.
 */
const tokens: Record<string, string> = {};
const NAMES = ['guest', 'member', 'bus', 'hotel', 'haikou', 'sanya', 'aid-bus', 'aid-bus2', 'aid-haikou', 'aid-haikou2', 'aid-province', 'hardship-1', 'hardship-2', 'hardship-3'];
beforeAll(async () => {
  for (const name of NAMES) tokens[name] = await loginAs(name);
});
const as = (name: string) => ({ token: tokens[name] as string });

function expectRefusal(answer: { status: number; body: any }, status: number, code: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body.error.code).toBe(code);
  expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
}

const data = loadDemoData();
const memberOf = (openid: string) => {
  const id = data.accounts.find((a) => a.openid === openid)?.memberId;
  const m = data.members.find((x) => x.id === id);
  if (!m) throw new Error(`no member for ${openid}`);
  return m;
};
let seq = 0;
const key = (openid: string) => {
  seq += 1;
  return proofKeys.proof(openid, `01KDAP1${String(Date.now() % 1e9).padStart(9, '0')}${String(seq).padStart(10, '0')}`.slice(0, 26), 'jpg');
};

function form(openid: string, overrides: Record<string, unknown> = {}) {
  const m = memberOf(openid);
  return {
    members: [
      { name: m.name, relation: 'self', idNumber: m.idNumber, health: 'chronic', monthlyIncomeFen: 200_000, schoolOrEmployer: '本单位' },
      { name: '测试配偶', relation: 'spouse', idNumber: makeIdNumber('female'), health: 'healthy', monthlyIncomeFen: 0, schoolOrEmployer: '' },
    ],
    housing: { type: 'rented', areaM2: 30, address: '海口市秀英区测试路 2 号' },
    mainCause: '3',
    secondaryCauses: [],
    aid: ['living'],
    rigidExpensesFen: 600_000,
    otherIncomeFen: 0,
    regionCode: '01',
    migrantWorker: false,
    payee: { bankName: '中国建设银行海口分行', accountNumber: '6222021234567890128' },
    proofs: [{ kind: 'income', key: key(openid) }],
    statement: '下岗后收入减少。',
    ...overrides,
  };
}
const consent = { agreed: true, version: '2026-01' };

describe('without log-in', () => {
  it('the self-check answers the category with the arithmetic and stores nothing; a bad city is refused', async () => {
    const ok = await call('POST', '/api/hardship/self-check', { json: { householdSize: 3, annualIncomeFen: 3_000_000, rigidExpensesFen: 600_000, regionCode: '01' } });
    expect(ok.status).toBe(200);
    // (3,000,000 − 600,000) ÷ 12 ÷ 3 = 66,666 fen a month: below 海口's 800 元 (demo figure).
    expect(ok.body).toMatchObject({ category: 'deep', monthlyPerCapitaFen: 66_666, minimumLivingFen: 80_000, relativeLineFen: 160_000, regionName: '海口市', year: 2026 });
    expect(ok.body.arithmetic).toHaveLength(4);
    expect(ok.body.notes.join('')).toContain('意外致困');
    expectRefusal(await call('POST', '/api/hardship/self-check', { json: { householdSize: 3, annualIncomeFen: 1, rigidExpensesFen: 0, regionCode: '99' } }), 400, 'INVALID_INPUT');
    expectRefusal(await call('POST', '/api/hardship/self-check', { json: { householdSize: 0, annualIncomeFen: 1, rigidExpensesFen: 0, regionCode: '01' } }), 400, 'INVALID_INPUT');
  });

  it('the standards of the year, and 公示 with masked names', async () => {
    const standards = await call('GET', '/api/hardship/standards?year=2026');
    expect(standards.status).toBe(200);
    expect(standards.body.items).toHaveLength(19);
    const shown = await call('GET', '/api/hardship/publicity');
    expect(shown.status).toBe(200);
    expect(shown.body.items.length).toBeGreaterThanOrEqual(1);
    const entry = shown.body.items[0];
    expect(entry.nameMasked).toMatch(/\*/);
    expect(entry).toMatchObject({ category: 'accident', categoryLabel: '意外致困', org: { id: 'org-g-hk-bus' } });
    expect(JSON.stringify(shown.body)).not.toMatch(/\d{17}[\dX]/);
  });
});

describe('the member files', () => {
  it('refuses the unbound, a wrong consent version, a "self" who is not the member, missing proofs; then files once per household', async () => {
    expectRefusal(await call('POST', '/api/hardship/cases', { json: { form: form('dev-bus'), financeCheckConsent: consent } }), 401, 'UNAUTHENTICATED');
    expectRefusal(await call('POST', '/api/hardship/cases', { ...as('guest'), json: { form: form('dev-bus'), financeCheckConsent: consent } }), 403, 'NOT_BOUND');
    expectRefusal(await call('POST', '/api/hardship/cases', { ...as('bus'), json: { form: form('dev-bus'), financeCheckConsent: { agreed: true, version: '2025-01' } } }), 400, 'HARDSHIP_CONSENT_REQUIRED');
    expectRefusal(await call('POST', '/api/hardship/cases', { ...as('bus'), json: { form: form('dev-member'), financeCheckConsent: consent } }), 400, 'INVALID_INPUT');
    expectRefusal(await call('POST', '/api/hardship/cases', { ...as('bus'), json: { form: form('dev-bus', { mainCause: '6' }), financeCheckConsent: consent } }), 400, 'HARDSHIP_PROOF_MISSING');
    // Someone else's upload is not a proof of this filing.
    expectRefusal(await call('POST', '/api/hardship/cases', { ...as('bus'), json: { form: form('dev-bus', { proofs: [{ kind: 'income', key: key('dev-member') }] }), financeCheckConsent: consent } }), 400, 'INVALID_INPUT');
    const filed = await call('POST', '/api/hardship/cases', { ...as('bus'), json: { form: form('dev-bus'), financeCheckConsent: consent } });
    expect(filed.status, filed.text).toBe(201);
    expect(filed.body.case).toMatchObject({ status: 'pending', currentStep: 'review', org: { id: 'org-g-hk-bus' } });
    expect(filed.text).not.toContain(memberOf('dev-bus').idNumber);
    expectRefusal(await call('POST', '/api/hardship/cases', { ...as('bus'), json: { form: form('dev-bus'), financeCheckConsent: consent } }), 409, 'HARDSHIP_CASE_OPEN');
  });

  it('keeps a draft for its own member only', async () => {
    expectRefusal(await call('GET', '/api/hardship/draft', as('guest')), 403, 'NOT_BOUND');
    expectRefusal(await call('POST', '/api/hardship/draft', { ...as('guest'), json: { form: {} } }), 403, 'NOT_BOUND');
    const saved = await call('POST', '/api/hardship/draft', { ...as('member'), json: { form: { statement: '草稿', members: [{ name: '邢志强', relation: 'self', idNumber: '460400199803313077', health: 'healthy', monthlyIncomeFen: 1, schoolOrEmployer: '' }] } } });
    expect(saved.status, saved.text).toBe(200);
    const read = await call('GET', '/api/hardship/draft', as('member'));
    expect(read.body.draft).toMatchObject({ statement: '草稿', members: [{ idNumber: '460400199803313077' }] });
    expect((await call('GET', '/api/hardship/draft', as('hotel'))).body.draft).toBeNull();
  });

  it('my hardship: the filed household sees its file; the unbound are refused', async () => {
    expectRefusal(await call('GET', '/api/me/hardship', as('guest')), 403, 'NOT_BOUND');
    const mine = await call('GET', '/api/me/hardship', as('hardship-1'));
    expect(mine.status).toBe(200);
    expect(mine.body.file).toMatchObject({ category: 'deep', status: 'active' });
  });
});

describe('the steps and who may take them', () => {
  it('role, step, visit and two-person refusals; 公示 opens after the centre', async () => {
    const filed = await call('POST', '/api/hardship/cases', { ...as('hotel'), json: { form: form('dev-hotel'), financeCheckConsent: consent } });
    expect(filed.status, filed.text).toBe(201);
    // 吴振华 is of 三亚: 海口's 帮扶 officials neither see nor decide it.
    expectRefusal(await call('GET', `/api/hardship/cases/${filed.body.case.id}`, as('aid-haikou')), 404, 'HARDSHIP_CASE_NOT_FOUND');
    expectRefusal(await call('GET', `/api/hardship/cases/${filed.body.case.id}`, as('member')), 404, 'HARDSHIP_CASE_NOT_FOUND');
    expectRefusal(await call('POST', `/api/hardship/cases/${filed.body.case.id}/cancel`, as('member')), 404, 'HARDSHIP_CASE_NOT_FOUND');
    expectRefusal(await call('POST', `/api/hardship/cases/${filed.body.case.id}/cancel`, as('aid-province')), 403, 'FORBIDDEN');
    expect((await call('POST', `/api/hardship/cases/${filed.body.case.id}/cancel`, as('hotel'))).body.case.status).toBe('cancelled');
    expectRefusal(await call('POST', `/api/hardship/cases/${filed.body.case.id}/cancel`, as('hotel')), 409, 'HARDSHIP_CASE_NOT_PENDING');

    const queue = await call('GET', '/api/admin/hardship/cases', as('aid-bus'));
    expect(queue.status).toBe(200);
    const mine = queue.body.items.find((c: { applicantName: string }) => c.applicantName === memberOf('dev-bus').name);
    expect(mine).toMatchObject({ currentStep: 'review' });
    expectRefusal(await call('GET', '/api/admin/hardship/cases', as('haikou')), 403, 'HARDSHIP_ROLE_REQUIRED');
    const id = mine.id as string;
    const decide = (who: string, body: Record<string, unknown>) => call('POST', `/api/hardship/cases/${id}/decisions`, { ...as(who), json: body });
    expectRefusal(await decide('bus', { step: 'review', decision: 'approve' }), 403, 'HARDSHIP_ROLE_REQUIRED');
    expectRefusal(await decide('aid-bus', { step: 'visit', decision: 'approve' }), 409, 'HARDSHIP_STEP_NOT_OPEN');
    expectRefusal(await decide('aid-bus', { step: 'review', decision: 'reject' }), 400, 'INVALID_INPUT');
    expect((await decide('aid-bus', { step: 'review', decision: 'approve' })).body.case.currentStep).toBe('visit');
    expectRefusal(await decide('aid-bus2', { step: 'visit', decision: 'approve' }), 409, 'HARDSHIP_VISIT_REQUIRED');
    const visit = (who: string, body: Record<string, unknown>) => call('POST', `/api/hardship/cases/${id}/visit`, { ...as(who), json: body });
    expectRefusal(await visit('aid-bus2', { date: '2026-12-01', met: '本人', notes: '', signedApplicationKeys: [key('dev-member')], authorisationKeys: [key('dev-aid-bus2')] }), 400, 'INVALID_INPUT');
    expect((await visit('aid-bus2', { date: '2026-12-01', met: '本人', notes: '', signedApplicationKeys: [key('dev-aid-bus2')], authorisationKeys: [key('dev-aid-bus2')] })).status).toBe(200);
    expectRefusal(await decide('aid-bus', { step: 'visit', decision: 'approve' }), 403, 'HARDSHIP_SAME_OFFICIAL_TWICE');
    expect((await decide('aid-bus2', { step: 'visit', decision: 'approve' })).body.case.currentStep).toBe('center');
    expectRefusal(await decide('aid-bus', { step: 'center', decision: 'approve' }), 403, 'FORBIDDEN');
    expectRefusal(await visit('aid-bus2', { date: '2026-12-01', met: '本人', notes: '', signedApplicationKeys: [key('dev-aid-bus2')], authorisationKeys: [key('dev-aid-bus2')] }), 409, 'HARDSHIP_STEP_NOT_OPEN');
    const centre = await decide('aid-haikou', { step: 'center', decision: 'approve', category: 'relative' });
    expect(centre.body.case).toMatchObject({ currentStep: 'publicity', publicity: { paused: false } });
    expectRefusal(await decide('aid-haikou2', { step: 'publicity', decision: 'approve' }), 409, 'HARDSHIP_PUBLICITY_RUNNING');
  });
});

describe('公示 and objections', () => {
  it('an objection pauses the case; only the city resolves it, once', async () => {
    const shown = (await call('GET', '/api/hardship/publicity')).body.items as Array<{ caseId: string }>;
    const caseId = shown[0]?.caseId as string;
    expectRefusal(await call('POST', `/api/hardship/publicity/${caseId}/objections`, { json: { reason: '有房产', contact: '' } }), 401, 'UNAUTHENTICATED');
    expectRefusal(await call('POST', '/api/hardship/publicity/01KDVDNA004S2E9214M318JN5S/objections', { ...as('member'), json: { reason: '有房产', contact: '' } }), 404, 'HARDSHIP_CASE_NOT_FOUND');
    const raised = await call('POST', `/api/hardship/publicity/${caseId}/objections`, { ...as('member'), json: { reason: '据了解其家庭有商铺出租', contact: '' } });
    expect(raised.status, raised.text).toBe(201);
    const paused = await call('GET', `/api/hardship/cases/${caseId}`, as('aid-haikou'));
    expect(paused.body.case).toMatchObject({ status: 'paused', publicity: { paused: true } });
    const resolve = (who: string, body: Record<string, unknown>) => call('POST', `/api/hardship/objections/${raised.body.objectionId}/resolve`, { ...as(who), json: body });
    expectRefusal(await resolve('bus', { outcome: 'dismissed', comment: '核实' }), 403, 'HARDSHIP_ROLE_REQUIRED');
    expectRefusal(await resolve('aid-bus', { outcome: 'dismissed', comment: '核实' }), 403, 'FORBIDDEN');
    expectRefusal(await call('POST', '/api/hardship/objections/01KDVDNA004S2E9214M318JN5S/resolve', { ...as('aid-haikou'), json: { outcome: 'dismissed', comment: '核实' } }), 404, 'HARDSHIP_OBJECTION_NOT_FOUND');
    const dismissed = await resolve('aid-haikou', { outcome: 'dismissed', comment: '经核实无商铺' });
    expect(dismissed.body.case).toMatchObject({ status: 'pending', publicity: { paused: false } });
    expectRefusal(await resolve('aid-haikou', { outcome: 'upheld', comment: '再议' }), 409, 'HARDSHIP_OBJECTION_DONE');
    // One account may hold 公示 up three times at most.
    for (let i = 0; i < 2; i += 1) expect((await call('POST', `/api/hardship/publicity/${caseId}/objections`, { ...as('member'), json: { reason: `补充异议 ${i}`, contact: '' } })).status).toBe(201);
    expectRefusal(await call('POST', `/api/hardship/publicity/${caseId}/objections`, { ...as('member'), json: { reason: '再次异议', contact: '' } }), 429, 'TOO_MANY_ATTEMPTS');
    // A case already filed is not in 公示.
    const filed = (await call('GET', '/api/admin/hardship/files', as('aid-haikou'))).body.items as Array<{ id: string }>;
    expect(filed.length).toBeGreaterThanOrEqual(2);
  });
});

describe('files', () => {
  it('list, read, re-check, payments by two people, export, spot check, stats — and their refusals', async () => {
    expectRefusal(await call('GET', '/api/admin/hardship/files', as('haikou')), 403, 'HARDSHIP_ROLE_REQUIRED');
    expectRefusal(await call('GET', '/api/admin/hardship/files?orgId=org-sanya', as('aid-bus')), 403, 'FORBIDDEN');
    const list = await call('GET', '/api/admin/hardship/files', as('aid-bus'));
    expect(list.status).toBe(200);
    const file = list.body.items[0];
    expect(file.headIdMasked).toMatch(/^46\*{14}[\dX]{2}$/);
    expectRefusal(await call('GET', '/api/admin/hardship/files/not-a-file', as('aid-bus')), 404, 'NOT_FOUND');
    expectRefusal(await call('GET', '/api/admin/hardship/files/HF0000000000000000', as('aid-bus')), 404, 'HARDSHIP_FILE_NOT_FOUND');
    expectRefusal(await call('GET', `/api/admin/hardship/files/${file.id}`, as('haikou')), 403, 'HARDSHIP_ROLE_REQUIRED');
    const read = await call('GET', `/api/admin/hardship/files/${file.id}`, as('aid-bus'));
    expect(read.status).toBe(200);
    expect(read.body.file.members.length).toBe(3);
    expect(read.text).not.toMatch(/\d{17}[\dX]/);

    expectRefusal(await call('POST', `/api/admin/hardship/files/${file.id}/recheck`, { ...as('aid-bus'), json: { action: 'confirm', reason: '情况未变' } }), 409, 'HARDSHIP_RECHECK_NOT_DUE');

    const recorded = await call('POST', `/api/admin/hardship/files/${file.id}/payments`, { ...as('aid-bus'), json: { aid: 'living', amountFen: 100_000, note: '春节慰问' } });
    expect(recorded.status, recorded.text).toBe(201);
    const payment = recorded.body.file.payments.at(-1);
    const confirm = (who: string, paymentId: string) => call('POST', `/api/admin/hardship/files/${file.id}/payments/${paymentId}/confirm`, as(who));
    expectRefusal(await confirm('aid-bus', payment.id), 403, 'HARDSHIP_SAME_PERSON');
    expectRefusal(await confirm('aid-haikou2', '01KDVDNA004S2E9214M318JN5S'), 404, 'HARDSHIP_PAYMENT_NOT_FOUND');
    expect((await confirm('aid-haikou2', payment.id)).body.file.payments.at(-1)).toMatchObject({ status: 'paid' });
    expectRefusal(await confirm('aid-haikou', payment.id), 409, 'HARDSHIP_PAYMENT_DONE');

    const exported = await call('GET', '/api/admin/hardship/export', as('aid-haikou'));
    expect(exported.status).toBe(200);
    expect(exported.body.csv).toContain('职工编号,困难类别,姓名,身份证号');
    expect(exported.body.csv).not.toMatch(/\d{17}[\dX]/);
    expectRefusal(await call('GET', '/api/admin/hardship/export', as('haikou')), 403, 'HARDSHIP_ROLE_REQUIRED');

    expectRefusal(await call('POST', '/api/admin/hardship/spot-checks', { ...as('aid-bus'), json: { orgId: 'org-haikou', year: 2026 } }), 403, 'FORBIDDEN');
    expectRefusal(await call('POST', '/api/admin/hardship/spot-checks', { ...as('aid-haikou'), json: { orgId: 'org-nowhere', year: 2026 } }), 404, 'NOT_FOUND');
    expectRefusal(await call('POST', '/api/admin/hardship/spot-checks', { ...as('aid-haikou'), json: { orgId: 'org-haikou', year: 2026, share: 0.1 } }), 400, 'INVALID_INPUT');
    const drawn = await call('POST', '/api/admin/hardship/spot-checks', { ...as('aid-haikou'), json: { orgId: 'org-haikou', year: 2026 } });
    expect(drawn.status, drawn.text).toBe(200);
    expect(drawn.body.drawn.length).toBe(Math.ceil(drawn.body.population * 0.3));

    const stats = await call('GET', '/api/admin/hardship/stats', as('aid-haikou'));
    expect(stats.status).toBe(200);
    expect(stats.body.byCategory.deep + stats.body.byCategory.relative + stats.body.byCategory.accident).toBeGreaterThanOrEqual(2);
    expectRefusal(await call('GET', '/api/admin/hardship/stats', as('member')), 403, 'HARDSHIP_ROLE_REQUIRED');

    // Closed: no more payments on it.
    const closed = await call('POST', `/api/admin/hardship/files/${file.id}/recheck`, { ...as('aid-bus'), json: { action: 'close', closeReason: 'retired', reason: '已退休' } });
    expect(closed.body.file).toMatchObject({ status: 'closed', closeReason: 'retired' });
    expectRefusal(await call('POST', `/api/admin/hardship/files/${file.id}/payments`, { ...as('aid-bus'), json: { aid: 'living', amountFen: 100, note: '' } }), 409, 'HARDSHIP_FILE_CLOSED');
    expectRefusal(await call('POST', `/api/admin/hardship/files/${file.id}/recheck`, { ...as('aid-bus'), json: { action: 'confirm', reason: 'x' } }), 409, 'HARDSHIP_FILE_CLOSED');
  });

  it('the 低保 standards: the province\'s 帮扶 officials set them, nobody else', async () => {
    const body = { regionCode: '02', year: 2027, monthlyFen: 85_000, source: '测试通知' };
    expectRefusal(await call('POST', '/api/admin/hardship/standards', { ...as('haikou'), json: body }), 403, 'HARDSHIP_ROLE_REQUIRED');
    expectRefusal(await call('POST', '/api/admin/hardship/standards', { ...as('aid-haikou'), json: body }), 403, 'FORBIDDEN');
    const set = await call('POST', '/api/admin/hardship/standards', { ...as('aid-province'), json: body });
    expect(set.body.standard).toMatchObject({ regionCode: '02', regionName: '三亚市', monthlyFen: 85_000 });
    expect((await call('GET', '/api/hardship/standards?year=2027')).body.items).toEqual([expect.objectContaining({ regionCode: '02', monthlyFen: 85_000 })]);
  });
});

describe('the 帮扶 role', () => {
  it('is granted like an official role, within the granter\'s subtree, shown in 我的, and opens the files', async () => {
    const role = { type: 'hardship', orgId: 'org-g-hk-bus' };
    expectRefusal(await call('GET', '/api/admin/hardship/files', as('bus')), 403, 'HARDSHIP_ROLE_REQUIRED');
    expectRefusal(await call('POST', '/api/admin/roles', { ...as('sanya'), json: { memberId: memberOf('dev-bus').id, role } }), 403, 'FORBIDDEN');
    const granted = await call('POST', '/api/admin/roles', { ...as('haikou'), json: { memberId: memberOf('dev-bus').id, role } });
    expect(granted.status, granted.text).toBe(200);
    expect(granted.body.roles).toContainEqual({ type: 'hardship', orgId: 'org-g-hk-bus', orgName: '海口椰城公共交通有限公司工会' });
    const me = await call('GET', '/api/me', as('bus'));
    expect(me.body.roles).toContainEqual({ type: 'hardship', orgId: 'org-g-hk-bus', orgName: '海口椰城公共交通有限公司工会' });
    expect(me.body.roles.some((r: { type: string }) => r.type === 'admin')).toBe(false);
    expect((await call('GET', '/api/admin/hardship/files', as('bus'))).status).toBe(200);
    const revoked = await call('POST', '/api/admin/roles/revoke', { ...as('haikou'), json: { memberId: memberOf('dev-bus').id, role } });
    expect(revoked.status, revoked.text).toBe(200);
    expectRefusal(await call('GET', '/api/admin/hardship/files', as('bus')), 403, 'HARDSHIP_ROLE_REQUIRED');
  });
});

describe('好差评 of a decided case', () => {
  it('the applicant rates the decided case once; it counts in the city\'s 满意度统计; pending, others\' and second ratings refused', async () => {
    const caseOf = async (who: string) => (await call('GET', '/api/me/hardship', as(who))).body.cases[0] as { id: string; status: string };
    const pending = await caseOf('hardship-3');
    expect(['publicity', 'paused']).toContain(pending.status);
    expectRefusal(await call('POST', `/api/hardship/cases/${pending.id}/rate`, { ...as('hardship-3'), json: { level: 5 } }), 409, 'NOT_RATABLE');
    const decided = await caseOf('hardship-2');
    expect(decided.status).toBe('approved');
    const rate = (who: string | null, body: unknown) => call('POST', `/api/hardship/cases/${decided.id}/rate`, { ...(who ? as(who) : {}), json: body });
    expectRefusal(await rate(null, { level: 5 }), 401, 'UNAUTHENTICATED');
    expectRefusal(await rate('member', { level: 5 }), 404, 'HARDSHIP_CASE_NOT_FOUND');
    expectRefusal(await rate('aid-haikou', { level: 5 }), 403, 'FORBIDDEN');
    expectRefusal(await rate('hardship-2', { level: 6 }), 400, 'INVALID_INPUT');
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const row = async () => (await call('GET', `/api/admin/satisfaction?month=${month}`, as('haikou'))).body.byKind.find((k: { kind: string }) => k.kind === 'hardship') as { rated: number };
    const before = (await row())?.rated ?? 0;
    expect((await call('GET', `/api/hardship/cases/${decided.id}`, as('hardship-2'))).body.case.can.rate).toBe(true);
    const rated = await rate('hardship-2', { level: 4, comment: '上门核查很细致' });
    expect(rated.status, rated.text).toBe(200);
    expect(rated.body.case).toMatchObject({ rating: { level: 4, label: '满意', comment: '上门核查很细致' }, can: { rate: false } });
    expect((await row()).rated).toBe(before + 1);
    expectRefusal(await rate('hardship-2', { level: 5 }), 409, 'ALREADY_RATED');
  });
});

import { describe, expect, it, vi } from 'vitest';

// functions/applications/index.ts (the engine hardship runs on) also exports its stores, whose
// modules read the configuration when loaded: a configuration that reaches no database.
vi.hoisted(() => {
  process.env.STAGE ??= 'test';
  process.env.TABLE_PREFIX ??= 'unit-';
  process.env.LOCAL_SECRETS_FILE ??= '/nonexistent/secrets.json';
  process.env.WECHAT_MODE ??= 'dev';
});
import { BUILT_IN_YEARS, buildCalendar } from '../../functions/applications';
import { requiredProofs, selfCheckRequest, caseFormSchema, recheckRequest } from '../../functions/hardship/contracts/hardship';
import { decideCase, newCaseApplication, object, recordVisit, resolveObjection, settle, caseStatus, currentStep } from '../../functions/hardship/domain/case';
import { addMonths, deleteAfter, drawSpotChecks, isDue, isRecheckOverdue, recheckDue } from '../../functions/hardship/domain/recheck';
import { arithmeticLines, selfCheck } from '../../functions/hardship/domain/self-check';
import type { HardshipCase } from '../../functions/hardship/domain/types';
import { csvCell } from '../../functions/hardship/services/files';
import { counterDelta } from '../../functions/hardship/domain/stats';
import type { HardshipFile } from '../../functions/hardship/domain/types';
import { AppError } from '../../functions/kernel/errors';

const STD = { minimumLivingFen: 78_000, relativeMultiple: 2 };

describe('self-check arithmetic (thresholds as data)', () => {
  it('per-person monthly = (income − rigid expenses) ÷ 12 ÷ household size, rounded down to the fen', () => {
    const out = selfCheck({ householdSize: 3, annualIncomeFen: 3_600_000, rigidExpensesFen: 600_000 }, STD);
    // 3,000,000 ÷ 12 ÷ 3 = 83,333.33… fen: not below 780 元, below 1,560 元.
    expect(out).toMatchObject({ category: 'relative', monthlyPerCapitaFen: 83_333, netFen: 3_000_000, relativeLineFen: 156_000 });
  });

  it('categories at the boundaries: exactly the standard is not deep, one fen less is', () => {
    const at = (net: number, size = 2) => selfCheck({ householdSize: size, annualIncomeFen: net, rigidExpensesFen: 0 }, STD).category;
    const line = STD.minimumLivingFen * 12 * 2;
    expect(at(line - 1)).toBe('deep');
    expect(at(line)).toBe('relative');
    expect(at(2 * line - 1)).toBe('relative');
    expect(at(2 * line)).toBe('none');
  });

  it('a fraction of a fen below the line is deep and shows below the line (rounding down keeps them in step)', () => {
    // net 1,871,999 over 24 months = 77,999.958… fen: below 78,000.
    const out = selfCheck({ householdSize: 2, annualIncomeFen: 1_871_999, rigidExpensesFen: 0 }, STD);
    expect(out.category).toBe('deep');
    expect(out.monthlyPerCapitaFen).toBe(77_999);
    expect(out.monthlyPerCapitaFen).toBeLessThan(out.minimumLivingFen);
  });

  it('expenses above income: deep, shown as 0 with the reason in words', () => {
    const input = { householdSize: 4, annualIncomeFen: 100_000, rigidExpensesFen: 500_000 };
    const out = selfCheck(input, STD);
    expect(out).toMatchObject({ category: 'deep', monthlyPerCapitaFen: 0, netFen: -400_000 });
    const lines = arithmeticLines(input, out, '海口市', 2026);
    expect(lines[1]).toContain('支出超过收入，按 0 计');
    expect(lines.at(-1)).toContain('深度困难');
  });

  it('another city with another standard answers differently for the same household', () => {
    const input = { householdSize: 1, annualIncomeFen: 1_000_000, rigidExpensesFen: 0 }; // 83,333 a month
    expect(selfCheck(input, { minimumLivingFen: 85_000, relativeMultiple: 2 }).category).toBe('deep');
    expect(selfCheck(input, { minimumLivingFen: 78_000, relativeMultiple: 2 }).category).toBe('relative');
    expect(selfCheck(input, { minimumLivingFen: 40_000, relativeMultiple: 2 }).category).toBe('none');
  });

  it('the request refuses a household of 0, a negative income and a city outside Hainan', () => {
    expect(selfCheckRequest.safeParse({ householdSize: 0, annualIncomeFen: 1, rigidExpensesFen: 0, regionCode: '01' }).success).toBe(false);
    expect(selfCheckRequest.safeParse({ householdSize: 1, annualIncomeFen: -1, rigidExpensesFen: 0, regionCode: '01' }).success).toBe(false);
    expect(selfCheckRequest.safeParse({ householdSize: 1, annualIncomeFen: 1, rigidExpensesFen: 0, regionCode: '99' }).success).toBe(false);
    expect(selfCheckRequest.safeParse({ householdSize: 1, annualIncomeFen: 1.5, rigidExpensesFen: 0, regionCode: '01' }).success).toBe(false);
  });
});

describe('the form', () => {
  it('proofs by cause: everyone income; illness diagnosis and bills; schooling fees and admission; migrant workers a contract', () => {
    expect(requiredProofs({ mainCause: '3', secondaryCauses: [], migrantWorker: false })).toEqual(['income']);
    expect(requiredProofs({ mainCause: '6', secondaryCauses: ['9'], migrantWorker: true })).toEqual(['income', 'diagnosis', 'medical-bills', 'school-fees', 'admission', 'labour-contract']);
  });

  it('exactly one "self", at most three secondary causes, none the main one', () => {
    const member = (relation: string, idNumber: string) => ({ name: '王海涛', relation, idNumber, health: 'healthy', monthlyIncomeFen: 100_000, schoolOrEmployer: '' });
    const form = {
      members: [member('self', '460106199707187236')],
      housing: { type: 'rented', areaM2: 40, address: '海口市龙华区' },
      mainCause: '6',
      secondaryCauses: ['9'],
      aid: ['medical'],
      rigidExpensesFen: 0,
      otherIncomeFen: 0,
      regionCode: '01',
      migrantWorker: false,
      payee: { bankName: '中国工商银行海口分行', accountNumber: '6222021234567890128' },
      proofs: [],
      statement: '患病',
    };
    const ok = caseFormSchema.safeParse(form);
    expect(ok.success, JSON.stringify(ok.error?.issues)).toBe(true);
    expect(caseFormSchema.safeParse({ ...form, members: [member('spouse', '460106199707187236')] }).success).toBe(false);
    expect(caseFormSchema.safeParse({ ...form, secondaryCauses: ['6'] }).success).toBe(false);
    expect(caseFormSchema.safeParse({ ...form, secondaryCauses: ['1', '2', '3', '4'] }).success).toBe(false);
    expect(caseFormSchema.safeParse({ ...form, payee: { bankName: '中国工商银行', accountNumber: '6222021234567890123' } }).success).toBe(false);
  });

  it('a close needs its reason and a change its category', () => {
    expect(recheckRequest.safeParse({ action: 'close', reason: '已就业' }).success).toBe(false);
    expect(recheckRequest.safeParse({ action: 'close', closeReason: 'recovered', reason: '已就业' }).success).toBe(true);
    expect(recheckRequest.safeParse({ action: 'change', reason: '收入提高' }).success).toBe(false);
  });
});

describe('the yearly re-check and retention', () => {
  it('due a year after the last check, the last day of February kept in a leap year', () => {
    expect(recheckDue({ lastCheckDate: '2026-03-15' })).toBe('2027-03-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(isDue({ lastCheckDate: '2026-03-15', status: 'active' }, '2027-02-14')).toBe(false);
    expect(isDue({ lastCheckDate: '2026-03-15', status: 'active' }, '2027-02-15')).toBe(true);
    expect(isRecheckOverdue({ lastCheckDate: '2026-03-15', status: 'active' }, '2027-03-15')).toBe(false);
    expect(isRecheckOverdue({ lastCheckDate: '2026-03-15', status: 'active' }, '2027-03-16')).toBe(true);
    expect(isDue({ lastCheckDate: '2020-03-15', status: 'closed' }, '2027-03-16')).toBe(false);
  });

  it('closed files are deleted ten years after closing', () => {
    expect(deleteAfter('2026-12-07')).toBe('2036-12-07');
  });
});

describe('the spot-check draw', () => {
  const files = Array.from({ length: 20 }, (_, i) => `HF${String(i).padStart(16, '0')}`);

  it('draws the share rounded up, the same for the same seed whatever the order read, another for another seed', () => {
    const a = drawSpotChecks(files, 0.3, 'seed-1');
    expect(a).toHaveLength(6);
    expect(drawSpotChecks([...files].reverse(), 0.3, 'seed-1')).toEqual(a);
    expect(drawSpotChecks(files, 0.3, 'seed-2')).not.toEqual(a);
    expect(new Set(a).size).toBe(6);
    expect(a.every((id) => files.includes(id))).toBe(true);
    expect(drawSpotChecks(files.slice(0, 1), 0.3, 's')).toHaveLength(1);
    expect(drawSpotChecks([], 0.3, 's')).toEqual([]);
    expect(drawSpotChecks(files.slice(0, 7), 0.3, 's')).toHaveLength(3);
  });
});

describe('the case on the engine', () => {
  const calendar = buildCalendar(BUILT_IN_YEARS);
  const at = (iso: string) => ({ now: new Date(iso), calendar });
  const grassroots = { id: 'g', name: '基层工会', path: ['p', 'c', 'g'] };
  const city = { id: 'c', name: '市总工会', path: ['p', 'c'] };
  const official = (openid: string, orgId: string) => ({ openid, roles: [{ type: 'official' as const, orgId }] });

  function newCase(): HardshipCase {
    const app = newCaseApplication({ id: '01J0000000000000000000CASE', applicant: { openid: 'member', memberId: 'm', name: '王海涛' }, householdKey: 'h', regionCode: '01', grassroots, city }, at('2026-12-01T02:00:00Z'));
    return {
      app,
      householdKey: 'h',
      memberId: 'm',
      orgId: 'g',
      orgPath: grassroots.path,
      cityOrgId: 'c',
      form: { computedCategory: 'deep' } as HardshipCase['form'],
      financeConsent: { version: '2026-01', at: '' },
      category: null,
      visit: null,
      publicity: null,
      objections: [],
      fileId: null,
    };
  }
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return err instanceof AppError ? err.code : String(err);
    }
    return 'none';
  };

  it('five steps; the visit needs its record; nobody decides two steps; 公示 closes itself after its days; 审批 files it', () => {
    let c = newCase();
    expect(c.app.steps.map((s) => s.org.id)).toEqual(['g', 'g', 'c', 'c', 'c']);
    c = decideCase(c, { step: 'review', decision: 'approve', comment: '', category: undefined }, official('a', 'g'), 'g', at('2026-12-01T03:00:00Z'), 5).after;
    expect(currentStep(c)).toBe('visit');
    expect(code(() => decideCase(c, { step: 'visit', decision: 'approve', comment: '', category: undefined }, official('b', 'g'), 'g', at('2026-12-02T03:00:00Z'), 5))).toBe('HARDSHIP_VISIT_REQUIRED');
    c = recordVisit(c, { date: '2026-12-02', met: '本人及配偶', notes: '', signedApplicationKeys: ['k1'], authorisationKeys: ['k2'], recordedAt: '', recordedBy: 'b', recordedByOrgId: 'g' }, at('2026-12-02T03:00:00Z'));
    expect(code(() => decideCase(c, { step: 'visit', decision: 'approve', comment: '', category: undefined }, official('a', 'g'), 'g', at('2026-12-02T03:00:00Z'), 5))).toBe('HARDSHIP_SAME_OFFICIAL_TWICE');
    c = decideCase(c, { step: 'visit', decision: 'approve', comment: '', category: undefined }, official('b', 'g'), 'g', at('2026-12-02T03:00:00Z'), 5).after;
    c = decideCase(c, { step: 'center', decision: 'approve', comment: '', category: 'relative' }, official('c', 'c'), 'c', at('2026-12-03T03:00:00Z'), 5).after;
    expect(c.publicity).toEqual({ startDate: '2026-12-04', endDate: '2026-12-08', pausedAt: null });
    expect(currentStep(c)).toBe('publicity');
    expect(code(() => decideCase(c, { step: 'publicity', decision: 'approve', comment: '', category: undefined }, official('d', 'c'), 'c', at('2026-12-09T03:00:00Z'), 5))).toBe('HARDSHIP_PUBLICITY_RUNNING');
    expect(settle(c, at('2026-12-08T15:00:00Z')).moved).toBe(false); // 23:00 on the 8th in China: still running
    const settled = settle(c, at('2026-12-08T16:00:00Z')); // 00:00 on the 9th
    expect(settled.moved).toBe(true);
    c = settled.after;
    expect(currentStep(c)).toBe('approval');
    const done = decideCase(c, { step: 'approval', decision: 'approve', comment: '', category: undefined }, official('d', 'c'), 'c', at('2026-12-09T03:00:00Z'), 5);
    expect(done.completed).toBe(true);
    expect(done.after.app.status).toBe('approved');
    expect(done.after.category).toBe('relative');
  });

  it('an objection pauses 公示; dismissed, it resumes with its end moved on by the days paused; upheld ends the case', () => {
    let c = newCase();
    c = decideCase(c, { step: 'review', decision: 'approve', comment: '', category: undefined }, official('a', 'g'), 'g', at('2026-12-01T03:00:00Z'), 5).after;
    c = recordVisit(c, { date: '2026-12-02', met: '本人', notes: '', signedApplicationKeys: ['k1'], authorisationKeys: ['k2'], recordedAt: '', recordedBy: 'b', recordedByOrgId: 'g' }, at('2026-12-02T03:00:00Z'));
    c = decideCase(c, { step: 'visit', decision: 'approve', comment: '', category: undefined }, official('b', 'g'), 'g', at('2026-12-02T03:00:00Z'), 5).after;
    c = decideCase(c, { step: 'center', decision: 'approve', comment: '', category: undefined }, official('c', 'c'), 'c', at('2026-12-03T03:00:00Z'), 5).after;
    expect(code(() => object(c, { id: 'o0', reason: '早', contact: '', by: 'x', status: 'open', at: '', resolvedAt: null, resolvedBy: null, comment: null }, at('2026-12-03T05:00:00Z')))).toBe('HARDSHIP_NOT_IN_PUBLICITY');
    c = object(c, { id: 'o1', reason: '家有两套房', contact: '', by: 'x', status: 'open', at: '', resolvedAt: null, resolvedBy: null, comment: null }, at('2026-12-05T03:00:00Z'));
    expect(caseStatus(c)).toBe('paused');
    expect(settle(c, at('2026-12-20T03:00:00Z')).moved).toBe(false);
    const dismissed = resolveObjection(c, 'o1', 'dismissed', '核实无房产', 'c', at('2026-12-08T03:00:00Z'));
    expect(dismissed.publicity).toEqual({ startDate: '2026-12-04', endDate: '2026-12-11', pausedAt: null });
    expect(caseStatus(dismissed)).toBe('pending');
    expect(code(() => resolveObjection(dismissed, 'o1', 'upheld', 'x', 'c', at('2026-12-08T03:00:00Z')))).toBe('HARDSHIP_OBJECTION_DONE');
    // One account holds 公示 up at most three times.
    let spam = c;
    for (const id of ['o2', 'o3']) spam = object(spam, { id, reason: '再议', contact: '', by: 'x', status: 'open', at: '', resolvedAt: null, resolvedBy: null, comment: null }, at('2026-12-05T04:00:00Z'));
    expect(code(() => object(spam, { id: 'o4', reason: '再议', contact: '', by: 'x', status: 'open', at: '', resolvedAt: null, resolvedBy: null, comment: null }, at('2026-12-05T04:00:00Z')))).toBe('TOO_MANY_ATTEMPTS');
    const upheld = resolveObjection(c, 'o1', 'upheld', '核实有两套房', 'c', at('2026-12-08T03:00:00Z'));
    expect(upheld.app.status).toBe('rejected');
    expect(upheld.app.steps.map((s) => s.status)).toEqual(['approved', 'approved', 'approved', 'rejected', 'skipped']);
  });
});

describe('the export', () => {
  it('neutralises formulas and quotes commas as the roster report does', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('海口市,龙华区')).toBe('"海口市,龙华区"');
    expect(csvCell(12)).toBe('12');
  });
});

describe('the statistics counters', () => {
  const file = (fields: Partial<HardshipFile>): HardshipFile =>
    ({ status: 'active', category: 'deep', mainCause: '6', regionCode: '01', createdAt: '2026-12-01T02:00:00.000Z', closedAt: null, rechecks: [], ...fields }) as HardshipFile;

  it('a new file adds its category, cause, city and the year it was created', () => {
    expect(counterDelta(null, file({}))).toEqual({ 'cat#deep': 1, 'cause#6': 1, 'city#01': 1, 'new#2026': 1 });
  });

  it('a re-check that changes the category moves one count across and adds the re-check (on time) to its year in China', () => {
    const before = file({});
    const after = file({ category: 'relative', rechecks: [{ at: '2027-12-31T17:00:00.000Z', onTime: true } as HardshipFile['rechecks'][number]] });
    expect(counterDelta(before, after)).toEqual({ 'cat#deep': -1, 'cat#relative': 1, 'rechecks#2028': 1, 'onTime#2028': 1 });
  });

  it('closing takes the file out of the category, cause and city counts and adds it to the year closed', () => {
    expect(counterDelta(file({}), file({ status: 'closed', closedAt: '2027-05-01' }))).toEqual({ 'cat#deep': -1, 'cause#6': -1, 'city#01': -1, 'closed#2027': 1 });
  });
});

/**
 * 困难帮扶's form model (src/hardship/apply/form.ts, src/hardship/model.ts): amounts typed in yuan,
 * each step checked with the contract's own schema (only that step's fields), the proofs the causes
 * need, at most three secondary causes never the main one, and the server draft round trip.
 */
import { describe, expect, it } from 'vitest';
import { caseFormSchema } from '../../functions/hardship/contracts/hardship';
import {
  buildForm,
  emptyDraft,
  emptyMember,
  formErrors,
  fromServerDraft,
  missingProofs,
  offeredProofs,
  stepErrors,
  toggleSecondary,
  toServerDraft,
  type HardshipDraft,
} from '../../src/hardship/apply/form';
import { bankCardHint, groupDigits, sumFen, yuanFen } from '../../src/hardship/model';

const ID_SELF = '460106199707187236';
const ID_SPOUSE = '460203199110203244';
const CARD = '6222021234567890128';

function filled(): HardshipDraft {
  return {
    ...emptyDraft(),
    members: [
      { name: '王海涛', relation: 'self', idNumber: ID_SELF, health: 'chronic', income: '2800', schoolOrEmployer: '海口公交' },
      { name: '李秀梅', relation: 'spouse', idNumber: ID_SPOUSE, health: 'serious', income: '0', schoolOrEmployer: '' },
    ],
    housingType: 'rented',
    housingArea: '45.5',
    address: '海口市美兰区海甸岛五西路',
    regionCode: '01',
    mainCause: '6',
    secondaryCauses: ['9'],
    migrantWorker: false,
    statement: '配偶长期透析',
    aid: ['medical'],
    rigidExpenses: '36000',
    otherIncome: '0',
    bankName: '中国工商银行海口分行',
    accountNumber: CARD,
  };
}

describe('amounts and the bank card', () => {
  it('reads yuan as typed: empty is 0, two decimals at most, commas allowed; a sum is null while one is not an amount', () => {
    expect(yuanFen('')).toBe(0);
    expect(yuanFen('1,280.5')).toBe(128_050);
    expect(yuanFen('3万')).toBeNull();
    expect(yuanFen('1.234')).toBeNull();
    expect(sumFen(['30000', '', '0.5'])).toBe(3_000_050);
    expect(sumFen(['30000', 'abc'])).toBeNull();
  });

  it('hints the card check digit as the API words it, and groups the digits by four', () => {
    expect(bankCardHint('')).toBeNull();
    expect(bankCardHint(CARD)).toBeNull();
    expect(bankCardHint('6222021234567890123')).toBe('银行卡号校验不通过，请逐位核对（最后一位是校验位）');
    expect(bankCardHint('6222')).toMatch(/位数字$/);
    expect(groupDigits(CARD)).toBe('6222 0212 3456 7890 128');
  });
});

describe('the steps, checked with the contract', () => {
  it('a filled form is what caseFormSchema takes, amounts in fen', () => {
    const { form, amountErrors } = buildForm(filled(), [{ kind: 'income', key: 'k1' }]);
    expect(amountErrors).toEqual({});
    const checked = formErrors(form);
    expect(checked.ok).toBe(true);
    const parsed = caseFormSchema.parse(form);
    expect(parsed.members.map((m) => m.monthlyIncomeFen)).toEqual([280_000, 0]);
    expect(parsed.housing.areaM2).toBe(45.5);
    expect(parsed.rigidExpensesFen).toBe(3_600_000);
  });

  it('each step reports only its own fields', () => {
    const draft = { ...emptyDraft(), members: [{ ...emptyMember('self'), name: '王海涛' }] };
    const household = stepErrors('household', draft, []);
    expect(Object.keys(household).sort()).toEqual(['members.0.health', 'members.0.idNumber', 'members.0.monthlyIncomeFen']);
    const cause = stepErrors('cause', draft, []);
    expect(Object.keys(cause).every((k) => /^(housing|regionCode|mainCause|secondaryCauses|migrantWorker|statement)/.test(k))).toBe(true);
    expect(cause.mainCause).toBe('请选择一项主要致困原因');
    const aid = stepErrors('aid', { ...filled(), accountNumber: '6222021234567890123', rigidExpenses: '3万' }, []);
    expect(aid['payee.accountNumber']).toBe('银行卡号校验不通过，请逐位核对（最后一位是校验位）');
    expect(aid.rigidExpensesFen).toBe('请填写金额（元），最多两位小数');
    expect(stepErrors('household', filled(), [])).toEqual({});
  });

  it("an ID number with a wrong check character, and a household without exactly one 本人, are refused in the contract's words", () => {
    const wrong = filled();
    wrong.members[0]!.idNumber = `${ID_SELF.slice(0, 17)}0`;
    expect(stepErrors('household', wrong, [])['members.0.idNumber']).toBe('身份证号的出生日期或校验位不正确，请核对');
    const two = filled();
    two.members[1]!.relation = 'self';
    expect(stepErrors('household', two, []).members).toBe('家庭成员中须有且只有一位“本人”');
  });
});

describe('causes and proofs', () => {
  it('the proofs follow the causes: illness diagnosis and bills, schooling fees and admission, a migrant worker a contract', () => {
    const draft = filled();
    expect(missingProofs(draft, [])).toEqual(['income', 'diagnosis', 'medical-bills', 'school-fees', 'admission']);
    expect(missingProofs(draft, [{ kind: 'income' }, { kind: 'diagnosis' }])).toEqual(['medical-bills', 'school-fees', 'admission']);
    expect(missingProofs({ ...draft, mainCause: '3', secondaryCauses: [], migrantWorker: true }, [])).toEqual(['income', 'labour-contract']);
    expect(offeredProofs({ ...draft, mainCause: '3', secondaryCauses: [] })).toEqual(['income', 'id-card', 'hukou', 'other']);
    expect(stepErrors('proofs', draft, [{ kind: 'income', key: 'k' }]).proofs).toBe('请上传：诊断证明、医疗票据、学费票据、录取通知书');
  });

  it('at most three secondary causes, never the main one', () => {
    let draft: HardshipDraft = { ...filled(), mainCause: '6', secondaryCauses: [] };
    expect(toggleSecondary(draft, '6')).toEqual([]);
    for (const c of ['1', '2', '3', '4']) draft = { ...draft, secondaryCauses: toggleSecondary(draft, c) };
    expect(draft.secondaryCauses).toEqual(['1', '2', '3']);
    expect(toggleSecondary(draft, '2')).toEqual(['1', '3']);
  });
});

describe('the server draft', () => {
  it('keeps what parses (never the bank card) and comes back as typed', () => {
    const draft = filled();
    const kept = toServerDraft(draft);
    expect(kept).not.toHaveProperty('payee');
    expect(kept.members?.map((m) => m.idNumber)).toEqual([ID_SELF, ID_SPOUSE]);
    const back = fromServerDraft(kept)!;
    expect(back.members[0]).toEqual(draft.members[0]);
    expect(back).toMatchObject({ housingType: 'rented', housingArea: '45.5', mainCause: '6', secondaryCauses: ['9'], rigidExpenses: '36000', accountNumber: '' });
    // A half-typed member is left out rather than refused by the server.
    const half = { ...draft, members: [...draft.members, { ...emptyMember('child'), name: '王小宇' }] };
    expect(toServerDraft(half).members).toHaveLength(2);
    expect(fromServerDraft(null)).toBeNull();
  });
});

describe('the officials’ entry', () => {
  it('我的 offers 困难帮扶 to holders of the 帮扶 role and admins, not to other officials', async () => {
    const { entriesFor } = await import('../../src/components/me-entries');
    const ids = (roles: Parameters<typeof entriesFor>[0]) => entriesFor(roles, false).map((e) => e.id);
    expect(ids([{ type: 'hardship', orgId: 'org-g-hk-bus', orgName: '海口椰城公共交通有限公司工会' }])).toContain('me-hardship');
    expect(ids([{ type: 'admin' }])).toContain('me-hardship');
    expect(ids([{ type: 'official', orgId: 'org-haikou', orgName: '海口市总工会' }])).not.toContain('me-hardship');
    expect(entriesFor([{ type: 'hardship', orgId: 'org-haikou', orgName: '海口市总工会' }], false).find((e) => e.id === 'me-hardship')?.url).toBe('/hardship/queue/index');
  });
});

import { describe, expect, it } from 'vitest';
import { SATISFACTION_FORMULAS, type SatisfactionFigures } from '../../functions/applications/contracts/satisfaction';
import { followUpByLabel, followUpLabel, validateFollowUp } from '../../src/components/application/model';
import { figureRows, headlineOf, monthLabel, monthOf, shiftMonth } from '../../src/staff/satisfaction/model';

const NOW = Date.parse('2026-05-06T09:00:00+08:00');
const busUnion = { id: 'org-g-hk-bus', name: '海口椰城公共交通有限公司工会' };

describe('回访 on the officials’ pages', () => {
  it('checks the note with the contract: required, trimmed, at most 500 characters', () => {
    expect(validateFollowUp('  已电话回访，说明驳回依据  ')).toEqual({ ok: true, request: { note: '已电话回访，说明驳回依据' } });
    expect(validateFollowUp('   ')).toEqual({ ok: false, error: '请填写回访情况（核实、整改及答复会员的情况）' });
    expect(validateFollowUp('访'.repeat(501))).toEqual({ ok: false, error: '回访情况（核实、整改及答复会员的情况）不能超过500个字' });
  });

  it('says where a 回访 stands and who recorded it', () => {
    const open = { org: busUnion, status: 'open' as const, dueDate: '2026-05-20', overdue: false };
    expect(followUpLabel(open, NOW)).toBe('待回访：海口椰城公共交通有限公司工会应于5月20日（周三）前答复');
    expect(followUpLabel({ ...open, dueDate: '2026-04-30', overdue: true }, NOW)).toBe('回访已超期：海口椰城公共交通有限公司工会应于4月30日（周四）前答复');
    expect(followUpLabel({ ...open, status: 'done', onTime: false }, NOW)).toBe('已回访（超过期限）');
    expect(followUpByLabel({ role: 'ancestor', org: { id: 'org-haikou', name: '海口市总工会' } })).toBe('海口市总工会（上级工会）');
    expect(followUpByLabel({ role: 'admin', org: null })).toBe('平台管理员');
  });
});

describe('满意度 page', () => {
  it('starts at this month in China and steps across years', () => {
    expect(monthOf(Date.parse('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-05', -17)).toBe('2024-12');
    expect(monthLabel('2026-03')).toBe('2026年3月');
  });

  it('reads every figure in order, rates as percentages, and marks 差评 and a 回访 rate below 100 %', () => {
    const figures: SatisfactionFigures = {
      rated: 49,
      levels: [
        { level: 5, count: 40 },
        { level: 4, count: 5 },
        { level: 3, count: 3 },
        { level: 2, count: 1 },
        { level: 1, count: 0 },
      ],
      good: 48,
      bad: 1,
      satisfactionRate: 0.9796,
      followedUp: 1,
      followedUpOnTime: 0,
      followUpOnTimeRate: 0,
    };
    expect(figureRows(figures).map((r) => [r.label, r.value, r.warn ?? false])).toEqual([
      ['评价总数', '49', false],
      ['非常满意', '40', false],
      ['满意', '5', false],
      ['基本满意', '3', false],
      ['不满意', '1', false],
      ['非常不满意', '0', false],
      ['满意率', '97.96%', false],
      ['差评', '1', true],
      ['已回访', '1', false],
      ['按期回访', '0', false],
      ['按期回访率', '0.00%', true],
    ]);
    const none: SatisfactionFigures = { ...figures, rated: 0, levels: [], good: 0, bad: 0, satisfactionRate: null, followedUp: 0, followedUpOnTime: 0, followUpOnTimeRate: null };
    expect(headlineOf(none)).toEqual({ satisfactionRate: '—', followUpOnTimeRate: '—' });
    expect(figureRows(none).find((r) => r.key === 'follow-up-rate')).toMatchObject({ value: '—', warn: false });
    // The page prints the formulas the answer carries, which are the contract's.
    expect(SATISFACTION_FORMULAS.satisfactionRate).toBe('满意率 = (非常满意 + 满意 + 基本满意) ÷ 全部评价');
  });
});

describe('申请审核 reason templates', () => {
  it('fill an empty comment, follow what is written, never twice, and stay within 200 characters', async () => {
    const { REASON_TEMPLATES, withTemplate } = await import('../../src/staff/application/reasons');
    const [agree, incomplete] = REASON_TEMPLATES;
    expect(withTemplate('', incomplete)).toBe('材料不全，请补充后重新提交。');
    expect(withTemplate('缺少劳动合同。', incomplete)).toBe('缺少劳动合同。材料不全，请补充后重新提交。');
    expect(withTemplate(agree, agree)).toBe(agree);
    expect(withTemplate('字'.repeat(195), incomplete)).toHaveLength(200);
  });
});

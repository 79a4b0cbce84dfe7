import type { SelfCheckCategory } from '../contracts/hardship';

/**
 * The self-check's arithmetic (DOMAIN.md › Hardship aid): per-person monthly income =
 * (yearly income − rigid expenses) ÷ 12 ÷ household size; 深度困难 below the region's 低保 standard,
 * 相对困难 below `relativeMultiple` times it (2 by the national scheme). The thresholds are data
 * (the standard per city and year, the multiple) and the category is decided on whole fen without
 * division: below the standard means (income − expenses) < standard × 12 × size, so no rounding can
 * move a household across a line. The shown monthly figure is rounded down to the fen (and never
 * below 0): rounded down, it is below the standard exactly when the household is.
 */
export interface Thresholds {
  /** 低保, monthly per person, fen. */
  minimumLivingFen: number;
  /** The 相对困难 line as a multiple of the standard. */
  relativeMultiple: number;
}

export const RELATIVE_MULTIPLE = 2;

export interface SelfCheckInput {
  householdSize: number;
  annualIncomeFen: number;
  rigidExpensesFen: number;
}

export interface SelfCheckOutcome {
  category: SelfCheckCategory;
  monthlyPerCapitaFen: number;
  minimumLivingFen: number;
  relativeLineFen: number;
  netFen: number;
}

export function selfCheck(input: SelfCheckInput, t: Thresholds): SelfCheckOutcome {
  const net = input.annualIncomeFen - input.rigidExpensesFen;
  const months = 12 * input.householdSize;
  const relativeLineFen = t.minimumLivingFen * t.relativeMultiple;
  const category: SelfCheckCategory =
    net < t.minimumLivingFen * months ? 'deep' : net < relativeLineFen * months ? 'relative' : 'none';
  return {
    category,
    monthlyPerCapitaFen: net <= 0 ? 0 : Math.floor(net / months),
    minimumLivingFen: t.minimumLivingFen,
    relativeLineFen,
    netFen: net,
  };
}

const yuan = (fen: number) => `${fen < 0 ? '−' : ''}${(Math.abs(fen) / 100).toFixed(2)} 元`;

/** The arithmetic in words, as the page shows it. */
export function arithmeticLines(input: SelfCheckInput, out: SelfCheckOutcome, regionName: string, year: number): string[] {
  const lines = [
    `家庭年收入 ${yuan(input.annualIncomeFen)} − 刚性支出 ${yuan(input.rigidExpensesFen)} = ${yuan(out.netFen)}`,
    `${yuan(out.netFen)} ÷ 12 个月 ÷ ${input.householdSize} 人 = 每人每月 ${yuan(out.monthlyPerCapitaFen)}${out.netFen < 0 ? '（支出超过收入，按 0 计）' : ''}`,
    `${regionName} ${year} 年低保标准：每人每月 ${yuan(out.minimumLivingFen)}；相对困难线（低保的 2 倍）：${yuan(out.relativeLineFen)}`,
  ];
  if (out.category === 'deep') lines.push(`每人每月 ${yuan(out.monthlyPerCapitaFen)} 低于低保标准：可申请认定为深度困难职工`);
  else if (out.category === 'relative') lines.push(`每人每月 ${yuan(out.monthlyPerCapitaFen)} 不低于低保标准、低于其 2 倍：可申请认定为相对困难职工`);
  else lines.push(`每人每月 ${yuan(out.monthlyPerCapitaFen)} 不低于低保标准的 2 倍：暂不符合深度困难或相对困难的认定条件`);
  return lines;
}

/** What the page explains besides the arithmetic (not computed: they need a visit and proofs). */
export const SELF_CHECK_NOTES = [
  '意外致困：因自然灾害、重大事故、疫情、治安事件等致伤致残致亡，或突发事件、意外事故、重大疾病导致当年支出或损失超过家庭年收入 80% 的，即使收入不低，也可申请认定为意外致困职工。',
  '困难农民工：在城镇长期居住、符合上述任一类别，且有一年以上事实劳动关系的农民工，可按困难农民工申请帮扶（需提供劳动合同）。',
  '自测结果仅供参考，不保存任何信息；是否认定以工会入户核查、家庭经济状况核对和公示后的审批为准。',
];
